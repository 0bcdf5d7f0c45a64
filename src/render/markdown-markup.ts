import Handlebars from './handlebars.js';
import type { Token } from 'markdown-it';
import { attachedMarkdown } from '../load/attach-markdown.js';
import type { ParsedMarkdown } from '../load/parse-markdown.js';
import { HelperValueError } from './helper-value.js';

export interface MarkdownMarkupOptions {
  /** Markup heading level of a Markdown `#` heading (1–4); `##` is one deeper. Default 2. */
  heading?: number;
  /** `numbering` of ordered lists (decimal, cjk, …); default: the `<ol>` default. */
  numbering?: string;
}

/**
 * Briefing markup from tokenised Markdown: paragraphs, headings, lists, strong and emphasis. Every
 * piece of text is escaped the way Handlebars escapes `{{field}}`, so `<page-break/>`, `&nbsp;` or
 * `{{x}}` in a .md file print as those characters. Whatever has no briefing element is reduced to
 * its text: a link to its words, a picture to its description, code to a plain paragraph, a
 * quotation to its paragraphs; a thematic break (`---`) is a `<rule/>`.
 */
export function markdownToMarkup(parsed: ParsedMarkdown, options: MarkdownMarkupOptions = {}): string {
  const tokens = parsed.tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'paragraph_open':
        out.push(paragraph(inline(tokens[i + 1]!)));
        i += 2;
        break;
      case 'heading_open': {
        const level = Math.min(4, (options.heading ?? 2) + Number(t.tag.slice(1)) - 1);
        out.push(`<h${level}>${inline(tokens[i + 1]!)}</h${level}>`);
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const end = closingIndex(tokens, i);
        out.push(list(tokens.slice(i, end + 1), options.numbering));
        i = end;
        break;
      }
      case 'code_block':
      case 'fence':
      case 'html_block':
        if (t.content.trim()) out.push(paragraph(escape(t.content.trim())));
        break;
      case 'hr':
        out.push('<rule/>');
        break;
      default: // blockquote_open/_close: the quotation's own blocks follow in the stream
        break;
    }
  }
  return out.join('\n');
}

/**
 * Writers of Chinese often open a paragraph with two ideographic spaces; the `p` style indents
 * already, so leading spaces are dropped rather than doubling the indent.
 */
function paragraph(content: string): string {
  return `<p>${content.replace(/^[\s\u3000]+/, '')}</p>`;
}

function closingIndex(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/** `tokens` runs from the list's open to its close; nested lists were refused at load. */
function list(tokens: Token[], numbering: string | undefined): string {
  const ordered = tokens[0]!.type === 'ordered_list_open';
  const tag = ordered ? 'ol' : 'ul';
  const attr = ordered && numbering ? ` numbering="${escape(numbering)}"` : '';
  const items: string[][] = [];
  for (const t of tokens) {
    if (t.type === 'list_item_open') items.push([]);
    else if (t.type === 'inline') items.at(-1)?.push(inline(t));
    else if (t.type === 'code_block' || t.type === 'fence' || t.type === 'html_block') items.at(-1)?.push(escape(t.content.trim()));
  }
  // An item holds one run of text; a loose item's paragraphs are separated by line breaks.
  const lis = items.map((parts) => `<li>${parts.join('<br/>')}</li>`);
  return `<${tag}${attr}>\n${lis.join('\n')}\n</${tag}>`;
}

function inline(token: Token): string {
  return (token.children ?? []).map((t) => {
    switch (t.type) {
      case 'strong_open':
        return '<strong>';
      case 'strong_close':
        return '</strong>';
      case 'em_open':
        return '<em>';
      case 'em_close':
        return '</em>';
      case 'softbreak':
        return '\n';
      case 'hardbreak':
        return '<br/>';
      case 'link_open':
      case 'link_close':
        return '';
      case 'image':
        return inline(t);
      default: // text, code_inline, anything else: its text, escaped
        return escape(t.content);
    }
  }).join('');
}

function escape(text: string): string {
  return Handlebars.Utils.escapeExpression(text);
}

/**
 * `{{markdown body}}`: the markup of a `{ markdown: "file.md" }` data value, as a SafeString so
 * Handlebars inserts it unescaped — safe because every text in it was escaped above, and only the
 * load stage can attach Markdown to a value. Hash: `heading=3` (level of `#`), `numbering="decimal"`.
 */
export function renderMarkdownValue(value: unknown, hash: Record<string, unknown>): Handlebars.SafeString {
  const parsed = attachedMarkdown(value);
  if (!parsed) {
    const text = typeof value === 'string' ? JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value) : '';
    const [got, gotZh] = value === undefined || value === null ? ['nothing (is the field missing?)', '没有值（是否缺少该字段？）']
      : typeof value === 'string' ? [`the text ${text}`, `文字 ${text}`]
        : Array.isArray(value) ? ['a list', '列表'] : typeof value === 'object' ? ['an object that names no .md file', '没有指明 .md 文件的映射'] : [String(value), String(value)];
    throw new HelperValueError(`expects a value written { markdown: "file.md" } in the data, got ${got}`, `数据中应写作 { markdown: "file.md" }，现在是${gotZh}`);
  }
  const { heading, numbering } = hash;
  if (heading !== undefined && !(typeof heading === 'number' && Number.isInteger(heading) && heading >= 1 && heading <= 4)) {
    throw new HelperValueError(`heading= must be 1, 2, 3 or 4, not ${JSON.stringify(heading)}`, `heading= 应为 1、2、3 或 4，而不是 ${JSON.stringify(heading)}`);
  }
  if (numbering !== undefined && typeof numbering !== 'string') throw new HelperValueError('numbering= must be text such as "decimal"', 'numbering= 应为文字，如 "decimal"');
  return new Handlebars.SafeString(markdownToMarkup(parsed, { heading, numbering }));
}
