import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';

/**
 * A ruled box (boxed callout) with an optional title, e.g. 数据最有说服力. It is a one-column table
 * with a row per block: a long box breaks between blocks, and the title is a header row kept with
 * the first block, so it never stands alone at the foot of a page.
 */
export function box(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'box');
  const titleStyle = styleFor(ctx.sheet, 'box-title');
  const border = style.border ?? 0.75;
  const padding = style.padding ?? 8;
  const inner = ctx.width - 2 * padding - 2 * border;
  const rows: Content[][] = [];
  if (el.attrs.title) {
    rows.push([{ text: [toInline(el.attrs.title, titleStyle)], alignment: titleStyle.align ?? 'center', margin: [0, titleStyle.spaceBefore, 0, titleStyle.spaceAfter] }]);
  }
  // A list's items become rows of their own, so a long list may break between items.
  for (const block of ctx.blocks(el.children, inner)) {
    if (block.listItems) for (const item of block.stack as Content[]) rows.push([item]);
    else rows.push([block]);
  }
  if (rows.length === 0) rows.push([{ text: '' }]);
  const fill = style.background ? { fillColor: style.background } : undefined;
  const color = style.borderColor ?? '#000000';
  const last = rows.length;
  return {
    table: {
      widths: ['*'],
      body: fill ? rows.map(([cell]) => [{ ...cell, ...fill }]) : rows,
      headerRows: el.attrs.title ? 1 : 0,
      keepWithHeaderRows: el.attrs.title ? 1 : 0,
    },
    layout: {
      // Only the outer frame: the rows of a box read as one block.
      hLineWidth: (i: number) => (i === 0 || i === last ? border : 0),
      vLineWidth: () => border,
      hLineColor: () => color,
      vLineColor: () => color,
      paddingLeft: () => padding,
      paddingRight: () => padding,
      paddingTop: (i: number) => (i === 0 ? padding : 0),
      paddingBottom: (i: number) => (i === last - 1 ? padding : 0),
    },
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
  };
}
