import type { SourceLocation } from '../errors/briefing-error.js';
import type { Host } from '../host/host.js';
import { dataLocation } from './data-location.js';
import type { DataPath, LoadedData } from './load-data.js';

/** What an attach step does with one `{ key: "file" }` object found in the data. */
export interface FileReference {
  /** The object's key that names a file, e.g. `csv` or `markdown`. */
  key: string;
  /** Read `file` and add what it holds to `out`, the copy of `obj` being built. */
  attach(file: string, ctx: { obj: Record<string, unknown>; out: Record<string, unknown>; where: SourceLocation; at: (key: string) => SourceLocation; written: string }): void;
}

/**
 * Copy the data, and wherever an object names a file under `ref.key` (relative to the data file,
 * inside the project), let `ref` attach its contents. Returns the copy and the files read, so
 * incremental builds and watch know them. The loaded data itself is left as it was.
 */
export function attachFiles(data: unknown, loaded: LoadedData, host: Host, ref: FileReference): { data: Record<string, unknown>; files: string[] } {
  const files: string[] = [];
  // Line and column are found only if an error is raised there (a second parse of the data).
  const at = (path: DataPath): SourceLocation => dataLocation(loaded, path);
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (!value || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a `__proto__` key in data must stay a plain key.
    for (const [k, v] of Object.entries(obj)) Object.defineProperty(out, k, { value: walk(v, [...path, k]), enumerable: true, writable: true, configurable: true });
    // Symbol-keyed values an earlier step attached travel with the copy.
    for (const s of Object.getOwnPropertySymbols(obj)) Object.defineProperty(out, s, { value: (obj as Record<symbol, unknown>)[s], enumerable: false });
    const written = obj[ref.key];
    if (typeof written === 'string') {
      const where = at([...path, ref.key]);
      const file = host.resolveReference(written, loaded.file, where);
      ref.attach(file, { obj, out, where, at: (key) => at([...path, key]), written });
      files.push(file);
    }
    return out;
  };
  return { data: walk(data, []) as Record<string, unknown>, files };
}
