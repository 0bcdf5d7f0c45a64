import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { attachTables } from '../../src/load/attach-tables.js';
import { loadCsv } from '../../src/load/load-csv.js';
import { loadData } from '../../src/load/load-data.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { createHost } from '../../src/host/host.js';

const csv = (name: string) => join(fixtures, 'data', name);
const bad = (name: string) => join(fixtures, 'bad/tables', name);

describe('loadCsv', () => {
  it('splits the header from the rows and honours quoted commas', () => {
    const t = loadCsv(csv('table.csv'));
    expect(t.columns).toEqual(['指标', '数量']);
    expect(t.rows).toEqual([['重大项目', '360'], ['完成投资,亿元', '186.6']]);
  });

  it('keeps a cell’s leading full-width space (indentation in statistics tables), trims ASCII spaces', () => {
    const file = join(tempDir(), 'indent.csv');
    writeFileSync(file, '指标,数值\n  \u3000其中：高技术制造业 , 12.6 \n');
    expect(loadCsv(file).rows).toEqual([['\u3000其中：高技术制造业', '12.6']]);
  });

  it('knows the line each body row starts on, past blank lines and cells quoted over two lines', () => {
    const file = join(tempDir(), 'lines.csv');
    writeFileSync(file, '指标,说明\n\n重大项目,"全区\n合计"\n小微企业园,12个\n');
    const t = loadCsv(file);
    expect(t.rows).toEqual([['重大项目', '全区\n合计'], ['小微企业园', '12个']]);
    expect(t.rowLines).toEqual([3, 5]);
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

  it('reports an unclosed quote at the line where it opens', () => {
    const e = thrownBriefingError(() => loadCsv(bad('unclosed-quote.csv')));
    expect(e.code).toBe('E_CSV_SYNTAX');
    expect(e.message).toBe('invalid CSV: a quote opened on line 3 is never closed');
    expect(e.location.line).toBe(3);
  });
});

describe('loadCsv: the encodings Excel writes on Chinese Windows', () => {
  it('reads GBK ("CSV (comma delimited)") as it is', () => {
    expect(loadCsv(bad('gbk.csv'))).toMatchObject({ columns: ['指标', '数量'], rows: [['重大项目', '360'], ['入园企业', '352']] });
  });

  it('reads GB18030, which GBK is a part of, with characters GBK lacks', () => {
    expect(loadCsv(bad('gb18030.csv')).rows).toEqual([['城市更新总投资', '亿元'], ['欧元符号', '€']]);
  });

  it('reads UTF-8 with a BOM ("CSV UTF-8") without a stray BOM in the first header', () => {
    const t = loadCsv(bad('utf8-bom.csv'));
    expect(t.columns).toEqual(['指标', '数量']);
    expect(t.rows[0]).toEqual(['完成投资', '186.6']);
  });

  it('reads the encoding named beside csv:, and refuses bytes that are not valid in it', () => {
    expect(loadCsv(bad('big5.csv'), undefined, { encoding: 'Big5' }).rows).toEqual([['重大項目', '360']]);
    expect(loadCsv(bad('gbk.csv'), undefined, { encoding: 'gb18030' }).columns).toEqual(['指标', '数量']);
    const e = thrownBriefingError(() => loadCsv(bad('gbk.csv'), undefined, { encoding: 'utf-8' }));
    expect(e.code).toBe('E_CSV_ENCODING');
    expect(e.message).toBe('the CSV file is not valid utf-8 text');
  });

  it('refuses a file that is no text at all, at the first bad character', () => {
    const e = thrownBriefingError(() => loadCsv(bad('not-text.csv')));
    expect(e.code).toBe('E_CSV_ENCODING');
    expect(e.location).toMatchObject({ file: bad('not-text.csv'), line: 2, column: 3 });
    expect(e.messageIn('zh')).toBe('CSV 文件既不是 UTF-8 也不是 GBK/GB18030 文本');
  });

  it('names an unknown encoding at its place in the data', () => {
    const e = thrownBriefingError(() => loadCsv(bad('gbk.csv'), undefined, { encoding: 'gbk2', encodingAt: { file: 'r.yaml', line: 4 } }));
    expect(e.code).toBe('E_CSV_ENCODING');
    expect(e.message).toBe('unknown CSV encoding "gbk2"');
    expect(e.location).toEqual({ file: 'r.yaml', line: 4 });
  });
});

describe('attachTables passes the encoding written beside csv:', () => {
  it('reads the table in that encoding and locates a bad name in the data', () => {
    const root = tempDir();
    writeFileSync(join(root, 'big5.csv'), Buffer.from([0xab, 0xfc, 0xbc, 0xd0, 0x0a, 0x31, 0x0a])); // 指標 in Big5
    writeFileSync(join(root, 'ok.yaml'), 'table: { csv: big5.csv, encoding: big5 }\n');
    writeFileSync(join(root, 'bad.yaml'), 'title: x\ntable:\n  csv: big5.csv\n  encoding: klingon\n');
    const { data } = attachTables(loadData(join(root, 'ok.yaml')), createHost({ projectRoot: root }));
    expect(data.table).toMatchObject({ columns: ['指標'], rows: [['1']] });
    const e = thrownBriefingError(() => attachTables(loadData(join(root, 'bad.yaml')), createHost({ projectRoot: root })));
    expect(e.location).toMatchObject({ file: join(root, 'bad.yaml'), line: 4, column: 13, dataPath: 'table.encoding' });
  });
});
