import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext, TocRegistry } from '../build-context.js';
import type { Content, Inline } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor, type TextStyle } from '../style.js';

/**
 * The 目录: one entry per heading — its number and text, a dotted leader, and the page it starts
 * on, which the draw stage fills in once the pages are laid out (a `pageReference` to the heading's first line).
 *
 * A <toc> usually stands before the headings it lists, so it is built in two steps: `toc()` leaves
 * an empty stack where it stands, every heading is noted as it is built, and `finishTocs()` fills
 * the stacks once the whole document has been built.
 */

export function newTocRegistry(): TocRegistry {
  return { headings: [], tocs: [] };
}

/** Called for every h1–h4 as it is built; `label` is its number (一、) or empty. */
export function noteHeading(ctx: BuildContext, el: MarkupElement, node: Content, level: number, label: string): void {
  const text = (node.text as Inline[]).map((r) => r.text).join('').slice(label.length).replace(/\s*\n\s*/g, '');
  ctx.toc.headings.push({ level, label, text, node, listed: el.attrs.toc !== 'false' });
}

export function toc(el: MarkupElement, ctx: BuildContext): Content {
  const node: Content = { stack: [], role: 'TOC' };
  ctx.toc.tocs.push({ el, node });
  return node;
}

export function finishTocs(ctx: BuildContext): void {
  ctx.toc.tocs.forEach(({ el, node }) => {
    const levels = Number(el.attrs.levels ?? 2);
    const stack = node.stack as Content[];
    if (el.attrs.title) {
      const s = styleFor(ctx.sheet, 'toc-title');
      stack.push({ text: [toInline(el.attrs.title, s)], alignment: s.align ?? 'center', margin: [0, s.spaceBefore, 0, s.spaceAfter] });
    }
    // Leaders and page numbers look alike at every level: their own font and colour, the entry's size.
    const marks = { leader: styleFor(ctx.sheet, 'toc-leader'), page: styleFor(ctx.sheet, 'toc-page') };
    ctx.toc.headings.forEach((h, i) => {
      if (!h.listed || h.level > levels) return;
      // Headings kept out of the PDF outline have no id yet; the page reference needs one.
      h.node.id ??= `toc-heading-${i + 1}`;
      stack.push(entry(h.label, h.text, h.node.id as string, styleFor(ctx.sheet, `toc-${h.level}`), marks));
    });
  });
}

/** The page number's column, in em: room for three digits. */
const NUMBER_EM = 2;

/**
 * One entry: its number and text, then dotted leaders to the page number in a column of its own.
 * A text too long for one line wraps under the text after the number; the dots follow its last
 * line. The composer sets the dots (typeset/layout/set-text.ts) and prints the page the heading
 * landed on when it draws the page.
 */
function entry(label: string, text: string, id: string, style: TextStyle, marks: { leader: TextStyle; page: TextStyle }): Content {
  const em = style.size;
  const indent = style.indent * em;
  return {
    columns: [
      {
        width: '*',
        text: [toInline(label + text, style)],
        alignment: 'left',
        // Wrapped lines hang under the text, after the number.
        hangingChars: [...label].length,
        leader: { text: [toInline('·', { ...style, font: marks.leader.font, color: marks.leader.color, letterSpacing: 0 })] },
        margin: [indent, 0, 0, 0],
      },
      { width: NUMBER_EM * em, text: [{ ...toInline('0', { ...style, font: marks.page.font, color: marks.page.color, bold: marks.page.bold }), pageReference: id }], alignment: 'right', valign: 'bottom' },
    ],
    columnGap: 0,
    unbreakable: true,
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
    role: 'TOCI',
  };
}
