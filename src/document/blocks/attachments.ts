import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { attachmentLabel, itemLabels } from '../numbering.js';
import { charCell, linePitch, onPitch } from './gongwen-grid.js';

/**
 * The 附件说明 under the body (GB/T 9704 §7.3.4): `附件：` two characters in, then the names; with
 * more than one, each is numbered `1．` `2．` (the full-width stop of the standard's example) and
 * every number stands under the first. An item with its own label is not counted. A long name
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
  const labels = itemLabels(items.map((item) => item.attrs.label), attachmentLabel);
  // Room for the widest label: a half-width digit is half a cell, the full-width stop one cell.
  const numberWidth = numbered ? Math.max(...labels.map(labelCells)) * cell : 0;
  const textWidth = ctx.width - indent - labelWidth - numberWidth;
  const rows: Content[] = items.map((item, i) => {
    const lead = i === 0 && label;
    const cols: Content[] = [{ width: indent + labelWidth, text: lead ? [toInline(label, style)] : '', margin: [indent, 0, 0, 0], ...(lead ? { role: 'Lbl' } : {}) }];
    if (numbered) cols.push({ width: numberWidth, text: [toInline(labels[i]!, style)], role: 'Lbl' });
    cols.push({ width: textWidth, text: inlineRuns(item.children, style, ctx.sheet), alignment: style.align ?? 'left', role: 'LBody' });
    return { columns: cols, columnGap: 0, role: 'LI' };
  });
  // With the body above it, as the 署名 after it is: never at the top of a page of its own. To a
  // reader a list: 附件： and each number label their item.
  return { stack: rows, keepWithPrevious: true, margin: [0, style.spaceBefore, 0, style.spaceAfter], role: 'L' };
}

/** Width of a label in character cells: ASCII half a cell, anything else a whole one. */
function labelCells(label: string): number {
  return [...label].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x80 ? 0.5 : 1), 0);
}
