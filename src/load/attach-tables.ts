import { dirname } from 'node:path';
import { formatDataPath } from '../errors/briefing-error.js';
import { resolveInsideProject } from '../project/inside-project.js';
import { loadCsv } from './load-csv.js';
import type { LoadedData } from './load-data.js';

/**
 * Every `{ csv: "file.csv" }` in the data gains `columns` (header row) and `rows` (body rows),
 * read relative to the data file (in the `encoding:` beside it, if given). Returns new data; the
 * loaded data is left as it was.
 * Also returns the CSV files read, so incremental builds and watch know them.
 */
export function attachTables(loaded: LoadedData, projectRoot: string): { data: Record<string, unknown>; files: string[] } {
  const files: string[] = [];
  const baseDir = dirname(loaded.file);
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (!value || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a `__proto__` key in data must stay a plain key.
    for (const [k, v] of Object.entries(obj)) Object.defineProperty(out, k, { value: walk(v, [...path, k]), enumerable: true, writable: true, configurable: true });
    if (typeof obj.csv === 'string') {
      const where = { file: loaded.file, dataPath: formatDataPath([...path, 'csv']), ...loaded.locate([...path, 'csv']) };
      const file = resolveInsideProject(obj.csv, baseDir, projectRoot, where);
      // An explicit `encoding:` beside `csv:` overrides the UTF-8-then-GB18030 guess.
      const encoding = typeof obj.encoding === 'string' ? obj.encoding : undefined;
      const encodingAt = { file: loaded.file, dataPath: formatDataPath([...path, 'encoding']), ...loaded.locate([...path, 'encoding']) };
      const table = loadCsv(file, where, { encoding, encodingAt });
      files.push(file);
      out.columns ??= table.columns;
      out.rows = table.rows;
    }
    return out;
  };
  return { data: walk(loaded.data, []) as Record<string, unknown>, files };
}
