import { parse } from 'csv-parse/sync';
import { BriefingError } from '../errors/briefing-error.js';
import { readUtf8 } from './read-text.js';

/** A CSV table: the header row and the body rows, cells as trimmed strings. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: string[][];
}

export function loadCsv(file: string, referencedFrom?: { file: string; line?: number; column?: number; dataPath?: string }): CsvTable {
  const text = readUtf8(file, () => new BriefingError('E_CSV_NOT_FOUND', { path: file }, referencedFrom ?? { file }));
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    const err = e as { message: string; lines?: number; code?: string };
    throw new BriefingError('E_CSV_SYNTAX', { reason: err.message.split('\n')[0]!.replace(/^Invalid Record Length: /, '') },
      { file, line: err.lines });
  }
  if (records.length === 0) throw new BriefingError('E_CSV_SYNTAX', { reason: 'the file is empty; a header row is expected' }, { file, line: 1 });
  const [columns, ...rows] = records;
  return { file, columns: columns!, rows };
}
