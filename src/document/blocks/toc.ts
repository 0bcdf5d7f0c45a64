import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content, Inline } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor, type TextStyle } from '../style.js';

/**
 * The 目录: one entry per heading — its number and text, a dotted leader, and the page it starts
 * on, which pdfmake fills in after layout (a `pageReference` to the heading's first line).
 *
 * A <toc> usually stands before the headings it lists, so it is built in two steps: `toc()` leaves
 * an empty stack where it stands, every heading is noted as it is built, and `finishTocs()` fills
 * the stacks once the whole document has been built.
 */
export interface TocRegistry {
  headings: { level: number; label: string; text: string; node: Content; listed: boolean }[];
  tocs: { el: MarkupElement; node: Content; width: number }[];
}

export function newTocRegistry(): TocRegistry {
  return { headings: [], tocs: [] };
}

/** Called for every h1–h4 as it is built; `label` is its number (一、) or empty. */
export function noteHeading(ctx: BuildContext, el: MarkupElement, node: Content, level: number, label: string): void {
  const text = (node.text as Inline[]).map((r) => r.text).join('').slice(label.length).replace(/\s*\n\s*/g, '');
  ctx.toc.headings.push({ level, label, text, node, listed: el.attrs.toc !== 'false' });
}

export function toc(el: MarkupElement, ctx: BuildContext): Content {
  const node: Content = { stack: [] };
  ctx.toc.tocs.push({ el, node, width: ctx.width });
  return node;
}

export function finishTocs(ctx: BuildContext): void {
  ctx.toc.tocs.forEach(({ el, node, width }) => {
    const levels = Number(el.attrs.levels ?? 2);
    const stack = node.stack as Content[];
    if (el.attrs.title) {
      const s = styleFor(ctx.sheet, 'toc-title');
      stack.push({ text: [toInline(el.attrs.title, s)], alignment: s.align ?? 'center', margin: [0, s.spaceBefore, 0, s.spaceAfter], measure: width });
    }
    // Leaders and page numbers look alike at every level: their own font and colour, the entry's size.
    const marks = { leader: styleFor(ctx.sheet, 'toc-leader'), page: styleFor(ctx.sheet, 'toc-page') };
    ctx.toc.headings.forEach((h, i) => {
      if (!h.listed || h.level > levels) return;
      // Headings kept out of the PDF outline have no id yet; the page reference needs one.
      h.node.id ??= `toc-heading-${i + 1}`;
      stack.push(entry(h.label, h.text, h.node.id as string, styleFor(ctx.sheet, `toc-${h.level}`), marks, width));
    });
  });
}

/**
 * The page number's column, in em: pdfmake measures a page reference as 00000 before it knows the
 * number, and a column narrower than that would wrap it.
 */
const NUMBER_EM = 3.2;
/** The dots stop this far from the right edge, in em: room for two digits and a gap. */
const NUMBER_ROOM_EM = 1.6;
/** The shortest leader worth drawing, in em. */
const MIN_LEADER_EM = 2;
/** Middle dots, each after a space where the line may break (it may never break before a '.'). */
const LEADER = ' ·'.repeat(150);

/**
 * One entry. Its last (often only) line is the text followed by dots in one paragraph, cut to its
 * first line (maxHeight): the dots fill exactly what the text leaves, wherever pdfmake ends it. A
 * text too long for one line is split here into rows (estimated: ideographs are 1 em, other
 * characters err wide), so the last row always fits; earlier rows hang under the text after the label.
 */
function entry(label: string, text: string, id: string, style: TextStyle, marks: { leader: TextStyle; page: TextStyle }, width: number): Content {
  const em = style.size;
  const indent = style.indent * em;
  const room = NUMBER_ROOM_EM * em;
  const hang = estimateWidth(label, style);
  const lines = splitEntry(label + text, style, width - indent - room, MIN_LEADER_EM * em, hang);
  const left = (i: number) => indent + (i > 0 ? hang : 0);
  const rows: Content[] = lines.slice(0, -1).map((line, i) => ({ text: [toInline(line, style)], alignment: 'left', margin: [left(i), 0, room, 0] }));
  const last = lines.length - 1;
  rows.push({
    columns: [
      // The negative right margin runs the dots into the number's column, up to NUMBER_ROOM_EM from the edge.
      { width: '*', text: [toInline(lines[last]!, style), toInline(LEADER, { ...style, font: marks.leader.font, color: marks.leader.color })], alignment: 'left', maxHeight: em * style.leading * 1.5, margin: [left(last), 0, room - NUMBER_EM * em, 0] },
      { width: NUMBER_EM * em, text: [{ ...toInline('0', { ...style, font: marks.page.font, color: marks.page.color, bold: marks.page.bold }), pageReference: id }], alignment: 'right' },
    ],
    columnGap: 0,
  });
  return { stack: rows, unbreakable: true, margin: [0, style.spaceBefore, 0, style.spaceAfter] };
}

/** Lines of an entry: all but the last as wide as `room`, the last leaving `leader` for the dots. */
function splitEntry(text: string, style: TextStyle, room: number, leader: number, hang: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest && estimateWidth(rest, style) > room - leader - (lines.length ? hang : 0)) {
    const cut = breakBefore(rest, room - (lines.length ? hang : 0), style);
    if (cut <= 0 || cut >= rest.length) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

const NO_START = /[，。、；：！？）》」』】〕〉”’·…—%,.;:!?)\]}]/;
const NO_END = /[（《「『【〔〈“‘([{]/;

/** The longest prefix that fits `room`, moved back so no line starts or ends with a forbidden mark. */
function breakBefore(text: string, room: number, style: TextStyle): number {
  const chars = [...text];
  let used = 0;
  let n = 0;
  while (n < chars.length && used + advance(chars[n]!, style) <= room) used += advance(chars[n++]!, style);
  const bad = (k: number) => NO_START.test(chars[k] ?? '') || NO_END.test(chars[k - 1] ?? '') || (/[\w.]/.test(chars[k - 1] ?? '') && /[\w.]/.test(chars[k] ?? ''));
  const fits = n;
  while (n > 1 && bad(n)) n--;
  // A Latin word longer than half the line is broken where it must be, not moved whole.
  if (n < fits / 2) n = fits;
  return chars.slice(0, n).join('').length;
}

function estimateWidth(text: string, style: TextStyle): number {
  return [...text].reduce((w, ch) => w + advance(ch, style), 0);
}

/** Ideographs, full-width marks and capitals count 1 em, other characters 0.6 em: wider than they are. */
function advance(ch: string, style: TextStyle): number {
  const cp = ch.codePointAt(0)!;
  const wide = cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x2026) || /[A-Z@%&]/.test(ch);
  return (wide ? 1 : 0.6) * style.size + style.letterSpacing;
}
