import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { parseLength, MM } from '../units.js';
import { image } from './image.js';
import { charCell, emTopInLine, linePitch, onPitch } from './gongwen-grid.js';

/** Diameter of a 公章 when the markup gives none: 42 mm, the common size for organs below the State Council. */
const DEFAULT_SEAL = 42 * MM;
/** Wide enough that a centred 署名 or seal never wraps inside the date's narrow column. */
const OVERHANG = 400;

/**
 * 发文机关署名, 成文日期 and the optional 印章 (GB/T 9704 §7.3.5).
 *
 * Without a seal: one line under the body, the 署名 two characters in from the right and the date on
 * the next line two characters right of the 署名's first character — unless the date is longer, then
 * the date ends two characters in and the 署名 moves left with it. One 'auto' column holding both
 * lines, then a two-character column, does exactly that without measuring text here.
 *
 * With a seal: the date ends four characters in, the 署名 is centred over it, and the seal is centred
 * on the date, both lines a little below its centre and its top about half a line under the body
 * (the standard asks for less than a line).
 * The seal is drawn last (on top, as ink is) and detached from the flow: it overlaps lines already
 * placed without moving them.
 */
export function signature(el: MarkupElement, ctx: BuildContext): Content {
  const pitch = linePitch(ctx.sheet);
  const style = onPitch(styleFor(ctx.sheet, 'signature'), pitch);
  const cell = charCell(ctx.sheet, style);
  const organ = inlineRuns(el.children, style, ctx.sheet);
  const date = el.attrs.date ? [toInline(el.attrs.date, style)] : [];
  const columns = (lines: Content[], rightSpace: number): Content => ({
    columns: [{ width: '*', text: '' }, { width: 'auto', stack: lines }, { width: rightSpace, text: '' }],
    columnGap: 0,
  });

  if (!el.attrs.seal) {
    const lines = [{ text: organ, noWrap: true }, { text: date, noWrap: true, margin: [2 * cell, 0, 0, 0] }];
    return { ...columns(lines, 2 * cell), unbreakable: true, keepWithPrevious: true, margin: [0, style.spaceBefore, 0, style.spaceAfter] };
  }

  const diameter = parseLength(el.attrs['seal-size']) ?? DEFAULT_SEAL;
  // Read as the organ's seal: the 署名 next to it says whose.
  const alt = `${organ.map((r) => r.text).join('')}印章`;
  const [seal] = image({ ...el, name: 'img', attrs: { src: el.attrs.seal, width: `${diameter}pt`, alt } }, ctx);
  // The two lines' middle a quarter line below the seal's centre, the seal's top about half a line
  // under the body; the space above is whole lines, so the text stays on the grid.
  const textMiddle = emTopInLine(style.font, style.size) + (pitch + style.size) / 2;
  const ideal = pitch / 2 + diameter / 2 + pitch / 4 - textMiddle;
  const space = Math.max(style.spaceBefore, Math.round(ideal / pitch) * pitch);
  const sealTop = space + textMiddle - pitch / 4 - diameter / 2;
  const centred = (text: unknown) => ({ text, noWrap: true, alignment: 'center', margin: [-OVERHANG, 0, -OVERHANG, 0] });
  const stamp = {
    // After both lines the column stands 2 lines below `space`; move back up to the seal's top.
    relativePosition: { x: 0, y: sealTop - space - 2 * pitch },
    // The overhang goes on a wrapper, which widens the room the seal is centred in.
    // Multiplied with what is under it, as red ink is: the 署名 and date stay readable through it.
    stack: [{ stack: [{ ...seal, alignment: 'center', blend: 'multiply' }], margin: [-OVERHANG, 0, -OVERHANG, 0] }],
  };
  const lines = [centred(organ), { text: date, noWrap: true, alignment: 'center' }, stamp];
  // Never on a page of its own: GB/T 9704 allows no 落款 page without body text (此页无正文).
  return { stack: [columns(lines, 4 * cell)], unbreakable: true, keepWithPrevious: true, margin: [0, space, 0, style.spaceAfter] };
}
