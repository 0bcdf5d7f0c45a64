import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { loadCsv } from '../../src/load/load-csv.js';
import { fixtures } from '../helpers/run-cli.js';

const csv = (name: string) => join(fixtures, 'data', name);

describe('loadCsv', () => {
  it('splits the header from the rows and honours quoted commas', () => {
    const t = loadCsv(csv('table.csv'));
    expect(t.columns).toEqual(['指标', '数量']);
    expect(t.rows).toEqual([['重大项目', '360'], ['完成投资,亿元', '186.6']]);
  });

  it('reads a file with a BOM', () => {
    expect(loadCsv(csv('bom.csv')).columns[0]).toBe('指标');
  });

  it('reports a ragged row with its line', () => {
    try {
      loadCsv(csv('ragged.csv'));
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(BriefingError);
      expect((e as BriefingError).code).toBe('E_CSV_SYNTAX');
      expect((e as BriefingError).location.line).toBe(2);
    }
  });

  it('names the data file that referred to a missing CSV', () => {
    try {
      loadCsv(csv('missing.csv'), { file: 'data.yaml', line: 7 });
      throw new Error('no error');
    } catch (e) {
      expect((e as BriefingError).code).toBe('E_CSV_NOT_FOUND');
      expect((e as BriefingError).location).toMatchObject({ file: 'data.yaml', line: 7 });
    }
  });
});
