import { formatDataPath, type SourceLocation } from '../errors/briefing-error.js';
import type { DataPath, LoadedData } from './load-data.js';

/**
 * Where a data path sits, as a SourceLocation whose line and column are looked up when first read.
 * Positions cost a second parse of the data file; only an error needs them, yet every CSV or
 * Markdown reference carries a location in case its file turns out to be missing. Reading the
 * location (printing, spreading, sending to the main thread) gives the same values as looking
 * them up at once.
 */
export function dataLocation(loaded: LoadedData, path: DataPath): SourceLocation {
  let position: { line: number; column: number } | undefined;
  let looked = false;
  const at = () => {
    if (!looked) {
      position = loaded.locate(path);
      looked = true;
    }
    return position;
  };
  return Object.defineProperties({ file: loaded.file, dataPath: formatDataPath(path) }, {
    line: { get: () => at()?.line, enumerable: true, configurable: true },
    column: { get: () => at()?.column, enumerable: true, configurable: true },
  });
}
