import type { Content } from '../../document/doc-definition.js';
import { BriefingError } from '../../errors/briefing-error.js';
import type { Block, NodeLayout } from './block.js';
import { columnWidths } from './column-widths.js';
import { group, type Item } from './frame.js';
import { runsOf } from './set-text.js';

type LayoutFn = (i: number, node: Content, col?: number) => number;
type ColorFn = (i: number, node: Content, col?: number) => string | undefined;

interface TableLayout {
  hLineWidth: LayoutFn;
  vLineWidth: LayoutFn;
  hLineColor: ColorFn;
  vLineColor: ColorFn;
  paddingLeft: LayoutFn;
  paddingRight: LayoutFn;
  paddingTop: LayoutFn;
  paddingBottom: LayoutFn;
  fillColor?: ColorFn;
}

/** One cell as laid out: where it starts, how many columns and rows it spans, and its content. */
interface Cell {
  col: number;
  span: number;
  rowSpan: number;
  block: Block;
  fill?: string;
}

/** A row's cells (those that start in it) and the height of its content. */
interface Row {
  index: number;
  cells: Cell[];
  content: number;
}

/** A cell up to this many em wide is not broken when the table has room for it whole. */
const SHORT_CELL_EM = 6.2;

/** Pages one table cell may run over. */
const MAX_CELL_PAGES = 3;

/** Body rows a first part keeps under the header, and a last part takes with it: no row stands alone. */
const KEEP_ROWS = 2;

/**
 * A ruled table, laid out as pdfmake lays one out (column widths, paddings, rules), that breaks
 * like a book's: only between rows; the header rows repeated on every page; a caption with its
 * first part, and on every continuation the caption with （续） — or 续表 when it has none; at least
 * two body rows with the header and two on the last page. A row is cut inside its cells only when
 * it alone is taller than a page. Columns that cannot fit the width are an error, never clipped.
 */
export function tableBlock(node: Content, width: number, env: NodeLayout, base: { before: number; after: number; x: number }): Block {
  const spec = node.table as { body: Content[][]; widths?: (number | string)[]; headerRows?: number };
  const layout = layoutOf(node.layout as Partial<TableLayout> | undefined);
  const body = spec.body;
  const cols = Math.max(0, ...body.map((r) => r.length));
  const fn = (f: LayoutFn, i: number) => f(i, node) ?? 0;
  const v = Array.from({ length: cols + 1 }, (_, i) => fn(layout.vLineWidth, i));
  const pl = Array.from({ length: cols }, (_, i) => fn(layout.paddingLeft, i));
  const pr = Array.from({ length: cols }, (_, i) => fn(layout.paddingRight, i));
  const h = Array.from({ length: body.length + 1 }, (_, i) => fn(layout.hLineWidth, i));
  const pt = body.map((_, i) => fn(layout.paddingTop, i));
  const pb = body.map((_, i) => fn(layout.paddingBottom, i));

  // Column widths from what single-column cells need.
  const need = Array.from({ length: cols }, () => ({ min: 0, max: 0, floor: 0 }));
  body.forEach((row) => row.forEach((cell, c) => {
    if (!cell || cell.spanned || Number(cell.colSpan ?? 1) > 1) return;
    const w = env.widths(cell);
    // Chinese text may break after any character, so its narrowest is one character: a column of
    // 城市更新 would be set one character a line. A short cell (up to six characters) is kept whole
    // unless the table cannot fit otherwise (then floor, below, is the last resort).
    const em = floorOf(cell);
    need[c]!.min = Math.max(need[c]!.min, w.min, Math.min(w.max, SHORT_CELL_EM * em));
    need[c]!.max = Math.max(need[c]!.max, w.max);
    need[c]!.floor = Math.max(need[c]!.floor, floorOf(cell));
  }));
  const written = spec.widths ?? [];
  const reserved = (c: number) => pl[c]! + pr[c]! + v[c]! + (c === cols - 1 ? v[cols]! : 0);
  const fixed = v.reduce((s, x) => s + x, 0) + pl.reduce((s, x) => s + x, 0) + pr.reduce((s, x) => s + x, 0);
  const { widths, overflow } = columnWidths(
    need.map((n, c) => ({ width: written[c] ?? '*', min: n.min, max: n.max, floor: n.floor, reserved: reserved(c) })),
    width - fixed,
  );
  if (overflow > 0.5 || width - fixed <= 0) {
    throw new BriefingError('E_TABLE_TOO_WIDE', { columns: cols, need: Math.round(fixed + widths.reduce((s, w) => s + w, 0)), width: Math.round(width) }, sourceOf(node));
  }
  const left: number[] = [0];
  for (let c = 0; c < cols; c++) left.push(left[c]! + v[c]! + pl[c]! + widths[c]! + pr[c]!);
  const total = left[cols]! + v[cols]!;
  const contentX = (c: number) => left[c]! + v[c]! + pl[c]!;
  const spanWidth = (c: number, span: number) => left[c + span]! - left[c]! - v[c]! - pl[c]! - pr[c + span - 1]!;

  // Rows: each cell laid out at its width; covered positions (spans) are skipped.
  const rows: Row[] = body.map((row, r) => {
    const cells: Cell[] = [];
    row.forEach((cell, c) => {
      if (!cell || cell.spanned) return;
      const span = Math.min(Number(cell.colSpan ?? 1), cols - c);
      const rowSpan = Math.min(Number(cell.rowSpan ?? 1), body.length - r);
      const fillColor = (cell.fillColor as string | undefined) ?? layout.fillColor?.(r, node, c);
      const block = env.layout(cell, spanWidth(c, span));
      // A cell may run onto the next page, but one that needs more than a few pages is almost
      // always a mistake in the data (a CSV field whose closing quote is missing takes in the rows after it).
      if (block.height > MAX_CELL_PAGES * env.pageHeight) {
        const text = runsOf(cell).map((run) => run.text).join('');
        throw new BriefingError('E_CELL_TOO_LONG', { pages: Math.ceil(block.height / env.pageHeight), max: MAX_CELL_PAGES, probe: text.slice(0, 24), text: text.length > 40 ? `${text.slice(0, 40)}…` : text }, sourceOf(node));
      }
      cells.push({ col: c, span, rowSpan, block, ...(fillColor ? { fill: fillColor } : {}) });
    });
    const content = Math.max(0, ...cells.filter((x) => x.rowSpan === 1).map(cellHeight));
    return { index: r, cells, content };
  });
  // A cell spanning rows taller than them makes its last row taller.
  rows.forEach((row, r) => row.cells.forEach((cell) => {
    if (cell.rowSpan <= 1) return;
    const last = r + cell.rowSpan - 1;
    let span = -h[r]! - pt[r]!;
    for (let k = r; k <= last; k++) span += h[k]! + pt[k]! + rows[k]!.content + pb[k]!;
    span -= pb[last]!;
    const short = cellHeight(cell) - span;
    if (short > 0) rows[last]!.content += short;
  }));
  const band = (row: Row) => h[row.index]! + pt[row.index]! + row.content + pb[row.index]!;

  const headerCount = Math.min(spec.headerRows ?? 0, body.length);
  const header = rows.slice(0, headerCount);
  const bodyRows = rows.slice(headerCount);
  // Rows bound by a rowspan stay on one page: each unit starts where no span from above reaches.
  const unitEnd: number[] = [];
  let reach = 0;
  rows.forEach((row, r) => {
    for (const cell of row.cells) reach = Math.max(reach, r + cell.rowSpan - 1);
    unitEnd[r] = reach;
  });
  const caption = node.caption ? env.layout(node.caption as Content, total) : undefined;
  const continued = (node.captionContinued ?? node.continuedLabel) as Content | undefined;
  const captionNext = continued ? env.layout(continued, total) : undefined;
  const headerHeight = header.reduce((s, r) => s + band(r), 0);
  const captionHeight = (c: Block | undefined) => (c ? c.before + c.height + c.after : 0);

  /** The rows [from, to) of the body under the header, closed by the rule below the last. */
  const part = (lead: Block | undefined, list: Row[]): { height: number; items: Item[] } => {
    const items: Item[] = [];
    let y = 0;
    if (lead) {
      items.push(group(lead.x, lead.before, lead.whole()));
      y += captionHeight(lead);
    }
    const shown = [...header, ...list];
    const drawn: { row: Row; y: number; height: number }[] = [];
    for (const row of shown) {
      drawn.push({ row, y, height: band(row) });
      y += band(row);
    }
    const closing = shown.length ? h[shown[shown.length - 1]!.index + 1]! : 0;
    y += closing;
    items.push(...drawRows(drawn, y));
    return { height: y, items };
  };

  const drawRows = (drawn: { row: Row; y: number; height: number }[], bottom: number): Item[] => {
    const fills: Item[] = [];
    const content: Item[] = [];
    const lines: Item[] = [];
    drawn.forEach(({ row, y, height }, k) => {
      const r = row.index;
      const rowBottom = y + height + (k === drawn.length - 1 ? h[r + 1]! : 0);
      // Cells spanning rows from above cover columns of this row: no rule over them.
      const from = coveringCells(drawn, k);
      const covered = new Set<number>();
      for (const cell of from) for (let c = cell.col; c < cell.col + cell.span; c++) covered.add(c);
      for (const cell of row.cells) {
        const cellTop = y + h[r]!;
        let cellBottom = y + height;
        for (let j = k + 1; j < drawn.length && drawn[j]!.row.index < r + cell.rowSpan; j++) cellBottom = drawn[j]!.y + drawn[j]!.height;
        if (cell.fill) {
          fills.push({ kind: 'rect', x: left[cell.col]! + v[cell.col]!, y: cellTop, w: left[cell.col + cell.span]! - left[cell.col]! - v[cell.col]!, h: cellBottom - cellTop, color: cell.fill });
        }
        content.push(group(contentX(cell.col) + cell.block.x, cellTop + pt[r]! + cell.block.before, cell.block.whole()));
      }
      if (h[r]) lines.push(...hRule(r, y + h[r] / 2, covered));
      // Vertical rules down the row, except inside a cell that spans columns.
      const spans = [...row.cells, ...from];
      for (let c = 0; c <= cols; c++) {
        if (!v[c] || spans.some((x) => x.col < c && x.col + x.span > c)) continue;
        lines.push({ kind: 'line', x1: left[c]! + v[c]! / 2, y1: y, x2: left[c]! + v[c]! / 2, y2: rowBottom, width: v[c]!, color: color(layout.vLineColor(c, node, r)) });
      }
    });
    const last = drawn[drawn.length - 1]?.row.index;
    if (last !== undefined && h[last + 1]!) lines.push(...hRule(last + 1, bottom - h[last + 1]! / 2, new Set()));
    return [...fills, ...content, ...lines];
  };

  const hRule = (i: number, y: number, covered: Set<number>): Item[] => {
    const out: Item[] = [];
    let start = -1;
    const colour = color(layout.hLineColor(i, node));
    for (let c = 0; c <= cols; c++) {
      const open = c < cols && !covered.has(c);
      if (open && start < 0) start = c;
      if (!open && start >= 0) {
        out.push({ kind: 'line', x1: left[start]!, y1: y, x2: left[c]! + (c === cols ? v[cols]! : 0), y2: y, width: h[i]!, color: colour });
        start = -1;
      }
    }
    return out;
  };

  const make = (rest: Row[], first: boolean, before: number): Block => {
    const lead = first ? caption : captionNext;
    let whole: { height: number; items: Item[] } | undefined;
    const height = captionHeight(lead) + headerHeight + rest.reduce((s, r) => s + band(r), 0) + (rest.length ? h[rest[rest.length - 1]!.index + 1]! : header.length ? h[header[header.length - 1]!.index + 1]! : 0);
    const minRows = Math.min(KEEP_ROWS, rest.length);
    const minHead = captionHeight(lead) + headerHeight + rest.slice(0, minRows).reduce((s, r) => s + band(r), 0) + (rest.length ? h[rest[Math.max(0, minRows - 1)]!.index + 1]! : 0);
    return {
      height,
      before,
      after: base.after,
      x: base.x,
      minHead,
      whole: () => (whole ??= part(lead, rest)).items,
      split(room, force) {
        let y = captionHeight(lead) + headerHeight;
        let k = 0;
        // Whole units (rows bound by a rowspan) while they fit with the rule that closes them.
        while (k < rest.length) {
          const end = unitEnd[rest[k]!.index]!;
          let j = k;
          let unit = 0;
          while (j < rest.length && rest[j]!.index <= end) unit += band(rest[j++]!);
          if (y + unit + h[rest[j - 1]!.index + 1]! > room) break;
          y += unit;
          k = j;
        }
        if (k >= rest.length) return undefined;
        // A unit that does not fit breaks between its rows when at least two go on each side (or,
        // standing first on a page, as far as it must): its spanning cell is repeated below the break.
        const unitRows = rest.slice(k).filter((r) => r.index <= unitEnd[rest[k]!.index]!).length;
        let into = 0;
        while (into < unitRows - 1 && y + band(rest[k + into]!) + h[rest[k + into]!.index + 1]! <= room) y += band(rest[k + into++]!);
        const cutUnit = (force && k === 0 && into > 0) || (into >= KEEP_ROWS && unitRows - into >= KEEP_ROWS);
        if (cutUnit) {
          return { head: part(lead, rest.slice(0, k + into)), rest: make(continueRows(rest, k + into), false, 0) };
        }
        // No lone row at either end, unless that is all there is.
        if (!force) {
          const short = KEEP_ROWS - (rest.length - k);
          if (short > 0) {
            // A lone last row: take one more along, or, if that leaves too few here, move the table on.
            if (k - short < KEEP_ROWS) return undefined;
            k -= short;
          }
          if (k < minRows) return undefined;
        }
        if (k === 0 && force) return splitRow(rest, first, room);
        if (k === 0) return undefined;
        return { head: part(lead, rest.slice(0, k)), rest: make(rest.slice(k), false, 0) };
      },
    };
  };

  /**
   * The rows from `at` on, the first of them given a copy of every cell that spans into it from
   * rows before the break, so a continued page shows the 主持 or 类别 its rows belong to.
   */
  const continueRows = (rows: Row[], at: number): Row[] => {
    const next = rows[at]!;
    const spanning: Cell[] = [];
    for (let j = 0; j < at; j++) {
      const row = rows[j]!;
      for (const cell of row.cells) {
        const last = row.index + cell.rowSpan - 1;
        if (cell.rowSpan > 1 && last >= next.index) spanning.push({ ...cell, rowSpan: last - next.index + 1 });
      }
    }
    if (!spanning.length) return rows.slice(at);
    return [{ ...next, cells: [...next.cells, ...spanning].sort((a, b) => a.col - b.col) }, ...rows.slice(at + 1)];
  };

  /** The first row alone is taller than the page: cut its cells' content, each where it can. */
  const splitRow = (rest: Row[], first: boolean, room: number): { head: { height: number; items: Item[] }; rest: Block } | undefined => {
    const lead = first ? caption : captionNext;
    const row = rest[0]!;
    const r = row.index;
    const inner = room - captionHeight(lead) - headerHeight - h[r]! - pt[r]! - pb[r]! - h[r + 1]!;
    if (inner <= 0) return undefined;
    const headCells: Cell[] = [];
    const restCells: Cell[] = [];
    for (const cell of row.cells) {
      const cut = cellHeight(cell) <= inner ? undefined : cell.block.split?.(inner - cell.block.before, true);
      if (!cut) {
        headCells.push(cell);
        restCells.push({ ...cell, block: emptyBlock() });
        continue;
      }
      headCells.push({ ...cell, block: { ...cell.block, height: cut.head.height, after: 0, whole: () => cut.head.items } });
      restCells.push({ ...cell, block: cut.rest });
    }
    const headRow: Row = { index: r, cells: headCells, content: Math.max(0, ...headCells.map(cellHeight)) };
    const restRow: Row = { index: r, cells: restCells, content: Math.max(0, ...restCells.map(cellHeight)) };
    return { head: part(lead, [headRow]), rest: make([restRow, ...rest.slice(1)], false, 0) };
  };

  return make(bodyRows, true, base.before);
}

function cellHeight(cell: Cell): number {
  return cell.block.before + cell.block.height + cell.block.after;
}

function emptyBlock(): Block {
  return { height: 0, before: 0, after: 0, x: 0, minHead: 0, whole: () => [] };
}

/** Cells from rows drawn above row `k` on this page whose rowspan reaches into it. */
function coveringCells(drawn: { row: Row }[], k: number): Cell[] {
  const out: Cell[] = [];
  const r = drawn[k]!.row.index;
  for (let j = 0; j < k; j++) {
    for (const cell of drawn[j]!.row.cells) if (drawn[j]!.row.index + cell.rowSpan > r) out.push(cell);
  }
  return out;
}

/** The narrowest a cell may go when every word is broken: its largest character. */
function floorOf(cell: Content): number {
  const runs = cell.text !== undefined ? runsOf(cell) : [];
  return Math.max(0, ...runs.map((r) => r.fontSize));
}

function color(c: string | undefined): string {
  return c ?? '#000000';
}

function layoutOf(l: Partial<TableLayout> | undefined): TableLayout {
  const one = () => 1;
  const four = () => 4;
  const two = () => 2;
  return {
    hLineWidth: l?.hLineWidth ?? one,
    vLineWidth: l?.vLineWidth ?? one,
    hLineColor: l?.hLineColor ?? (() => '#000000'),
    vLineColor: l?.vLineColor ?? (() => '#000000'),
    paddingLeft: l?.paddingLeft ?? four,
    paddingRight: l?.paddingRight ?? four,
    paddingTop: l?.paddingTop ?? two,
    paddingBottom: l?.paddingBottom ?? two,
    ...(l?.fillColor ? { fillColor: l.fillColor } : {}),
  };
}

function sourceOf(node: Content): { file?: string; line?: number; column?: number } {
  return (node.source as { file?: string; line?: number; column?: number } | undefined) ?? {};
}
