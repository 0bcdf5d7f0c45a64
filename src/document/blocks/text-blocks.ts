import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { listLabel } from '../numbering.js';
import { headingRole, type Inline } from '../doc-definition.js';
import { styleFor } from '../style.js';
import { noteHeading } from './toc.js';

/** Paragraph-like blocks: p, lead, kicker, title, subtitle, byline, figcaption. */
export function paragraph(el: MarkupElement, ctx: BuildContext, styleName = el.name): Content {
  const style = styleFor(ctx.sheet, styleName);
  const indent = el.attrs.indent !== undefined ? Number(el.attrs.indent) : style.indent;
  const node: Content = {
    text: inlineRuns(el.children, style, ctx.sheet),
    alignment: el.attrs.align ?? style.align ?? 'justify',
    margin: [0, style.spaceBefore, 0, style.spaceAfter],
    role: 'P',
  };
  // The headline is the document's top heading for a reader who cannot see the page.
  if (el.name === 'title') {
    node.role = headingRole(1);
    ctx.headings.last = 1;
  }
  // Indent by whole character cells: on a grid a cell is the size plus its letter spacing.
  if (indent) node.leadingIndent = indent * (style.size + style.letterSpacing);
  return node;
}

/** h1–h4: a paragraph that also becomes a bookmark nested under the previous higher level. */
export function heading(el: MarkupElement, ctx: BuildContext): Content {
  const node = paragraph(el, ctx);
  node.keepWithNext = true;
  const level = Number(el.name[1]);
  ctx.headings.last = level + ctx.headings.base;
  node.role = headingRole(ctx.headings.last);
  const counters = ctx.outline.counters;
  counters[level - 1] = (counters[level - 1] ?? 0) + 1;
  counters.length = level;
  const style = styleFor(ctx.sheet, el.name);
  if (style.numbering) {
    (node.text as Inline[]).unshift(toInline(listLabel(style.numbering, counters[level - 1]!), style));
  }
  noteHeading(ctx, el, node, level, style.numbering ? listLabel(style.numbering, counters[level - 1]!) : '');
  if (el.attrs.outline === 'false') return node;
  const id = `heading-${++ctx.outline.count}`;
  node.id = id;
  node.outline = true;
  node.outlineText = (node.text as { text: string }[]).map((r) => r.text).join('');
  const parent = ctx.outline.lastByLevel.slice(0, level - 1).reverse().find(Boolean);
  if (parent) node.outlineParentId = parent;
  ctx.outline.lastByLevel[level - 1] = id;
  ctx.outline.lastByLevel.length = level;
  return node;
}
