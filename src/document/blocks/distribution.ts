import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';

/**
 * The 报尾: 报：/送：/发： lines on the left, the print run （共印××份） on the right of the last
 * line, between two black rules across the text block, at the foot of the last page.
 */
export function distribution(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'distribution');
  const lines = el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === 'to');
  const copies = el.children.find((c): c is MarkupElement => c.kind === 'element' && c.name === 'copies');
  const body: Content[][] = lines.map((to) => [{ text: [toInline(`${to.attrs.kind ?? ''}：`, style), ...inlineRuns(to.children, style, ctx.sheet)], alignment: 'left' }]);
  if (copies) body.push([{ text: inlineRuns(copies.children, style, ctx.sheet), alignment: 'right' }]);
  const rule = style.border ?? 0.75;
  return {
    table: { widths: ['*'], body: body.length ? body : [[{ text: '' }]], dontBreakRows: true },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? rule : 0),
      vLineWidth: () => 0,
      hLineColor: () => style.borderColor ?? '#000000',
      paddingLeft: () => style.indent * style.size,
      paddingRight: () => style.indent * style.size,
      paddingTop: (i: number) => (i === 0 ? 4 : 1),
      paddingBottom: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length - 1 ? 4 : 1),
    },
    unbreakable: true,
    // At the foot of the last page, as a 简报's 报尾 stands (typeset/layout/paginate.ts).
    pin: 'foot',
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
  };
}
