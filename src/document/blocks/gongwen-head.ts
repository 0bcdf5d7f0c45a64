import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor, type TextStyle } from '../style.js';
import { copyNumber } from './masthead.js';
import { baselineInLine, charCell, EM_ASCENT, EM_DESCENT, emTopInLine, linePitch, onPitch } from './gongwen-grid.js';

/**
 * The 版头 of a GB/T 9704 公文, placed by the standard's measures from the text block's top:
 * 份号, 密级和保密期限 and 紧急程度 flush left on lines 1, 2, 3; the red 发文机关标志 centred with its top
 * edge `gongwen-mark.spaceBefore` (35 mm) down; the 发文字号 two lines under the mark — centred, or for
 * upward documents flush left (one character in) level with the last line of 签发人 on the right;
 * then the red rule `gongwen-rule.spaceBefore` (4 mm) under the 发文字号, as wide as the block.
 *
 * Every node is placed by its top margin from where the previous one left the flow (`y`), so the
 * positions hold whatever the lines before them contain. It must stand first on the page; it ends
 * on the next line of the body's grid.
 */
export function gongwenHead(el: MarkupElement, ctx: BuildContext): Content[] {
  const a = el.attrs;
  const sheet = ctx.sheet;
  const pitch = linePitch(sheet);
  const out: Content[] = [];
  let y = 0;
  const put = (node: Content, top: number, height: number) => {
    node.margin = [0, top - y, 0, 0];
    out.push(node);
    y = top + height;
  };

  // Lines 1–3 are detached (relativePosition): an empty 份号 slot prints no line, yet keeps its row.
  // Each line's em box starts on its row, whatever the face's ascender.
  const corner = cornerLines(el, ctx, pitch);
  corner.forEach(({ node, style }, row) => out.push({ stack: [node], relativePosition: { x: 0, y: row * pitch - emTopInLine(style.font, style.size) } }));
  let below = corner.length * pitch;

  if (a.mark) {
    const base = styleFor(sheet, 'gongwen-mark');
    // A long organ name is set smaller rather than broken: the mark is always one line.
    const size = Math.min(base.size, ctx.width / [...a.mark].length - base.letterSpacing);
    const style: TextStyle = { ...base, size, leading: 1 };
    const emTop = base.spaceBefore;
    put({ text: [toInline(a.mark, style)], alignment: 'center', noWrap: true }, emTop - baselineInLine(style.font, size) + EM_ASCENT * size, size);
    below = emTop + size;
  }

  const numberStyle = onPitch(styleFor(sheet, 'gongwen-number'), pitch);
  const firstEmTop = below + 2 * pitch;
  const signers = (a.signers ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let lastBaseline: number;
  if (signers.length) {
    lastBaseline = signerBlock(a, signers, numberStyle, ctx, pitch, firstEmTop, put);
  } else {
    const top = firstEmTop + EM_ASCENT * numberStyle.size - baselineInLine(numberStyle.font, numberStyle.size);
    if (a.number) put({ text: [toInline(a.number, numberStyle)], alignment: numberStyle.align ?? 'center', noWrap: true }, top, pitch);
    lastBaseline = top + baselineInLine(numberStyle.font, numberStyle.size);
  }

  const rule = styleFor(sheet, 'gongwen-rule');
  const thickness = rule.border ?? 1;
  // The rule's upper edge `spaceBefore` under the 发文字号's em box.
  const ruleTop = lastBaseline + EM_DESCENT * numberStyle.size + rule.spaceBefore;
  // A filled rectangle: its top edge is exactly `ruleTop`, its height exactly the thickness.
  put({ canvas: [{ type: 'rect', x: 0, y: 0, w: ctx.width, h: thickness, color: rule.color }] }, ruleTop, thickness);
  // What follows starts on a line of the grid, so the title and the body of page 1 keep the same
  // 22 line positions as every other page (and back up against them when printed on both sides).
  out.push({ stack: [], margin: [0, Math.ceil(y / pitch - 1e-9) * pitch - y, 0, 0] });
  return out;
}

/** 份号 (a fixed one from the data, else the slot the CLI fills), 密级和保密期限, 紧急程度. */
function cornerLines(el: MarkupElement, ctx: BuildContext, pitch: number): { node: Content; style: TextStyle }[] {
  const a = el.attrs;
  const lines: { node: Content; style: TextStyle }[] = [];
  const line = (text: string, name: string, extra: Content = {}) => {
    const style = onPitch(styleFor(ctx.sheet, name), pitch);
    lines.push({ node: { text: [toInline(text, style)], alignment: 'left', noWrap: true, ...extra }, style });
  };
  // The 份号 is a production mark: a tagged PDF does not read it out.
  if (a.copy) line(/^\d+$/.test(a.copy) ? a.copy.padStart(6, '0') : a.copy, 'copy-number', { role: 'Artifact' });
  else if (a['copy-number'] === 'true' || a['copy-number'] === '') {
    // The slot object itself must go into the content: the typeset stage fills it by reference.
    const slot = copyNumber({ ...el, attrs: { align: 'left' } }, ctx);
    const run = (slot.text as { leading: number; fontSize: number }[])[0]!;
    run.leading = pitch / run.fontSize;
    lines.push({ node: slot, style: onPitch(styleFor(ctx.sheet, 'copy-number'), pitch) });
  }
  if (a.secrecy) line(a.secrecy, 'secrecy');
  if (a.urgency) line(a.urgency, 'urgency');
  return lines;
}

/**
 * Upward documents: 签发人 label (仿宋) and names (楷体), two names a line, right-aligned one character
 * in; later lines start under the first name; the 发文字号 sits one character in from the left on the
 * last line. Returns the baseline of that last line.
 */
function signerBlock(
  a: Record<string, string>, signers: string[], numberStyle: TextStyle, ctx: BuildContext, pitch: number, firstEmTop: number,
  put: (node: Content, top: number, height: number) => void,
): number {
  const labelStyle = onPitch(styleFor(ctx.sheet, 'signer'), pitch);
  const nameStyle = onPitch(styleFor(ctx.sheet, 'signer-name'), pitch);
  const label = a['signer-label'] ? `${a['signer-label']}：` : '';
  // Full-width characters: the label's width is known without measuring the font.
  const labelWidth = [...label].length * (labelStyle.size + labelStyle.letterSpacing);
  const rows: string[] = [];
  for (let i = 0; i < signers.length; i += 2) rows.push(signers.slice(i, i + 2).join('　'));
  const fonts = [numberStyle, nameStyle, ...(label ? [labelStyle] : [])];
  // One baseline for the whole line, whichever face has the tallest ascender.
  const baseline = Math.max(...fonts.map((s) => baselineInLine(s.font, s.size)));
  const top = firstEmTop + EM_ASCENT * nameStyle.size - baseline;
  const cell = charCell(ctx.sheet, numberStyle);
  const shift = (...styles: TextStyle[]) => baseline - Math.max(...styles.map((s) => baselineInLine(s.font, s.size)));
  const namesShift = shift(nameStyle, ...(label ? [labelStyle] : []));
  const names = rows.map((row, i) => ({
    text: [...(i === 0 && label ? [toInline(label, labelStyle)] : []), toInline(row, nameStyle)],
    noWrap: true,
    // Only the first line moves: the lines under it follow at the pitch.
    margin: [i === 0 ? 0 : labelWidth, i === 0 ? namesShift : 0, 0, 0],
  }));
  const number = { text: [toInline(a.number ?? '', numberStyle)], noWrap: true, margin: [cell, (rows.length - 1) * pitch + shift(numberStyle), 0, 0] };
  const height = rows.length * pitch + Math.max(namesShift, shift(numberStyle));
  put({ columns: [{ width: '*', stack: [number] }, { width: 'auto', stack: names }, { width: cell, text: '' }], columnGap: 0 }, top, height);
  return top + (rows.length - 1) * pitch + baseline;
}
