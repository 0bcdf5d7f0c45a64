import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import { headingRole, type Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { CONTINUED } from './continued.js';

/**
 * A ruled box (boxed callout) with an optional title, e.g. 数据最有说服力. A short box (up to a third
 * of a page) stays whole; a longer one breaks between its blocks, each part a closed frame, and the
 * part on the next page opens with the title and （续）. The typeset stage's composer does both
 * (typeset/layout/box-block.ts).
 */
export function box(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'box');
  const titleStyle = styleFor(ctx.sheet, 'box-title');
  const border = style.border ?? 0.75;
  const padding = style.padding ?? 8;
  const inner = ctx.width - 2 * padding - 2 * border;
  const titleNode = (text: string, role: string): Content => ({ text: [toInline(text, titleStyle)], alignment: titleStyle.align ?? 'center', margin: [0, titleStyle.spaceBefore, 0, titleStyle.spaceAfter], role });
  // Its title heads the box one level under the heading before it; the （续） repeat is not read.
  const title = el.attrs.title ? titleNode(el.attrs.title, headingRole(ctx.headings.last + 1)) : undefined;
  return {
    box: {
      border,
      padding,
      color: style.borderColor ?? '#000000',
      ...(style.background ? { background: style.background } : {}),
      ...(title ? { title, titleContinued: titleNode(`${el.attrs.title}${CONTINUED}`, 'Artifact') } : {}),
    },
    role: 'Sect',
    stack: withoutTableLabels(ctx.blocks(el.children, inner), !!title),
    keepTogether: 'small',
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
  };
}

/** In a box with a title, the title with （续） marks a continued page: a table in it needs no 续表 of its own. */
function withoutTableLabels(blocks: Content[], titled: boolean): Content[] {
  if (!titled) return blocks;
  return blocks.map((b) => {
    if (!b.table || !b.continuedLabel) return b;
    const { continuedLabel: _label, ...rest } = b;
    return rest;
  });
}
