import { isElement, type MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { emTopInLine, linePitch, onPitch } from './gongwen-grid.js';

/**
 * An 附件 (GB/T 9704 §7.3.4 and §8): it starts a new page with `附件` and its number flush left on
 * line 1 (`annex-label`, 黑体); a `<title>` that comes first follows `annex-label.spaceAfter` below
 * (one blank line: the title on line 3) instead of its own spaceBefore; the rest is set like the body.
 * Headings inside are numbered afresh (一、 again).
 */
export function annex(el: MarkupElement, ctx: BuildContext): Content[] {
  const pitch = linePitch(ctx.sheet);
  const labelStyle = onPitch(styleFor(ctx.sheet, 'annex-label'), pitch);
  const raise = emTopInLine(labelStyle.font, labelStyle.size);
  ctx.outline.counters.length = 0;
  const body = ctx.blocks(el.children);
  const first = el.children.find((c) => isElement(c));
  if (first && isElement(first, 'title') && body[0]) {
    const m = (body[0].margin as number[] | undefined) ?? [0, 0, 0, 0];
    body[0].margin = [m[0]!, 0, m[2]!, m[3]!];
  }
  const label: Content = {
    text: el.attrs.label ? [toInline(el.attrs.label, labelStyle)] : '',
    alignment: 'left',
    noWrap: true,
    // An empty label still holds line 1, so the title stays on line 3.
    // Raised so its em box starts on the grid's first line whatever the face's ascender (黑体 is tall).
    margin: [0, -raise, 0, labelStyle.spaceAfter + raise + (el.attrs.label ? 0 : pitch)],
    pageBreak: 'before',
  };
  return [label, ...body];
}
