/** A column as written (`*`, `auto`, a length in pt or a percentage) and what its content needs. */
export interface ColumnSpec {
  width: number | string | undefined;
  /** Narrowest and widest the content can be set, paddings included. */
  min: number;
  max: number;
  /** Narrowest with every word broken where it must: the last resort before a table is too wide. */
  floor?: number;
  /** Paddings and rules around the column in a table, which a percentage width includes. */
  reserved?: number;
}

const isStar = (w: ColumnSpec['width']) => w === undefined || w === '*' || w === 'star';
const isFlexible = (w: ColumnSpec['width']) => isStar(w) || w === 'auto';

/** What the `auto` and `*` columns need at the least. */
function flexibleMin(cols: ColumnSpec[]): number {
  const star = cols.filter((c) => isStar(c.width));
  const starMin = Math.max(0, ...star.map((c) => c.min));
  return cols.filter((c) => c.width === 'auto').reduce((s, c) => s + c.min, 0) + starMin * star.length;
}

/**
 * Column widths as pdfmake and HTML tables size them: fixed and percentage columns first, `auto`
 * columns at their widest when they fit beside the `*` columns at their narrowest, else shared
 * between narrowest and widest in proportion, and `*` columns share what is left. A percentage is of the whole width, each
 * column's paddings and rules (`reserved`, outside `available`) included. When even the narrowest widths do not fit, `auto` and `*` columns go
 * below them — towards `floor`, where text breaks inside words — and `overflow` says by how much
 * the columns still exceed the room.
 */
export function columnWidths(cols: ColumnSpec[], available: number): { widths: number[]; overflow: number } {
  const whole = available + cols.reduce((s, c) => s + (c.reserved ?? 0), 0);
  const widths = new Array<number>(cols.length).fill(0);
  let room = available;
  cols.forEach((c, i) => {
    if (typeof c.width === 'number') widths[i] = c.width;
    else if (typeof c.width === 'string' && c.width.endsWith('%')) widths[i] = (Number.parseFloat(c.width) * whole) / 100 - (c.reserved ?? 0);
    else return;
    room -= widths[i];
  });
  // A written width narrower than the column's longest word is widened to it (as HTML tables do),
  // while the flexible columns can spare the room: 186.6 stays whole in a column written 8 %.
  cols.forEach((c, i) => {
    if (isFlexible(c.width) || widths[i]! >= c.min) return;
    const spare = room - flexibleMin(cols);
    const grow = Math.min(c.min - widths[i]!, Math.max(0, spare));
    widths[i]! += grow;
    room -= grow;
  });
  const auto = cols.map((c, i) => (c.width === 'auto' ? i : -1)).filter((i) => i >= 0);
  const star = cols.map((c, i) => (isStar(c.width) ? i : -1)).filter((i) => i >= 0);
  const starMin = Math.max(0, ...star.map((i) => cols[i]!.min));
  const starMax = Math.max(0, ...star.map((i) => cols[i]!.max));
  const minW = auto.reduce((s, i) => s + cols[i]!.min, 0) + starMin * star.length;
  const maxW = auto.reduce((s, i) => s + cols[i]!.max, 0) + starMax * star.length;
  if (minW >= room) {
    // Not even the narrowest fit: squeeze the flexible columns between floor and min, in proportion.
    const flexible = [...auto, ...star];
    const floorOf = (i: number) => Math.min(cols[i]!.floor ?? cols[i]!.min, isStar(cols[i]!.width) ? starMin : cols[i]!.min);
    const minOf = (i: number) => (isStar(cols[i]!.width) ? starMin : cols[i]!.min);
    const floorW = flexible.reduce((s, i) => s + floorOf(i), 0);
    const share = minW > floorW ? Math.max(0, Math.min(1, (room - floorW) / (minW - floorW))) : 0;
    for (const i of flexible) widths[i] = floorOf(i) + (minOf(i) - floorOf(i)) * share;
  } else {
    const autoMax = auto.reduce((s, i) => s + cols[i]!.max, 0);
    if (maxW < room || autoMax + starMin * star.length <= room) {
      // An `auto` column is sized by its content and a `*` column by what is left: the auto column
      // takes its widest while the `*` columns keep their narrowest (a column of project names
      // stays on one line beside figures, whose columns a long header would otherwise widen).
      for (const i of auto) widths[i] = cols[i]!.max;
    } else {
      for (const i of auto) widths[i] = cols[i]!.min + ((cols[i]!.max - cols[i]!.min) * (room - minW)) / Math.max(1e-9, maxW - minW);
    }
    const left = room - auto.reduce((s, i) => s + widths[i]!, 0);
    for (const i of star) widths[i] = star.length ? left / star.length : 0;
  }
  const total = widths.reduce((s, w) => s + w, 0);
  return { widths, overflow: Math.max(0, total - available) };
}
