import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { MM } from '../units.js';
import { EM_ASCENT, baselineInLine, linePitch, onPitch } from './gongwen-grid.js';

/**
 * The 版记 (GB/T 9704 §7.4): 抄送 lines and the 印发机关 / 印发日期 line in 四号仿宋, one character in
 * from each side, between rules as wide as the text block — thick above the first line and at the
 * bottom, thin between lines — with the last rule on the bottom edge of the text block of the last
 * page, which is an even page (the back of the last sheet) unless `page="any"`. The composer pins it
 * there (typeset/layout/paginate.ts); a blank line above it stays free, room too for a seal.
 */
export function record(el: MarkupElement, ctx: BuildContext): Content[] {
  const sheet = ctx.sheet;
  const pitch = linePitch(sheet);
  const style = onPitch(styleFor(sheet, 'record'), pitch);
  const thick = style.border ?? 0.35 * MM;
  const thin = styleFor(sheet, 'record-rule').border ?? 0.25 * MM;
  const inset = style.indent * style.size;
  // Each line's em box centred in its row of one pitch.
  const shift = (pitch - style.size) / 2 + EM_ASCENT * style.size - baselineInLine(style.font, style.size);
  const centred = (node: Content): Content => ({ ...node, margin: [inset, shift, inset, -shift] });

  const rows: Content[] = [];
  for (const to of el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === 'to')) {
    const label = `${to.attrs.kind ?? ''}：`;
    const labelWidth = [...label].length * (style.size + style.letterSpacing);
    rows.push(centred({
      columns: [
        { width: labelWidth, text: [toInline(label, style)] },
        // Wrapped lines start under the first organ, after the colon.
        { width: '*', text: inlineRuns(to.children, style, ctx.sheet), alignment: style.align ?? 'justify' },
      ],
      columnGap: 0,
    }));
  }
  if (el.attrs.issuer || el.attrs.issued) {
    rows.push(centred({
      columns: [
        { width: '*', text: [toInline(el.attrs.issuer ?? '', style)], noWrap: true },
        { width: 'auto', text: [toInline(el.attrs.issued ?? '', style)], noWrap: true },
      ],
      columnGap: style.size,
    }));
  }
  if (rows.length === 0) return [];
  const stack: Content[] = [];
  rows.forEach((row, i) => stack.push(rule(i === 0 ? thick : thin, ctx.width), row));
  stack.push(rule(thick, ctx.width));
  return [{ stack, unbreakable: true, pin: el.attrs.page === 'any' ? 'foot' : 'foot-even', margin: [0, pitch, 0, 0] }];
}

/** A rule centred on the line between two rows, drawn as a filled rectangle; it takes no room. */
function rule(thickness: number, length: number): Content {
  return { canvas: [{ type: 'rect', x: 0, y: -thickness / 2, w: length, h: thickness, color: '#000000' }], relativePosition: { x: 0, y: 0 } };
}
