import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-document.js';
import type { Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';

/** A ruled box (boxed callout) with an optional title strip, e.g. 数据最有说服力. */
export function box(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'box');
  const titleStyle = styleFor(ctx.sheet, 'box-title');
  const border = style.border ?? 0.75;
  const padding = style.padding ?? 8;
  const inner = ctx.width - 2 * padding - 2 * border;
  const body: Content[] = [];
  if (el.attrs.title) {
    body.push({ text: [toInline(el.attrs.title, titleStyle)], alignment: titleStyle.align ?? 'center', margin: [0, titleStyle.spaceBefore, 0, titleStyle.spaceAfter] });
  }
  body.push(...ctx.blocks(el.children, inner));
  const color = style.borderColor ?? '#000000';
  return {
    table: { widths: ['*'], body: [[{ stack: body, ...(style.background ? { fillColor: style.background } : {}) }]] },
    layout: {
      hLineWidth: () => border,
      vLineWidth: () => border,
      hLineColor: () => color,
      vLineColor: () => color,
      paddingLeft: () => padding,
      paddingRight: () => padding,
      paddingTop: () => padding,
      paddingBottom: () => padding,
    },
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
  };
}
