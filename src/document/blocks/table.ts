import { textOf, type MarkupElement, type MarkupNode } from '../../markup/markup-tree.js';
import { roundFigure } from '../../render/stat-format.js';
import { BriefingError } from '../../errors/briefing-error.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { parseLength } from '../units.js';
import { CONTINUED, CONTINUED_TABLE } from './continued.js';

/**
 * Cells that are just a figure line up on the right, as figures in Chinese statistical tables do:
 * with a sign, a minus (− or -), a change arrow (▲ ▼), digit grouping, a percent; a lone dash (no data)
 * stands with them.
 */
const NUMERIC = /^[-+−▲▼]?[\d,]+(?:\.\d+)?%?$/;
/** A cell saying "no figure here": in a column of figures it lines up with them. */
const NO_FIGURE = /^[—–-]$/;

/**
 * A ruled table; its header rows repeat on every page it runs onto, its caption stays with it, and
 * each continuation opens with the caption and （续） (or 续表 when it has no caption). It breaks
 * only between rows, with at least two under the header and two on the next page
 * (typeset/layout/table-block.ts).
 * Cells follow HTML: a cell spanning rows takes its place in the rows below it.
 */
export function table(el: MarkupElement, ctx: BuildContext): Content[] {
  const rows = el.children.filter((c): c is MarkupElement => c.kind === 'element');
  const grid = placeCells(rows);
  const cols = Math.max(0, ...grid.map((r) => r.length));
  if (cols === 0) return [];
  const th = styleFor(ctx.sheet, 'th');
  const td = styleFor(ctx.sheet, 'td');
  const tableStyle = styleFor(ctx.sheet, 'table');
  const aligns = (el.attrs.align ?? '').split(',').map((s) => s.trim());
  const figures = figureColumns(grid, cols);
  const autoAlign = (text: string, col: number) => (NUMERIC.test(text) || (figures[col] && NO_FIGURE.test(text)) ? 'right' : td.align ?? 'left');
  const body = grid.map((row) => {
    const cells: Content[] = [];
    for (let col = 0; col < cols; col++) {
      const slot = row[col];
      if (!slot || slot === COVERED) {
        // An empty cell is still a cell to a screen reader, which counts a row's cells.
        cells.push(slot === COVERED ? { text: '', spanned: true } : { text: '', role: 'TD' });
        continue;
      }
      const cell = slot;
      const style = cell.name === 'th' ? th : td;
      const node: Content = {
        text: inlineRuns(cell.name === 'td' ? rounded(cell.children, ctx.sheet.typography.decimals) : cell.children, style, ctx.sheet),
        alignment: cell.attrs.align ?? (cell.name === 'th' ? th.align ?? 'center' : aligns[col] || autoAlign(textOf(cell).trim(), col)),
        role: cell.name === 'th' ? 'TH' : 'TD',
      };
      if (cell.name === 'th' && th.background) node.fillColor = th.background;
      if (cell.attrs.colspan) node.colSpan = Number(cell.attrs.colspan);
      if (cell.attrs.rowspan) node.rowSpan = Number(cell.attrs.rowspan);
      cells.push(node);
    }
    return cells;
  });
  const headerRows = Number(el.attrs['header-rows'] ?? (rows[0]?.children.some((c) => c.kind === 'element' && c.name === 'th') ? 1 : 0));
  const line = tableStyle.border ?? 0.5;
  const color = tableStyle.borderColor ?? '#000000';
  const node: Content = {
    table: { headerRows, widths: widths(el, cols, ctx), body },
    layout: {
      hLineWidth: () => line,
      vLineWidth: () => line,
      hLineColor: () => color,
      vLineColor: () => color,
      paddingLeft: () => tableStyle.padding ?? 4,
      paddingRight: () => tableStyle.padding ?? 4,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, tableStyle.spaceBefore, 0, tableStyle.spaceAfter],
    source: { file: ctx.origin, ...el.at },
    role: 'Table',
  };
  const cap = styleFor(ctx.sheet, 'caption');
  // A continuation's caption repeats the first for the eye; a reader hears the caption once.
  const captionNode = (text: string, role: 'Caption' | 'Artifact', align?: string): Content => ({ text: [toInline(text, cap)], alignment: align ?? cap.align ?? 'center', margin: [0, cap.spaceBefore, 0, cap.spaceAfter], role });
  if (el.attrs.caption) {
    node.caption = captionNode(el.attrs.caption, 'Caption');
    node.captionContinued = captionNode(`${el.attrs.caption}${CONTINUED}`, 'Artifact');
  } else {
    node.continuedLabel = captionNode(CONTINUED_TABLE, 'Artifact', 'right');
  }
  return [node];
}

/** Columns whose body cells are all figures (or say there is none). */
/** A cell that is one figure, rounded as the style says (`typography.decimals`); any other cell as it is. */
function rounded(children: MarkupNode[], decimals: number | undefined): MarkupNode[] {
  const only = children.length === 1 ? children[0] : undefined;
  if (decimals === undefined || only?.kind !== 'text') return children;
  const figure = only.text.trim();
  return NUMERIC.test(figure) ? [{ kind: 'text', text: only.text.replace(figure, roundFigure(figure, decimals)) }] : children;
}

function figureColumns(grid: (MarkupElement | typeof COVERED | undefined)[][], cols: number): boolean[] {
  return Array.from({ length: cols }, (_, col) => {
    const texts = grid.map((row) => row[col]).filter((c): c is MarkupElement => !!c && c !== COVERED && c.name === 'td').map((c) => textOf(c).trim()).filter(Boolean);
    return texts.some((t) => NUMERIC.test(t)) && texts.every((t) => NUMERIC.test(t) || NO_FIGURE.test(t));
  });
}

/** A place another cell covers: the columns a colspan reaches, the cells below a rowspan. */
const COVERED = Symbol('covered');

/**
 * Each row's cells at their columns. A colspan covers the columns after it; under a rowspan the
 * markup writes an empty cell in each covered place (docs/markup.md), which is marked covered here.
 */
function placeCells(rows: MarkupElement[]): (MarkupElement | typeof COVERED | undefined)[][] {
  const grid: (MarkupElement | typeof COVERED | undefined)[][] = rows.map(() => []);
  const below: number[] = [];
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.children.filter((c): c is MarkupElement => c.kind === 'element')) {
      const span = Math.max(1, Number(cell.attrs.colspan ?? 1));
      const covered = (below[col] ?? 0) > 0;
      for (let dc = 0; dc < span; dc++) grid[r]![col + dc] = dc === 0 && !covered ? cell : COVERED;
      if (!covered) for (let dc = 0; dc < span; dc++) below[col + dc] = Math.max(0, Math.min(Number(cell.attrs.rowspan ?? 1), rows.length - r));
      col += span;
    }
    for (let c = 0; c < below.length; c++) if (below[c]! > 0) below[c]!--;
  });
  return grid;
}

function widths(el: MarkupElement, cols: number, ctx: BuildContext): (string | number)[] {
  const written = el.attrs.widths?.split(',').map((s) => s.trim()).filter(Boolean);
  // By default columns take what their content needs and the last one takes the rest.
  if (!written?.length) return [...Array<string>(cols - 1).fill('auto'), '*'];
  if (written.length !== cols) {
    throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element: 'table', name: 'widths', value: el.attrs.widths!, reason: `expected ${cols} widths, one per column`, reasonZh: `应有 ${cols} 个宽度，每列一个` }, { file: ctx.origin, ...el.at });
  }
  return written.map((w) => {
    if (w === '*' || w === 'auto') return w;
    if (w.endsWith('%')) return w;
    const n = parseLength(w);
    if (n === undefined) throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element: 'table', name: 'widths', value: el.attrs.widths!, reason: 'each width is *, auto, a percentage or a length', reasonZh: '每个宽度应为 *、auto、百分比或长度' }, { file: ctx.origin, ...el.at });
    return n;
  });
}
