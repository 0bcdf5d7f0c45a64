import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/load/load-data.js';
import { withWrittenNumbers } from '../../src/render/written-numbers.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

describe('numbers as written in the YAML', () => {
  it('finds the numbers whose written decimals parsing drops, and gives them back for rendering only', () => {
    const file = join(tempDir(), 'd.yaml');
    writeFileSync(file, 'a: 56.30\nlist: [1.0, -2.30, 3, 4.5, "6.0"]\nnested: { x: { y: +7.10 } }\nplain: 56.3\n');
    const loaded = loadData(file);
    expect(loaded.data.a).toBe(56.3);
    expect(loaded.written).toEqual([
      { path: ['a'], text: '56.30' },
      { path: ['list', 0], text: '1.0' },
      { path: ['list', 1], text: '-2.30' },
      { path: ['nested', 'x', 'y'], text: '7.10' },
    ]);
    const shown = withWrittenNumbers(loaded.data, loaded.written);
    expect(shown).toEqual({ a: '56.30', list: ['1.0', '-2.30', 3, 4.5, '6.0'], nested: { x: { y: '7.10' } }, plain: 56.3 });
    // The loaded data itself is untouched.
    expect(loaded.data.a).toBe(56.3);
  });

  it('prints a KPI value and change with the decimals the data wrote, as a CSV table does', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'templates/stats'), dir, { recursive: true });
    const data = join(dir, 'sample.yaml');
    writeFileSync(data, readFileSync(data, 'utf8').replace('{ value: 186.6, unit: 亿元', '{ value: 186.60, unit: 亿元').replace('change: -1.8,', 'change: -1.80,'));
    const out = join(dir, 'out.pdf');
    const run = await runInProcess(['build', data, '-t', 'stats', '-o', out]);
    expect(run.stderr).toBe('');
    const text = (await readPdf(out)).pages.map((p) => p.text).join('');
    expect(text).toContain('186.60亿元');
    expect(text).toContain('▼1.80亿元');
  });
});
