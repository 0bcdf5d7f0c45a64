import type { Host } from '../host/host.js';
import { attachFiles } from './attach-files.js';
import { loadCsv } from './load-csv.js';
import type { LoadedData } from './load-data.js';

/**
 * Every `{ csv: "file.csv" }` in the data gains `columns` (header row, unless the data gives its
 * own) and `rows` (body rows), read in the `encoding:` beside it if given, else UTF-8 or GB18030.
 */
export function attachTables(loaded: LoadedData, host: Host): { data: Record<string, unknown>; files: string[] } {
  return attachFiles(loaded.data, loaded, host, {
    key: 'csv',
    attach(file, { obj, out, where, at, written }) {
      const encoding = typeof obj.encoding === 'string' ? obj.encoding : undefined;
      const table = loadCsv(file, where, { encoding, encodingAt: at('encoding'), host, from: loaded.file, shown: written });
      out.columns ??= table.columns;
      out.rows = table.rows;
    },
  });
}
