import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { expectUserError, fixtures, runCli, tempDir } from '../helpers/run-cli.js';

/**
 * Inputs far past any real briefing. The point is that each ends in a PDF or a clean error — not
 * how fast: there are no timing assertions, only generous test timeouts against a hang. (Times and
 * peak memory measured by hand are in the project's notes.) The files are made here, not stored.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A scratch project with the mini template, holding the given files. */
function project(files: Record<string, string>): string {
  const dir = tempDir('briefing-large-');
  dirs.push(dir);
  cpSync(join(fixtures, 'templates/mini'), join(dir, 'templates/mini'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const head = 'template: mini\ntitle: 压力测试\nauthor: 区委办公室\n';
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

describe('large inputs end in a PDF or a clean error', () => {
  it('breaks a 100,000-character paragraph that has no break opportunity', async () => {
    const dir = project({ 'long.yaml': `${head}items:\n  - name: ${'a'.repeat(100_000)}\n    value: 1\n` });
    const run = runCli(['build', 'long.yaml', '-o', 'out/long.pdf'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const pdf = await readPdf(join(dir, 'out/long.pdf'));
    expect(pdf.pages.length).toBeGreaterThan(50);
    // Every character printed once: nothing lost off the right edge or between pages.
    expect(pdf.pages.reduce((n, p) => n + count(p.text, /a/g), 0)).toBe(100_000);
    for (const page of pdf.pages) for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width);
  }, 180_000);

  it('sets a 10,000-row CSV table over hundreds of pages, every row once, the header on each page', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `项目${String(i + 1).padStart(5, '0')},${i + 1}`);
    const dir = project({ 'rows.csv': `指标,数量\n${rows.join('\n')}\n`, 'table.yaml': `${head}items: []\ntable: { csv: rows.csv }\n` });
    const run = runCli(['build', 'table.yaml', '-o', 'out/table.pdf'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const pdf = await readPdf(join(dir, 'out/table.pdf'));
    const labels = pdf.pages.flatMap((p) => p.text.match(/项目\d{5}/g) ?? []);
    expect(labels).toHaveLength(10_000);
    expect(new Set(labels).size).toBe(10_000);
    expect(pdf.pages.length).toBeGreaterThan(100);
    for (const page of pdf.pages) expect(page.text).toContain('指标数量');
  }, 180_000);

  it('validates a 20 MB JSON file, and reports a mistake at the end of a 20 MB YAML file at its line', () => {
    const items: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      items.push(`  - name: 重大项目第${i}项进展情况说明文字\n    value: ${i}\n`);
      size += Buffer.byteLength(items[items.length - 1]!);
    }
    const json = JSON.stringify({ template: 'mini', title: '大文件', author: '区委办公室', items: items.map((_, i) => ({ name: `重大项目第${i}项进展情况说明文字`, value: i })) }, null, 1);
    const badLine = 4 + items.length * 2 + 2;
    const dir = project({ 'big.json': json, 'big.yaml': `${head}items:\n${items.join('')}  - name: 最后一项\n    value: 很多\n` });

    const ok = runCli(['validate', 'big.json'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('big.json: valid');
    const bad = runCli(['validate', 'big.yaml'], { cwd: dir });
    expectUserError(bad, 'E_SCHEMA', new RegExp(`--> big\\.yaml:${badLine}:`));
    expect(bad.stderr).toContain(`items[${items.length}].value must be a number`);
  }, 300_000);

  it('refuses data nested 1,000 deep, as YAML and as JSON, without running out of stack', () => {
    const levels = 1000;
    const dir = project({
      'deep.yaml': `${head}items: []\ndeep:\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`,
      'deep.json': `{"template": "mini", "title": "x", "author": "y", "items": [],\n"deep": ${'{"a": '.repeat(levels)}1${'}'.repeat(levels)}}`,
    });
    for (const command of ['validate', 'build']) {
      expectUserError(runCli([command, 'deep.yaml'], { cwd: dir }), 'E_YAML_SYNTAX', /--> deep\.yaml:\d+:\d+/);
      const json = runCli([command, 'deep.json'], { cwd: dir });
      expectUserError(json, 'E_JSON_SYNTAX', /--> deep\.json:2:\d+/);
      expect(json.stderr).toContain('nested more than 100 levels deep');
    }
    expect(readdirSync(dir).filter((f) => f !== '.briefing-cache').sort()).toEqual(['deep.json', 'deep.yaml', 'templates']);
  }, 120_000);
});
