import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDataPath } from '../../src/errors/briefing-error.js';
import { dataLocation } from '../../src/load/data-location.js';
import { loadData, type LoadedData } from '../../src/load/load-data.js';
import { fixtures } from '../helpers/run-cli.js';

describe('dataLocation', () => {
  it('finds line and column only when they are read, and then as an eager lookup would', () => {
    const loaded = loadData(join(fixtures, 'projects/mini/with-csv.yaml'));
    let lookups = 0;
    const counting: LoadedData = { ...loaded, locate: (path, where) => (lookups++, loaded.locate(path, where)) };
    const path = ['table', 'csv'];
    const where = dataLocation(counting, path);
    expect(lookups).toBe(0);
    const eager = { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) };
    expect({ ...where }).toEqual(eager);
    expect(JSON.parse(JSON.stringify(where))).toEqual(eager);
    expect(where.line).toBe(6);
    expect(lookups).toBe(1);
  });
});
