import { attachFiles } from './attach-files.js';
import { loadCsv } from './load-csv.js';
import type { LoadedData } from './load-data.js';

/**
 * Every `{ csv: "file.csv" }` in the data gains `columns` (header row, unless the data gives its
 * own) and `rows` (body rows), read in the `encoding:` beside it if given, else UTF-8 or GB18030.
 */
export function attachTables(loaded: LoadedData, projectRoot: string): { data: Record<string, unknown>; files: string[] } {
  return attachFiles(loaded.data, loaded, projectRoot, {
    key: 'csv',
    attach(file, { obj, out, where, at }) {
      const encoding = typeof obj.encoding === 'string' ? obj.encoding : undefined;
      const table = loadCsv(file, where, { encoding, encodingAt: at('encoding') });
      out.columns ??= table.columns;
      out.rows = table.rows;
    },
  });
}
