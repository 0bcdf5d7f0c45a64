import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

describe('numbered copies (份号)', () => {
  it('--copies N writes one PDF per copy with its 6-digit 份号 where the template places it', async () => {
    const out = tempDir();
    const run = await runInProcess(['build', 'templates/bulletin/sample.yaml', '--copies', '3', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['sample-000001.pdf', 'sample-000002.pdf', 'sample-000003.pdf']);
    for (const n of ['000001', '000002', '000003']) {
      const pdf = await readPdf(join(out, `sample-${n}.pdf`));
      const first = pdf.pages[0]!;
      const slot = first.items.find((i) => /^\d{6}$/.test(i.str.trim()));
      expect(slot?.str.trim()).toBe(n);
      // Top right of the masthead.
      expect(slot!.x).toBeGreaterThan(first.width / 2);
      expect(slot!.y).toBeLessThan(120);
    }
  });

  it('--recipients names each copy and watermarks it', async () => {
    const out = tempDir();
    const list = join(out, 'list.csv');
    writeFileSync(list, '姓名,份号\n张三,7\n李四,8\n');
    const run = await runInProcess(['build', 'templates/bulletin/sample.yaml', '--recipients', list, '--watermark', '{name} 专用', '-o', join(out, 'copies')], { cwd: repoRoot });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(join(out, 'copies')).sort()).toEqual(['sample-000007.pdf', 'sample-000008.pdf']);
    const pdf = await readPdf(join(out, 'copies/sample-000008.pdf'));
    const text = pdf.pages[0]!.items.map((i) => i.str).join('');
    expect(text).toContain('000008');
    expect(text.replace(/\s/g, '')).toContain('李四专用');
  });
});

describe('--combine', () => {
  it('puts every copy in one PDF, each starting on an odd page with its own 份号 and page numbers', async () => {
    const out = join(tempDir(), 'all.pdf');
    const run = await runInProcess(['build', 'test/fixtures/projects/mini/report.yaml', '-t', 'test/fixtures/templates/mini', '--copies', '3', '--combine', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    const pdf = await readPdf(out);
    // Each copy is one page, so a blank back page follows it: 1, (2 blank), 3, (4 blank), 5.
    expect(pdf.pages).toHaveLength(5);
    const text = pdf.pages.map((p) => p.items.map((i) => i.str).join('').replace(/\s/g, ''));
    expect(text[0]).toContain('000001');
    expect(text[2]).toContain('000002');
    expect(text[4]).toContain('000003');
    expect(text[1]).toBe('');
    expect(text[3]).toBe('');
    for (const i of [0, 2, 4]) expect(text[i]).toContain('—1—');
  });

  it('watermarks each copy with its own recipient, and every copy with a watermark that names no one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), '姓名\n张三\n李四\n');
    const mini = ['test/fixtures/projects/mini/report.yaml', '-t', 'test/fixtures/templates/mini', '--combine'];
    const named = await runInProcess(['build', ...mini, '--recipients', join(dir, 'list.csv'), '--watermark', '{name} 专用', '-o', join(dir, 'named.pdf')]);
    expect(named.code, named.stderr).toBe(0);
    const byName = (await readPdf(join(dir, 'named.pdf'))).pages.map((p) => p.items.map((i) => i.str).join('').replace(/\s/g, ''));
    expect(byName[0]).toContain('张三专用');
    expect(byName[0]).not.toContain('李四');
    expect(byName[2]).toContain('李四专用');
    const plain = await runInProcess(['build', ...mini, '--copies', '2', '--watermark', '内部资料', '-o', join(dir, 'plain.pdf')]);
    expect(plain.code, plain.stderr).toBe(0);
    const pages = (await readPdf(join(dir, 'plain.pdf'))).pages.map((p) => p.items.map((i) => i.str).join('').replace(/\s/g, ''));
    expect(pages[0]).toContain('内部资料');
    expect(pages[2]).toContain('内部资料');
  });
});
