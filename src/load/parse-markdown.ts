import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { BriefingError } from '../errors/briefing-error.js';

/** A Markdown file read and tokenised by the load stage; the render stage turns it into markup. */
export interface ParsedMarkdown {
  file: string;
  /** markdown-it's flat token stream (block tokens; `inline` tokens carry `children`). */
  tokens: Token[];
}

/**
 * CommonMark without raw HTML (it stays text) and without entity decoding (`&nbsp;` stays the six
 * characters typed), so a .md file means no more than its words and marks. The CJK-friendly plugin
 * lets `**` close after a full-width mark: plain CommonMark leaves 让发展**“强起来”**，… unbolded.
 * Nothing here produces HTML; src/render/markdown-markup.ts walks the tokens and escapes all text.
 */
let parser: MarkdownIt | undefined;

/**
 * Made on the first Markdown file, so documents without one never load markdown-it (some 80
 * files). The plugin (two small files) is imported up front: it is ESM only, and require() of ESM
 * warns as experimental on some Node 20 releases.
 */
function markdown(): MarkdownIt {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
    parser = new MarkdownItClass('commonmark', { html: false }).use(cjkFriendly).disable('entity');
  }
  return parser;
}

/**
 * A list inside a list item cannot be printed (a list item holds one run of text), so it is refused
 * here, at its line in the .md file, rather than flattened behind the writer's back.
 */
export function parseMarkdown(source: string, file: string): ParsedMarkdown {
  const tokens = markdown().parse(source, {});
  let lists = 0;
  for (const t of tokens) {
    if (t.type !== 'bullet_list_open' && t.type !== 'ordered_list_open' && t.type !== 'bullet_list_close' && t.type !== 'ordered_list_close') continue;
    lists += t.nesting;
    if (lists > 1) {
      throw new BriefingError('E_MARKDOWN_UNSUPPORTED', { what: 'a list inside a list item', whatZh: '列表项中嵌套的列表' },
        { file, line: t.map ? t.map[0] + 1 : undefined });
    }
  }
  return { file, tokens };
}
