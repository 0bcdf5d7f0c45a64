import { formatDataPath } from '../errors/briefing-error.js';
import { loadCsv } from '../load/load-csv.js';
import type { DataPath, LoadedData } from '../load/load-data.js';
import { parseMarkdown } from '../load/parse-markdown.js';
import type { Host } from '../host/host.js';
import type { TemplatePack } from '../template/template-pack.js';
import type { SourceLookup, SourcePlace } from './source-lookup.js';
import { bestMatches, normalizeText, type MatchCandidate } from './text-match.js';

/** A place plus the forms its text is printed in; line and column looked up only when shown. */
interface Candidate extends MatchCandidate {
  place: Omit<SourcePlace, 'line' | 'column'> & { line?: number; column?: number };
  locate?: () => { line: number; column: number } | undefined;
}

const EXCERPT = 80;
/** Enough to pick from; more would only be noise. */
const MAX_PLACES = 6;

/**
 * Finds the source of printed text by matching it against every text the build had: values in
 * the data file, cells of the CSV tables it names, paragraphs of its Markdown files, and, failing
 * those, the literal text of the template files.
 *
 * Limits, inherent in matching text: the same text in two places gives both (the sample's title
 * is in `meta.title` and `title`); text a helper rewrote beyond spacing and digit grouping
 * (Chinese numerals, a computed sum) is not found, or found by a shorter shared run; a click on
 * a chart or an image has no text.
 */
export function textSourceLookup(loaded: LoadedData, pack: TemplatePack, host: Host): SourceLookup {
  let fromData: Candidate[] | undefined;
  let fromTemplate: Candidate[] | undefined;
  return {
    find(click) {
      fromData ??= dataCandidates(loaded, host);
      let matches = bestMatches(fromData, click);
      if (!matches.length) {
        fromTemplate ??= templateCandidates(pack);
        matches = bestMatches(fromTemplate, click);
      }
      return matches.slice(0, MAX_PLACES).map(({ candidate }) => ({ ...candidate.place, ...candidate.locate?.() }));
    },
  };
}

function dataCandidates(loaded: LoadedData, host: Host): Candidate[] {
  const out: Candidate[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      const keys = printedForms(value);
      if (keys.some(Boolean)) {
        out.push({ keys, place: { kind: 'data', file: loaded.file, dataPath: formatDataPath(path), excerpt: excerpt(String(value)) }, locate: () => loaded.locate(path) });
      }
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    const obj = value as Record<string, unknown>;
    if (typeof obj.csv === 'string') out.push(...tableCandidates(obj, path, loaded.file, host));
    if (typeof obj.markdown === 'string') out.push(...markdownCandidates(obj.markdown, path, loaded.file, host));
  };
  walk(loaded.data, []);
  return out;
}

/** Header and body cells of a `{ csv: file }` table, at the data paths the template reads them by. */
function tableCandidates(obj: Record<string, unknown>, path: DataPath, dataFile: string, host: Host): Candidate[] {
  const table = readSafely(() => {
    const file = host.resolveReference(obj.csv as string, dataFile, { file: dataFile });
    return loadCsv(file, undefined, { encoding: typeof obj.encoding === 'string' ? obj.encoding : undefined, host, from: dataFile });
  });
  if (!table) return [];
  const cell = (text: string, at: DataPath, line: number): Candidate => ({
    keys: printedForms(text),
    place: { kind: 'table', file: table.file, line, dataPath: formatDataPath([...path, ...at]), excerpt: excerpt(text) },
  });
  return [
    ...table.columns.map((c, j) => cell(c, ['columns', j], Math.max(1, (table.rowLines[0] ?? 2) - 1))),
    ...table.rows.flatMap((row, i) => row.map((c, j) => cell(c, ['rows', i, j], table.rowLines[i]!))),
  ];
}

/** Each paragraph, heading and list item of a `{ markdown: file }`, at its line in the file. */
function markdownCandidates(written: string, path: DataPath, dataFile: string, host: Host): Candidate[] {
  const parsed = readSafely(() => {
    const file = host.resolveReference(written, dataFile, { file: dataFile });
    return parseMarkdown(host.read('markdown', file, { from: dataFile }).toString('utf8').replace(/^\uFEFF/, ''), file);
  });
  if (!parsed) return [];
  const dataPath = formatDataPath([...path, 'markdown']);
  return parsed.tokens
    .filter((t) => t.type === 'inline' && t.map)
    .map((t) => {
      const text = t.content.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]+/g, '');
      return { keys: [normalizeText(text)], place: { kind: 'markdown', file: parsed.file, line: t.map![0] + 1, dataPath, excerpt: excerpt(text) } };
    });
}

/**
 * Literal text in the template files: what is left of a line once Handlebars expressions, comments
 * and markup tags are taken out (报：, a fixed heading).
 */
function templateCandidates(pack: TemplatePack): Candidate[] {
  const out: Candidate[] = [];
  for (const { file, source } of [pack.entry, ...pack.partials.values()]) {
    // Comments may span lines: blank them out but keep the line breaks, so lines still count.
    const text = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
    text.split('\n').forEach((lineText, i) => {
      const code = /\{\{[\s\S]*?\}\}|<[^>]*>?/g;
      let start = 0;
      const take = (end: number) => {
        const literal = lineText.slice(start, end);
        const key = normalizeText(literal);
        // Attribute fragments and punctuation alone are no one's text.
        if (key.length >= 2 && /[^\p{ASCII}]/u.test(key)) {
          out.push({ keys: [key], place: { kind: 'template', file, line: i + 1, column: start + 1 + (literal.length - literal.trimStart().length), excerpt: excerpt(literal.trim()) } });
        }
      };
      for (const m of lineText.matchAll(code)) {
        take(m.index);
        start = m.index + m[0].length;
      }
      take(lineText.length);
    });
  }
  return out;
}

/**
 * The forms a data value may be printed in: as written; a number as digits; an ISO date the way
 * the templates print dates (2023年8月22日).
 */
function printedForms(value: string | number): string[] {
  const text = String(value);
  const forms = [normalizeText(text)];
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (date) forms.push(`${date[1]}年${Number(date[2])}月${Number(date[3])}日`);
  return forms;
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > EXCERPT ? `${one.slice(0, EXCERPT - 1)}…` : one;
}

/** The build that ran a moment ago read these files; one changed since is left out, not fatal. */
function readSafely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
