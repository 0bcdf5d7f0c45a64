import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/load/load-data.js';
import { fixtures } from '../helpers/run-cli.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';

const data = (name: string) => join(fixtures, 'data', name);


describe('loadData', () => {
  it('reads the bulletin sample and maps data paths back to lines', () => {
    const loaded = loadData(join(fixtures, '../../templates/bulletin/sample.yaml'));
    expect(loaded.data.title).toBe('高质量推动现代化美好二七建设蔚然成势');
    const figures = (loaded.data.stats as { figures: { value: number }[] }).figures;
    expect(figures[0]!.value).toBe(186.6);
    const at = loaded.locate(['stats', 'figures', 0, 'value']);
    expect(at?.line).toBeGreaterThan(1);
  });

  it('reports a YAML syntax error with line and column', () => {
    const e = thrownBriefingError(() => loadData(data('bad-syntax.yaml')));
    expect(e.code).toBe('E_YAML_SYNTAX');
    expect(e.location.file).toBe(data('bad-syntax.yaml'));
    expect(e.location.line).toBe(6);
    expect(e.location.column).toBeGreaterThan(1);
  });

  it('refuses duplicate keys at the second occurrence', () => {
    const e = thrownBriefingError(() => loadData(data('duplicate-key.yaml')));
    expect(e.code).toBe('E_YAML_SYNTAX');
    expect(e.location.line).toBe(3);
  });

  it('reports a JSON syntax error with line and column', () => {
    const e = thrownBriefingError(() => loadData(data('bad-syntax.json')));
    expect(e.code).toBe('E_JSON_SYNTAX');
    expect(e.location.line).toBe(3);
  });

  it('drops a UTF-8 BOM and refuses text that is not UTF-8', () => {
    expect(loadData(data('bom.yaml')).data.title).toBe('带BOM的文件');
    expect(thrownBriefingError(() => loadData(data('gbk.yaml'))).code).toBe('E_DATA_ENCODING');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const started = Date.now();
    expect(thrownBriefingError(() => loadData(data('alias-bomb.yaml'))).code).toBe('E_YAML_SYNTAX');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names a missing file and an unsupported type', () => {
    expect(thrownBriefingError(() => loadData(data('nope.yaml'))).code).toBe('E_DATA_NOT_FOUND');
    expect(thrownBriefingError(() => loadData(data('table.csv'))).code).toBe('E_DATA_FORMAT');
  });
});
