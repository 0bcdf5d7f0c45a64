import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import type { ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { BriefingError, formatDataPath } from '../errors/briefing-error.js';
import { createHost, type Host } from '../host/host.js';
import { collectionKeyAt, duplicateJsonKey, EXPANSION_ALLOWANCE, jsonTooDeepAt, overBudget, TOO_DEEP, tooDeepOrCyclic } from './data-guards.js';
import { JSON_REASONS, yamlReasonZh } from './parse-reasons.js';
import { lineColumnAt, utf8Text } from './read-text.js';

export type DataPath = readonly (string | number)[];

/** A data file as loaded: its values plus a way back from a data path to the file position. */
export interface LoadedData {
  file: string;
  data: Record<string, unknown>;
  /** Line/column where the value at `path` sits, or the nearest ancestor that exists. */
  locate: (path: DataPath, where?: 'value' | 'key') => { line: number; column: number } | undefined;
  /**
   * YAML numbers whose written decimals the parsed value lost (56.30 parses to 56.3): where they
   * are and how they were written, so they can be printed as written.
   */
  written: { path: DataPath; text: string }[];
}

/**
 * The first data path whose value is exactly `value`: later stages only see values (an image path
 * in markup), and this leads an error about one back to where the user typed it.
 */
export function findValuePath(data: unknown, value: unknown, path: (string | number)[] = [], match: (v: unknown) => boolean = (v) => v === value): (string | number)[] | undefined {
  if (match(data)) return path;
  if (!data || typeof data !== 'object') return undefined;
  for (const [k, v] of Object.entries(data)) {
    const found = findValuePath(v, value, [...path, Array.isArray(data) ? Number(k) : k], match);
    if (found) return found;
  }
  return undefined;
}

/** Limits that keep a hostile file from exhausting memory (alias bombs). */
const MAX_ALIAS_COUNT = 1000;

export interface LoadOptions {
  /** The build's host; by default one around the file's own folder (the caller vouches for the file). */
  host?: Host;
  /** Which kind of file this is to the gate: its size limit and where it may lie. */
  kind?: 'data' | 'style' | 'config' | 'schema';
  /** A data file the user named (default) may lie anywhere; one a config glob found, only in the project. */
  typed?: boolean;
  /**
   * May know the file's values from its text already (settings parsed when briefing was built:
   * validate/load-settings.ts); when it returns undefined the text is parsed here.
   */
  parsed?: (text: string) => Record<string, unknown> | undefined;
}

export function loadData(file: string, { host, kind = 'data', typed = true, parsed }: LoadOptions = {}): LoadedData {
  const ext = extname(file).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') {
    throw new BriefingError('E_DATA_FORMAT', { ext: ext || '(none)', ...(ext ? {} : { extZh: '（无扩展名）' }) }, { file });
  }
  const gate = host ?? createHost({ projectRoot: dirname(file) });
  const bytes = gate.read(kind, file, { typed, missing: () => new BriefingError('E_DATA_NOT_FOUND', { path: file }, { file }) });
  return loadDataText(file, utf8Text(bytes, file), ext === '.json' ? 'json' : 'yaml', parsed);
}

/**
 * Data given as text: read from a file above, or from standard input (`build -`, which
 * cli/piped-data.ts reads within the data kind's size limit); `file` is the name errors show.
 */
export function loadDataText(file: string, text: string, format: 'yaml' | 'json', parsed?: (text: string) => Record<string, unknown> | undefined): LoadedData {
  const ext = format === 'json' ? '.json' : '.yaml';
  const written: LoadedData['written'] = [];
  const data = parsed?.(text) ?? (ext === '.json' ? parseJson(file, text) : parseYaml(file, text, written));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new BriefingError(ext === '.json' ? 'E_JSON_SYNTAX' : 'E_YAML_SYNTAX',
      { reason: 'the top level must be a mapping of keys to values', reasonZh: '最外层必须是“键: 值”形式的映射' }, { file, line: 1, column: 1 });
  }
  let located: ReturnType<typeof positionIndex> | undefined;
  // Positions are only needed when something is wrong, so the index is built on first use.
  const locate: LoadedData['locate'] = (path, where) => (located ??= positionIndex(text))(path, where);
  const unsafe = tooDeepOrCyclic(data);
  if (unsafe) {
    const reason = unsafe.cycle ? { reason: 'an alias refers to a list or mapping that contains it', reasonZh: '别名（*）指向了包含它自己的列表或映射' } : TOO_DEEP;
    throw new BriefingError(ext === '.json' ? 'E_JSON_SYNTAX' : 'E_YAML_SYNTAX', reason, { file, ...locate(unsafe.path) });
  }
  // Checked now, at the line that says it, not later where a template or a chart trips over it.
  const budget = overBudget(data, text.length + EXPANSION_ALLOWANCE);
  if (budget?.kind === 'expansion') {
    throw new BriefingError('E_DATA_EXPANSION', { limit: EXPANSION_ALLOWANCE, size: text.length }, { file, dataPath: formatDataPath(budget.path), ...locate(budget.path) });
  }
  if (budget?.kind === 'number') {
    const dataPath = formatDataPath(budget.path);
    throw new BriefingError('E_DATA_NUMBER', { path: dataPath, value: budget.value }, { file, dataPath, ...locate(budget.path) });
  }
  return { file, data: data as Record<string, unknown>, locate, written };
}

/** Decimals written with trailing zeros (56.30, 2.0, -1.50): the form a parsed number cannot keep. */
const TRAILING_ZEROS = /^[-+]?\d+\.\d*0$/;

/** Walk the document's mappings and sequences (not aliases) for numbers written with trailing zeros. */
function collectWritten(node: unknown, path: (string | number)[], out: LoadedData['written']): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string' || typeof key === 'number') collectWritten(pair.value, [...path, String(key)], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectWritten(item, [...path, i], out));
  } else if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' && TRAILING_ZEROS.test(node.source)) {
    out.push({ path, text: node.source.replace(/^\+/, '') });
  }
}

function parseYaml(file: string, text: string, written: LoadedData['written'] = []): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    // Very deep nesting exhausts the parser's own recursion; say what is wrong in the user's terms.
    const reason = /call stack/i.test(problem.message) ? TOO_DEEP : { reason: firstLine(problem.message), reasonZh: yamlReasonZh(problem.message, problem.code) };
    throw new BriefingError('E_YAML_SYNTAX', reason, { file, line: pos.line, column: pos.col });
  }
  try {
    const complexKey = collectionKeyAt(doc);
    if (complexKey !== undefined) {
      const pos = lineCounter.linePos(complexKey);
      throw new BriefingError('E_YAML_SYNTAX', { reason: 'a key must be text, not a list or mapping', reasonZh: '键必须是文字，不能是列表或映射' }, { file, line: pos.line, column: pos.col });
    }
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    collectWritten(doc.contents, [], written);
    return value;
  } catch (e) {
    if (e instanceof BriefingError) throw e;
    const reason = e instanceof RangeError ? TOO_DEEP : { reason: firstLine((e as Error).message), reasonZh: yamlReasonZh((e as Error).message) };
    throw new BriefingError('E_YAML_SYNTAX', reason, { file });
  }
}

let jsonc: typeof import('jsonc-parser') | undefined;

/** jsonc-parser finds the offset of the first mistake, which JSON.parse does not always say. */
function parseJson(file: string, text: string): unknown {
  // Loaded for the first JSON data file only: YAML data, style and config never need it.
  const { parseTree, printParseErrorCode } = (jsonc ??= createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser'));
  // Checked before parsing: both parsers recurse per level and would run out of stack.
  const tooDeep = jsonTooDeepAt(text);
  if (tooDeep !== undefined) throw new BriefingError('E_JSON_SYNTAX', TOO_DEEP, { file, ...lineColumnAt(text, tooDeep) });
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    const [reason, reasonZh] = JSON_REASONS[code] ?? [code, `无法解析（${code}）`];
    throw new BriefingError('E_JSON_SYNTAX', { reason, reasonZh }, { file, ...lineColumnAt(text, first.offset) });
  }
  // YAML data refuses a repeated key; JSON.parse would keep the last one without a word.
  const duplicate = duplicateJsonKey(tree);
  if (duplicate) {
    throw new BriefingError('E_JSON_SYNTAX', { reason: `the key "${duplicate.key}" appears twice in one object`, reasonZh: `同一对象中键“${duplicate.key}”出现了两次` }, { file, ...lineColumnAt(text, duplicate.offset) });
  }
  return JSON.parse(text);
}

/** Map data paths to positions by re-reading the text as YAML (JSON is YAML too). */
function positionIndex(text: string): LoadedData['locate'] {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: false });
  return (path, where = 'value') => {
    // An unknown key is best shown at the key itself, not at its value.
    if (where === 'key' && path.length) {
      const parent = doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]) : undefined;
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      // getIn on a missing key of a mapping: point at the mapping itself.
      if (depth === 0 && (isMap(doc.contents) || isSeq(doc.contents)) && doc.contents.range) {
        const pos = lineCounter.linePos(doc.contents.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
