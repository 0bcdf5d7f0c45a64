import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';
import { createHost, type Host } from '../host/host.js';
import { decodeUtf8, lineColumnAt } from './read-text.js';

/** A CSV table: the header row and the body rows, cells as trimmed strings. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: string[][];
  /** The line each body row starts on, for pointing from a printed cell back to the file. */
  rowLines: number[];
}

export interface CsvOptions {
  /** The `encoding:` written next to `csv:` in the data; absent means UTF-8, else GB18030. */
  encoding?: string;
  /** Where that `encoding:` is written, for an unknown name. */
  encodingAt?: SourceLocation;
  /** The build's host; by default one around the file's own folder (the caller vouches for the file). */
  host?: Host;
  /** A table the data names (default), or the recipients list given on the command line. */
  kind?: 'csv' | 'recipients';
  /** The data file that names the table: its folder may hold it even outside the project. */
  from?: string;
  /** The path as written in the data, for messages. */
  shown?: string;
}

/**
 * The most a table may hold. Far more rows than a printed table has (50,000 rows are some 1,200
 * pages); a million-row export would otherwise take minutes and then exhaust the stack.
 */
const MAX_CSV_ROWS = 50_000;
const MAX_CSV_CELLS = 1_000_000;

const require = createRequire(import.meta.url);
// Loaded when first needed: most documents name no CSV, and most CSV files are UTF-8, so neither
// `validate` nor an ordinary build pays for a CSV parser or the GB18030 tables it does not use.
let csvParser: typeof import('csv-parse/sync') | undefined;
let iconvLite: typeof import('iconv-lite') | undefined;
const csv = () => (csvParser ??= require('csv-parse/sync') as typeof import('csv-parse/sync'));
const iconv = () => (iconvLite ??= require('iconv-lite') as typeof import('iconv-lite'));

export function loadCsv(file: string, referencedFrom?: SourceLocation, options: CsvOptions = {}): CsvTable {
  const host = options.host ?? createHost({ projectRoot: dirname(file) });
  const bytes = host.read(options.kind ?? 'csv', file, {
    from: options.from,
    shown: options.shown,
    where: referencedFrom,
    missing: () => new BriefingError('E_CSV_NOT_FOUND', { path: file }, referencedFrom ?? { file }),
  });
  const text = decodeCsv(bytes, file, options);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // One record past the limit is enough to know the table is too long: the rest is never parsed.
    records = csv().parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false, info: true, to: MAX_CSV_ROWS + 2 }) as unknown as typeof records;
  } catch (e) {
    throw csvSyntaxError(e as { message: string; lines?: number; code?: string }, text, file);
  }
  if (records.length === 0) {
    throw new BriefingError('E_CSV_SYNTAX', { reason: 'the file is empty; a header row is expected', reasonZh: '文件是空的；第一行应为表头' }, { file, line: 1 });
  }
  const [header, ...body] = records;
  if (body.length > MAX_CSV_ROWS) throw new BriefingError('E_CSV_TOO_LARGE', { limit: MAX_CSV_ROWS, what: 'rows' }, { file });
  if (body.length * header!.record.length > MAX_CSV_CELLS) throw new BriefingError('E_CSV_TOO_LARGE', { limit: MAX_CSV_CELLS, what: 'cells' }, { file });
  // csv-parse counts the line a record ends on; a quoted cell may span lines.
  const startLine = (r: { record: string[]; info: { lines: number } }) => r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return { file, columns: header!.record, rows: body.map((r) => r.record), rowLines: body.map(startLine) };
}

/** csv-parse's reason in plain words, at the line where the problem starts. */
function csvSyntaxError(err: { message: string; lines?: number; code?: string }, text: string, file: string): BriefingError {
  const counts = /expect (\d+), got (\d+) on line (\d+)/.exec(err.message);
  if (counts) {
    const [, header, cells, line] = counts;
    return new BriefingError('E_CSV_SYNTAX', {
      reason: `the row on line ${line} has ${cells} cells, the header has ${header}`,
      reasonZh: `第 ${line} 行有 ${cells} 个单元格，表头有 ${header} 个`,
    }, { file, line: Number(line) });
  }
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse names the last line; the mistake is where the quote was opened.
    const line = unclosedQuoteLine(text) ?? err.lines;
    return new BriefingError('E_CSV_SYNTAX', { reason: `a quote opened on line ${line} is never closed`, reasonZh: `第 ${line} 行开始的引号没有配对的结束引号` }, { file, line });
  }
  return new BriefingError('E_CSV_SYNTAX', { reason: err.message.split('\n')[0]!, reasonZh: CSV_CODES_ZH[err.code ?? ''] ?? `无法解析${err.code ? `（${err.code}）` : ''}` }, { file, line: err.lines });
}

/** csv-parse's other error codes, in Chinese. */
const CSV_CODES_ZH: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: '引号中的文字结束后紧跟了其他字符；文字中的引号请写成两个 ""',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '结束引号之后、逗号之前还有其他字符',
  CSV_QUOTE_NOT_CLOSED: '引号没有配对的结束引号',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: '各行的单元格个数与表头不一致',
  CSV_MAX_RECORD_SIZE: '某一行过长',
  INVALID_OPENING_QUOTE: '单元格中间出现了引号；整个单元格加引号，文字中的引号写成两个 ""',
};

/** The line of the quote left open at the end of the text (RFC 4180 quoting, `""` escapes). */
function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedOn: number | undefined;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      openedOn = line;
    } else if (c === ',' || c === '\n') fieldStart = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r') fieldStart = false;
  }
  return quoted ? openedOn : undefined;
}

const UTF8_NAMES: ReadonlySet<string> = new Set(['utf-8', 'utf8']);

/**
 * Excel on Chinese Windows saves "CSV (comma delimited)" in the ANSI code page, GBK; "CSV UTF-8"
 * adds a BOM. Both are ordinary and must read as they are: strict UTF-8 first (a GBK file with
 * Chinese in it is practically never valid UTF-8), then GB18030, the superset of GBK and GB2312.
 * A U+FFFD or NUL left after that means the file is neither, or not text at all.
 */
function decodeCsv(bytes: Buffer, file: string, { encoding, encodingAt }: CsvOptions): string {
  const named = encoding?.trim().toLowerCase();
  if (named !== undefined && !iconv().encodingExists(named)) {
    throw new BriefingError('E_CSV_ENCODING', { kind: 'unknown', encoding: encoding! }, encodingAt ?? { file });
  }
  const utf8Asked = named !== undefined && UTF8_NAMES.has(named);
  const utf8Text = named === undefined || utf8Asked ? decodeUtf8(bytes) : undefined;
  const text = utf8Text ?? (utf8Asked ? undefined : iconv().decode(bytes, named ?? 'gb18030'));
  // A U+FFFD in valid UTF-8 was typed by someone; after any other decoding it marks a bad byte.
  const bad = text === undefined ? 0 : text.search(utf8Text !== undefined ? /\0/ : /[\uFFFD\0]/);
  if (text === undefined || bad >= 0) {
    const at = text === undefined ? {} : lineColumnAt(text, bad);
    throw new BriefingError('E_CSV_ENCODING', { kind: named === undefined ? 'guess' : 'named', encoding: named ?? '' }, { file, ...at });
  }
  return text;
}
