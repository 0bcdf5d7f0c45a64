import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { batchProject } from '../helpers/batch-project.js';
import { runInProcess } from '../helpers/in-process.js';
import { readPdf } from '../helpers/read-pdf.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

/** A copy of the bulletin template folder: building its sample there writes a cache beside it. */
function bulletinCopy(): string {
  const dir = tempDir();
  cpSync(join(repoRoot, 'templates/bulletin'), dir, { recursive: true });
  return dir;
}

describe('pipes: build - reads data from standard input, -o - writes the PDF to standard output', () => {
  it('gives the same PDF from piped JSON as from the YAML file, and nothing else on stdout', async () => {
    const bulletin = bulletinCopy();
    const out = join(tempDir(), 'file.pdf');
    const fromFile = await runInProcess(['build', 'sample.yaml', '-o', out], { cwd: bulletin });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const json = JSON.stringify(parse(readFileSync(join(bulletin, 'sample.yaml'), 'utf8')));
    // CSV paths in piped data are relative to the current folder: run where the sample's CSV is.
    const piped = await runInProcess(['build', '-', '--format', 'json', '-o', '-'], { cwd: bulletin, stdin: json });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdoutBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(piped.stdoutBytes.equals(readFileSync(out))).toBe(true);
    expect(piped.stderr).toMatch(/^built <stdout> \(6 pages, \d+ KB\)/m);
  });

  it('names a piped document stdin, tells YAML from JSON by itself, and reports errors at <stdin>', async () => {
    const dir = batchProject(1);
    const yaml = readFileSync(join(dir, 'data/doc-001.yaml'), 'utf8');
    const run = await runInProcess(['build', '-'], { cwd: dir, stdin: yaml });
    expect(run.code, run.stderr).toBe(0);
    expect((await readPdf(join(dir, 'output/stdin.pdf'))).pages[0]!.text).toContain('测试简报第1号');
    const bad = await runInProcess(['build', '-', '-o', '-'], { cwd: dir, stdin: '{ "template": "mini", "title": 3,, }' });
    expect(bad.code).toBe(1);
    expect(bad.stdoutBytes.length).toBe(0);
    expect(bad.stderr).toMatch(/error\[E_JSON_SYNTAX\][^\n]*\n\s+--> <stdin>:1:/);
  });

  it('refuses what a pipe cannot do: two PDFs to one stdout, --format without -, stdin twice', async () => {
    const dir = batchProject(2);
    for (const [args, says] of [
      [['build', '-o', '-'], '-o - writes one PDF to standard output, but 2 are to be built'],
      [['build', 'data/doc-001.yaml', '--copies', '2', '-o', '-'], '-o - writes one PDF to standard output, but 2 are to be built'],
      [['build', 'data/doc-001.yaml', '--format', 'json'], '--format applies to data read from standard input (-) only'],
      [['build', '-', '-'], 'standard input (-) can be read only once'],
      [['watch', '-'], 'standard input and output (-) cannot be watched'],
    ] as const) {
      const run = await runInProcess([...args], { cwd: dir, stdin: 'template: mini\n' });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(says);
    }
  });
});

describe('--json prints one JSON document on standard output', () => {
  it('templates, fonts and schema', async () => {
    const templates = JSON.parse((await runInProcess(['templates', '--json'])).stdout) as { templates: { name: string; descriptionZh: string; source: string }[] };
    expect(templates.templates.map((t) => t.name)).toEqual(['bulletin', 'gongwen', 'handout', 'stats']);
    expect(templates.templates.every((t) => t.source === 'built-in' && /[\u4e00-\u9fff]/.test(t.descriptionZh))).toBe(true);
    const fonts = JSON.parse((await runInProcess(['fonts', '--json'])).stdout) as { roles: { role: string; weight: string; codePoints: number; file: string }[] };
    expect(fonts.roles).toContainEqual({ role: 'fangsong', weight: 'normal', codePoints: expect.any(Number), file: 'fonts/FandolFang-Regular.ttf' });
    const schema = await runInProcess(['schema', 'stats', '--json']);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync(join(repoRoot, 'templates/stats/schema.json'), 'utf8')));
  });

  it('validate: every document with its errors, in the language asked for, and the exit code', async () => {
    const dir = batchProject(2);
    writeFileSync(join(dir, 'data/doc-002.yaml'), 'template: mini\ntitle: 标题\nauthor: 单位\nitems:\n  - name: 甲\n    valeu: 3\n');
    const run = await runInProcess(['validate', 'data/*.yaml', '--json', '--lang', 'zh'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result.valid).toBe(false);
    expect(result.documents[0]).toEqual({ file: 'data/doc-001.yaml', valid: true, errors: [] });
    expect(result.documents[1].errors).toContainEqual({
      code: 'E_SCHEMA', message: 'items[0].valeu 不是此处可用的键（可用的键：name、value）', hint: '您是否要写 value？',
      file: 'data/doc-002.yaml', line: 6, column: 5, dataPath: 'items[0].valeu',
    });
  });

  it('fonts --check', async () => {
    const run = await runInProcess(['fonts', '--check', 'test/fixtures/data/private-use.yaml', '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.covered).toBe(false);
    expect(result.missing[0]).toMatchObject({ code: 'E_MISSING_GLYPH', codepoint: 'U+E000', dataPath: 'name', line: 2 });
  });
});
