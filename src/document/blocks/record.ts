import { textOf, type MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { pageDimensions } from '../page-size.js';
import { styleFor } from '../style.js';
import { MM } from '../units.js';
import { EM_ASCENT, baselineInLine, linePitch, onPitch, textBlock } from './gongwen-grid.js';

/**
 * The 版记 (GB/T 9704 §7.4): 抄送 lines and the 印发机关 / 印发日期 line in 四号仿宋, one character in
 * from each side, between rules as wide as the text block — thick above the first line and at the
 * bottom, thin between lines — with the last rule on the bottom edge of the text block of the LAST page.
 *
 * pdfmake flows content from the top and cannot anchor a block to the foot of whatever page the flow
 * ends on, and its footer callback belongs to the page numbers. So the 版记 is sized here, where its
 * height is known (whole lines on the body's pitch), and placed in two parts:
 *  1. an empty node whose top margin is that height and a line: pdfmake moves it to a new page when
 *     the space left on the last page is smaller, so the body always leaves room for the 版记;
 *  2. the rules and lines with absolutePosition at the foot of the block of the page the flow is on,
 *     which after (1) is the page with room. They take no space in the flow.
 * It must therefore be the last thing in the document. A 抄送 line that wraps is counted by estimate
 * (full-width characters one em, others a little over half) with a character to spare per break for
 * line-breaking rules; an over-estimate leaves a blank line inside the 版记, never an overlap.
 */
export function record(el: MarkupElement, ctx: BuildContext): Content[] {
  const sheet = ctx.sheet;
  const pitch = linePitch(sheet);
  const style = onPitch(styleFor(sheet, 'record'), pitch);
  const thick = style.border ?? 0.35 * MM;
  const thin = styleFor(sheet, 'record-rule').border ?? 0.25 * MM;
  const inset = style.indent * style.size;
  // Centre each line's em box in its row of one pitch.
  const lineTopInRow = (pitch - style.size) / 2 + EM_ASCENT * style.size - baselineInLine(style.font, style.size);

  const rows: { node: Content; height: number }[] = [];
  for (const to of el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === 'to')) {
    const label = `${to.attrs.kind ?? ''}：`;
    const labelWidth = [...label].length * (style.size + style.letterSpacing);
    const width = ctx.width - 2 * inset - labelWidth;
    const node = {
      columns: [
        { width: labelWidth, text: [toInline(label, style)] },
        // Wrapped lines start under the first organ, after the colon.
        { width, text: inlineRuns(to.children, style, ctx.sheet), alignment: style.align ?? 'justify', measure: width },
      ],
      columnGap: 0,
    };
    rows.push({ node, height: estimateLines(textOf(to), width, style.size) * pitch });
  }
  if (el.attrs.issuer || el.attrs.issued) {
    const node = {
      columns: [
        { width: '*', text: [toInline(el.attrs.issuer ?? '', style)], noWrap: true },
        { width: 'auto', text: [toInline(el.attrs.issued ?? '', style)], noWrap: true },
      ],
      columnGap: style.size,
    };
    rows.push({ node, height: pitch });
  }
  if (rows.length === 0) return [];

  const height = rows.reduce((sum, r) => sum + r.height, 0);
  const [, pageHeight] = pageDimensions(sheet.page.size, sheet.file);
  const block = textBlock(sheet, pageHeight);
  const top = block.bottom - height;
  const rules: Content[] = [];
  let y = 0;
  rows.forEach((row, i) => {
    rules.push(rule(y, i === 0 ? thick : thin, ctx.width));
    y += row.height;
  });
  rules.push(rule(height, thick, ctx.width));

  // An empty stack, not an empty text: pdfmake gives '' a line's height. One line more than the
  // 版记 keeps a blank line above its first rule, room too for a seal reaching below the date.
  const out: Content[] = [{ stack: [], margin: [0, height + pitch, 0, 0] }, { canvas: rules, absolutePosition: { x: block.left, y: top } }];
  y = top;
  for (const row of rows) {
    // pdfmake starts a new page when a line does not fit above the bottom margin, even inside a
    // detached block. Anchored at the row's top (less a point against rounding), the row's lines
    // fit; the relative move that centres them in the row does not change that check.
    const centred = { stack: [{ ...row.node, margin: [inset, 0, inset, 0] }], relativePosition: { x: 0, y: lineTopInRow + 1 } };
    out.push({ stack: [centred], absolutePosition: { x: block.left, y: y - 1 } });
    y += row.height;
  }
  return out;
}

/** A rule centred on `y`, drawn as a filled rectangle of the rule's thickness. */
function rule(y: number, thickness: number, length: number): Content {
  return { type: 'rect', x: 0, y: y - thickness / 2, w: length, h: thickness, color: '#000000' };
}

/** Lines a text takes in `width`: full-width characters one em, others 0.6 em, a character lost per break. */
export function estimateLines(text: string, width: number, size: number): number {
  let ems = 0;
  for (const ch of text.trim()) ems += /[\u2E80-\uFFEF]|[\uD840-\uD87F]/.test(ch) ? 1 : 0.6;
  const perLine = Math.max(1, Math.floor(width / size));
  let lines = 1;
  while (lines * perLine - (lines - 1) < ems) lines++;
  return lines;
}
