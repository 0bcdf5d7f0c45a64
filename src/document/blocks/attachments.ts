import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { charCell, linePitch, onPitch } from './gongwen-grid.js';

/**
 * The 附件说明 under the body (GB/T 9704 §7.3.4): `附件：` two characters in, then the names; with
 * more than one, each is numbered `1.` `2.` and every number stands under the first. A long name
 * wraps under its own first character, never under the label or the number.
 */
export function attachments(el: MarkupElement, ctx: BuildContext): Content {
  const style = onPitch(styleFor(ctx.sheet, 'attachments'), linePitch(ctx.sheet));
  const cell = charCell(ctx.sheet, style);
  const items = el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === 'li');
  const label = el.attrs.label ? `${el.attrs.label}：` : '';
  const indent = style.indent * cell;
  // The label is full-width characters: its width is known without the font.
  const labelWidth = [...label].length * cell;
  const numbered = items.length > 1;
  // Room for "10." in half-width digits and a little air before the name.
  const numberWidth = numbered ? 1.5 * cell : 0;
  const textWidth = ctx.width - indent - labelWidth - numberWidth;
  const rows: Content[] = items.map((item, i) => {
    const cols: Content[] = [{ width: indent + labelWidth, text: i === 0 && label ? [toInline(label, style)] : '', margin: [indent, 0, 0, 0] }];
    if (numbered) cols.push({ width: numberWidth, text: [toInline(item.attrs.label ?? `${i + 1}.`, style)] });
    cols.push({ width: textWidth, text: inlineRuns(item.children, style, ctx.sheet), alignment: style.align ?? 'left', measure: textWidth });
    return { columns: cols, columnGap: 0 };
  });
  return { stack: rows, margin: [0, style.spaceBefore, 0, style.spaceAfter] };
}
