import { BriefingError } from '../errors/briefing-error.js';
import type { Host } from '../host/host.js';
import { attachFiles } from './attach-files.js';
import type { LoadedData } from './load-data.js';
import { parseMarkdown, type ParsedMarkdown } from './parse-markdown.js';
import { utf8Text } from './read-text.js';

/**
 * Where the parsed Markdown hangs on its data object. A symbol, not a key: YAML and JSON cannot
 * produce it, so data can never pass off a string of its own as trusted markup, and `{{#each}}` or
 * the schema never see it.
 */
const MARKDOWN = Symbol('briefing.markdown');

/**
 * Every `{ markdown: "file.md" }` in the data gets its file read (relative to the data file, inside
 * the project) and tokenised; the `markdown` helper prints it. Works on `data` (already a copy from
 * attachTables, same shape as the loaded data, so data paths still locate lines) and returns a new
 * copy plus the Markdown files read, for incremental builds and watch.
 */
export function attachMarkdown(data: Record<string, unknown>, loaded: LoadedData, host: Host): { data: Record<string, unknown>; files: string[] } {
  return attachFiles(data, loaded, host, {
    key: 'markdown',
    attach(file, { out, where, written }) {
      const bytes = host.read('markdown', file, { from: loaded.file, shown: written, where, missing: () => new BriefingError('E_MARKDOWN_NOT_FOUND', { path: file }, where) });
      const source = utf8Text(bytes, file);
      Object.defineProperty(out, MARKDOWN, { value: parseMarkdown(source, file), enumerable: false });
    },
  });
}

/** The Markdown attached to a data value, or undefined when the value is anything else. */
export function attachedMarkdown(value: unknown): ParsedMarkdown | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return (value as { [MARKDOWN]?: ParsedMarkdown })[MARKDOWN];
}
