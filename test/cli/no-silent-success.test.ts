import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchProject } from '../helpers/batch-project.js';
import { runInProcess } from '../helpers/in-process.js';

const pdfsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort() : []);

/** Every one of these used to exit 0 having built nothing, or something else than asked. */
describe('nothing succeeds silently', () => {
  it('a glob that matches no file is a usage error, for build and for validate', async () => {
    const dir = batchProject(1);
    for (const cmd of ['build', 'validate']) {
      const run = await runInProcess([cmd, 'dat/*.yaml'], { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('error[E_USAGE]: "dat/*.yaml" matches no file');
      expect(run.stderr).toMatch(/= hint: patterns are relative to the current folder/);
    }
    expect(pdfsIn(join(dir, 'output'))).toEqual([]);
  });

  it('a config job whose data matches nothing fails at its line when every job is built', async () => {
    const dir = batchProject(1, 'jobs:\n  - data: data/*.yaml\n  - data: handouts/*.yaml\n');
    const run = await runInProcess(['build'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error\[E_CONFIG\]: invalid config: the job's data handouts\/\*\.yaml matches no file.*\n\s+--> briefing\.config\.yaml:3/);
    // Naming a file still builds it: the empty job is not what was asked for.
    expect((await runInProcess(['build', 'data/doc-001.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('an unknown {placeholder} in -o or in a job\'s output is an error with the nearest one', async () => {
    const dir = batchProject(2);
    const run = await runInProcess(['build', '-o', 'out/{stme}.pdf'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('-o has an unknown placeholder {stme}; known: {stem} {date} {template}');
    expect(run.stderr).toContain('= hint: did you mean {stem}?');
    const zh = await runInProcess(['build', '-o', 'out/{data}.pdf', '--lang', 'zh'], { cwd: dir });
    expect(zh.stderr).toContain('错误[E_USAGE]：-o 中有未知的占位符 {data}');
    expect(zh.stderr).toContain('= 提示：您是否要写 {date}？');
    writeFileSync(join(dir, 'briefing.config.yaml'), 'jobs:\n  - data: data/*.yaml\n    output: out/{name}.pdf\n');
    const job = await runInProcess(['build'], { cwd: dir });
    expect(job.code).toBe(1);
    expect(job.stderr).toMatch(/E_CONFIG.*unknown placeholder \{name\}[\s\S]*--> briefing\.config\.yaml:2/);
    expect(pdfsIn(join(dir, 'out'))).toEqual([]);
  });

  it('copies: --combine needs copies, --copies and --recipients exclude each other, {name} needs recipients, a list needs names', async () => {
    const dir = batchProject(1);
    const doc = 'data/doc-001.yaml';
    for (const [args, says] of [
      [['--combine'], '--combine puts numbered copies into one PDF, but no copies were asked for'],
      [['--copies', '2', '--recipients', 'list.csv'], '--copies and --recipients both say how many copies to print; use one'],
      [['--copies', '2', '--watermark', '{name} 专用'], '--watermark has {name}, which only a recipients list fills in'],
      [['--copies', '2', '--copy-number', '7'], '--copy-number prints one 份号'],
    ] as const) {
      const run = await runInProcess(['build', doc, ...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(says);
    }
    writeFileSync(join(dir, 'list.csv'), '姓名,单位\n');
    const empty = await runInProcess(['build', doc, '--recipients', 'list.csv'], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/E_CSV_SYNTAX.*the recipients list has a header but no names under it[\s\S]*--> list\.csv:2/);
    expect(pdfsIn(join(dir, 'output'))).toEqual([]);
    expect(pdfsIn(join(dir, 'output/copies'))).toEqual([]);
  });

  it('--copies with --watermark prints the watermark on every copy', async () => {
    const dir = batchProject(1);
    const run = await runInProcess(['build', 'data/doc-001.yaml', '--copies', '2', '--watermark', '内部资料'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const { readPdf } = await import('../helpers/read-pdf.js');
    for (const f of ['doc-001-000001.pdf', 'doc-001-000002.pdf']) {
      const pdf = await readPdf(join(dir, 'output/copies', f));
      expect(pdf.pages[0]!.text.replace(/\s/g, '')).toContain('内部资料');
    }
  });

  it('--fail-fast counts the documents it never started as not run, and the report lists them so', async () => {
    const dir = batchProject(4);
    writeFileSync(join(dir, 'data/doc-002.yaml'), 'template: mini\ntitle: a: b\n');
    const run = await runInProcess(['build', '--fail-fast', '--report', 'report.json'], { cwd: dir, env: { CI: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^built 1 PDF \(1 pages\) in [\d.]+ s, 1 failed, 2 not run$/m);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { documents: { input: string; status: string; errors: unknown[] }[] };
    expect(report.documents.map((d) => [d.input.replace(/.*\//, ''), d.status, d.errors.length])).toEqual([
      ['doc-001.yaml', 'built', 0], ['doc-002.yaml', 'failed', 1], ['doc-003.yaml', 'not-run', 0], ['doc-004.yaml', 'not-run', 0],
    ]);
    const zh = await runInProcess(['build', '--fail-fast', '--force', '--lang', 'zh'], { cwd: dir, env: { CI: 'true' } });
    expect(zh.stdout).toMatch(/，失败 1 个，未运行 2 个$/m);
  });

  it('validate expands globs as build does', async () => {
    const dir = batchProject(3);
    const run = await runInProcess(['validate', 'data/*.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(['data/doc-001.yaml: valid', 'data/doc-002.yaml: valid', 'data/doc-003.yaml: valid']);
  });

  it('a shard left empty says so and builds nothing', async () => {
    const dir = batchProject(2);
    const run = await runInProcess(['build', '--shard', '3/3'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('shard 3/3 has no documents (2 in all); nothing to build');
  });
});
