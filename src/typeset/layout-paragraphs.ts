import type { Content, Inline } from '../document/doc-definition.js';
import type { Face, FontSet } from './font-set.js';
import { toAtoms, type SpacingRules } from './linebreak/atoms.js';
import { breakLines } from './linebreak/break-lines.js';
import { emitLine } from './linebreak/emit-lines.js';
import { LineMemo, paragraphKey } from './linebreak/line-memo.js';

export type ParagraphOptions = SpacingRules;

/**
 * Paragraphs set in this process, for the documents after this one. A bulletin sets 30 to 40 and
 * a paragraph takes a few KB: the bound keeps some fifty different briefings' worth (about 10 MB).
 */
const processMemo = new LineMemo(2000);

/**
 * Replace every paragraph the document stage gave a `measure` (its width) with finished lines from
 * briefing's CJK line breaker, grouped so pdfmake's page breaks respect widows and orphans: the
 * first two and last two lines of a paragraph stay together, and a heading stays with them.
 * Paragraphs without a measure (table cells, whose width pdfmake decides) keep pdfmake's wrapping.
 */
export function layoutParagraphs(content: Content[], fonts: FontSet, opts: ParagraphOptions, memo: LineMemo = processMemo): void {
  const faceOf = (run: Inline): Face => {
    const faces = fonts.roles.get(run.font)!;
    return run.bold && faces.bold ? faces.bold : faces.normal;
  };

  /** Each line's inlines: from the memo when this process has set the same paragraph before. */
  const setLines = (runs: Inline[], width: number, indent: number, align: string): Inline[][] => {
    const key = paragraphKey(runs, faceOf, { width, indent, align, rules: opts });
    const known = key === undefined ? undefined : memo.take(key);
    if (known) return known;
    const atoms = toAtoms(runs, faceOf, width);
    const lines = breakLines(atoms, { width, indent, justify: align === 'justify', rules: opts }).map((line) => emitLine(atoms, line, opts, align));
    if (key !== undefined) memo.keep(key, lines);
    return lines;
  };

  const layout = (node: Content): Content => {
    const runs = node.text as Inline[];
    const width = node.measure as number;
    const indent = (node.leadingIndent as number | undefined) ?? 0;
    const align = (node.alignment as string | undefined) ?? 'left';
    const lines: Content[] = setLines(runs, width, indent, align).map((inlines, i) => {
      const out: Content = { text: inlines, noWrap: true, alignment: align === 'justify' ? 'left' : align };
      if (i === 0 && indent) out.leadingIndent = indent;
      return out;
    });
    if (lines.length === 0) lines.push({ text: '' });
    const { text: _t, measure: _m, leadingIndent: _l, alignment: _a, noWrap: _n, id, outline, outlineText, outlineParentId, ...rest } = node;
    // Bookmarks and link targets belong on a text node: the first line carries them.
    Object.assign(lines[0]!, strip({ id, outline, outlineText, outlineParentId }));
    return { ...rest, stack: groupLines(lines) };
  };

  const visitList = (list: unknown[]): void => {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!item || typeof item !== 'object') continue;
      list[i] = visit(item as Content);
    }
    keepHeadingsWithText(list as Content[]);
  };

  const visit = (node: Content): Content => {
    if (Array.isArray(node.text) && typeof node.measure === 'number') return layout(node);
    if (Array.isArray(node.stack)) visitList(node.stack);
    if (Array.isArray(node.columns)) visitList(node.columns);
    const table = node.table as { body?: unknown[][] } | undefined;
    if (table?.body) for (const row of table.body) visitList(row);
    return node;
  };

  visitList(content);
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** First two and last two lines stay together; a paragraph of three lines or fewer is one piece. */
function groupLines(lines: Content[]): Content[] {
  if (lines.length <= 3) return [{ stack: lines, unbreakable: true }];
  return [
    { stack: lines.slice(0, 2), unbreakable: true },
    ...lines.slice(2, -2),
    { stack: lines.slice(-2), unbreakable: true },
  ];
}

/** A heading never ends a page: it joins the first unbreakable group of the block after it. */
function keepHeadingsWithText(list: Content[]): void {
  for (let i = list.length - 2; i >= 0; i--) {
    const heading = list[i]!;
    if (!heading.keepWithNext) continue;
    const next = list[i + 1]!;
    const firstGroup = Array.isArray(next.stack) ? (next.stack as Content[])[0] : undefined;
    if (firstGroup?.unbreakable && Array.isArray(firstGroup.stack)) {
      const { keepWithNext: _k, ...rest } = heading;
      // The space above the next block now sits inside the group, under the heading.
      const nextMargin = (next.margin as number[] | undefined) ?? [0, 0, 0, 0];
      (firstGroup.stack as Content[]).unshift({ ...rest, margin: shiftMargin(rest.margin, nextMargin) });
      next.margin = [nextMargin[0]!, 0, nextMargin[2]!, nextMargin[3]!];
      list.splice(i, 1);
    }
  }
}

function shiftMargin(heading: unknown, next: number[]): number[] {
  const h = (heading as number[] | undefined) ?? [0, 0, 0, 0];
  return [h[0]!, h[1]!, h[2]!, h[3]! + next[1]!];
}
