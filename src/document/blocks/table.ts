import { textOf, type MarkupElement } from '../../markup/markup-tree.js';

/** Cells that are just a number line up on the right, as figures in Chinese statistical tables do. */
/** Tables up to this many rows keep their caption by moving whole to the next page if need be. */
const SHORT_TABLE_ROWS = 20;
const NUMERIC = /^[-+]?[\d,]+(\.\d+)?%?$/;
import { BriefingError } from '../../errors/briefing-error.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { parseLength } from '../units.js';

/** A ruled table; its header rows repeat on every page it runs onto. */
export function table(el: MarkupElement, ctx: BuildContext): Content[] {
  const rows = el.children.filter((c): c is MarkupElement => c.kind === 'element');
  const cols = Math.max(0, ...rows.map((r) => r.children.filter((c): c is MarkupElement => c.kind === 'element').reduce((n, c) => n + Number(c.attrs.colspan ?? 1), 0)));
  if (cols === 0) return [];
  const th = styleFor(ctx.sheet, 'th');
  const td = styleFor(ctx.sheet, 'td');
  const tableStyle = styleFor(ctx.sheet, 'table');
  const aligns = (el.attrs.align ?? '').split(',').map((s) => s.trim());
  const body = rows.map((row) => {
    const cells: Content[] = [];
    for (const cell of row.children.filter((c): c is MarkupElement => c.kind === 'element')) {
      const style = cell.name === 'th' ? th : td;
      const col = cells.length;
      const node: Content = {
        text: inlineRuns(cell.children, style, ctx.sheet),
        alignment: cell.attrs.align ?? (cell.name === 'th' ? th.align ?? 'center' : aligns[col] || (NUMERIC.test(textOf(cell).trim()) ? 'right' : td.align ?? 'left')),
      };
      if (cell.name === 'th' && th.background) node.fillColor = th.background;
      if (cell.attrs.colspan) node.colSpan = Number(cell.attrs.colspan);
      if (cell.attrs.rowspan) node.rowSpan = Number(cell.attrs.rowspan);
      cells.push(node);
      for (let i = 1; i < Number(cell.attrs.colspan ?? 1); i++) cells.push({ text: '' });
    }
    while (cells.length < cols) cells.push({ text: '' });
    return cells;
  });
  const out: Content[] = [];
  if (el.attrs.caption) {
    const cap = styleFor(ctx.sheet, 'caption');
    out.push({ text: [toInline(el.attrs.caption, cap)], alignment: cap.align ?? 'center', margin: [0, cap.spaceBefore, 0, cap.spaceAfter] });
  }
  const hasRowspan = rows.some((r) => r.children.some((c) => c.kind === 'element' && c.attrs.rowspan));
  const headerRows = Number(el.attrs['header-rows'] ?? (rows[0]?.children.some((c) => c.kind === 'element' && c.name === 'th') ? 1 : 0));
  const line = tableStyle.border ?? 0.5;
  const color = tableStyle.borderColor ?? '#000000';
  out.push({
    // The header row never stands alone at a page foot: it keeps the first body row with it.
    // (Not with merged rows: pdfmake then sizes the last row a line too tall.)
    table: { headerRows, keepWithHeaderRows: headerRows && !hasRowspan ? 1 : 0, widths: widths(el, cols, ctx), body, dontBreakRows: true },
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
  });
  // A caption never stands alone at a page foot: with a short table the two move together.
  if (out.length === 2 && rows.length <= SHORT_TABLE_ROWS) return [{ stack: out, unbreakable: true }];
  return out;
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
