import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchProject } from '../helpers/batch-project.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';

const pdfsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort() : []);

describe('briefing build driven by briefing.config.yaml', () => {
  it('builds every job with no arguments, in parallel, with a report and a summary', async () => {
    const dir = batchProject(5);
    const run = await runInProcess(['build', '--jobs', '2', '--report', 'out/report.json'], { cwd: dir, env: { CI: 'true' } });
    expect(run.code, run.stderr).toBe(0);
    expect(pdfsIn(join(dir, 'output'))).toEqual(['doc-001.pdf', 'doc-002.pdf', 'doc-003.pdf', 'doc-004.pdf', 'doc-005.pdf']);
    // Not a terminal (and CI=true): one plain line per document, no ANSI codes.
    expect(run.stdout.match(/^built output\/doc-\d+\.pdf/gm)).toHaveLength(5);
    expect(run.stdout + run.stderr).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/^built 5 PDFs \(5 pages\) in [\d.]+ s$/m);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.documents).toHaveLength(5);
    for (const d of report.documents) {
      expect(d).toMatchObject({ template: 'mini', pages: 1, skipped: false, errors: [] });
      expect(d.inputs).toContain(d.input);
      expect(d.bytes).toBeGreaterThan(1000);
    }
    const pdf = await readPdf(join(dir, 'output/doc-003.pdf'));
    expect(pdf.pages[0]!.text).toContain('测试简报第3号');
  });

  it('keeps going after a failure, reports it, and exits 1; --fail-fast stops', async () => {
    const dir = batchProject(4);
    writeFileSync(join(dir, 'data/doc-002.yaml'), 'template: mini\ntitle: a: b\n');
    const run = await runInProcess(['build', '--report', 'report.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error\[E_YAML_SYNTAX\].*\n\s+--> data\/doc-002\.yaml:2/);
    expect(pdfsIn(join(dir, 'output'))).toEqual(['doc-001.pdf', 'doc-003.pdf', 'doc-004.pdf']);
    expect(run.stdout).toMatch(/built 3 PDFs \(3 pages\) in [\d.]+ s, 1 failed/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const failed = report.documents.find((d: { input: string }) => d.input.endsWith('doc-002.yaml'));
    expect(failed.errors[0]).toMatchObject({ code: 'E_YAML_SYNTAX', line: 2 });

    const dir2 = batchProject(4);
    writeFileSync(join(dir2, 'data/doc-001.yaml'), 'template: mini\ntitle: a: b\n');
    expect((await runInProcess(['build', '--fail-fast'], { cwd: dir2 })).code).toBe(1);
    expect(pdfsIn(join(dir2, 'output'))).toEqual([]);
  });

  it('skips outputs whose inputs did not change, by content, and rebuilds with --force', async () => {
    const dir = batchProject(3);
    expect((await runInProcess(['build'], { cwd: dir })).code).toBe(0);
    const again = await runInProcess(['build', '--report', 'r.json'], { cwd: dir });
    expect(again.stdout.match(/^skipped /gm)).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).documents.every((d: { skipped: boolean }) => d.skipped)).toBe(true);
    // A touch without a change is still a skip; a real change rebuilds just that document.
    const file = join(dir, 'data/doc-002.yaml');
    writeFileSync(file, readFileSync(file));
    writeFileSync(join(dir, 'data/doc-003.yaml'), readFileSync(join(dir, 'data/doc-003.yaml'), 'utf8').replace('value: 360', 'value: 361'));
    const third = await runInProcess(['build'], { cwd: dir });
    expect(third.stdout.match(/^skipped /gm)).toHaveLength(2);
    expect(third.stdout).toMatch(/^built output\/doc-003\.pdf/m);
    // A template change rebuilds everything that uses it.
    writeFileSync(join(dir, 'templates/mini/partials/item.hbs'), '<p>{{name}}—{{value}}</p>\n');
    expect((await runInProcess(['build'], { cwd: dir })).stdout.match(/^built output/gm)).toHaveLength(3);
    expect((await runInProcess(['build', '--force'], { cwd: dir })).stdout.match(/^built output/gm)).toHaveLength(3);
  });

  it('--dry-run lists what would be built and why, writing nothing', async () => {
    const dir = batchProject(2);
    const run = await runInProcess(['build', '--dry-run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/would build output\/doc-001\.pdf from data\/doc-001\.yaml \(job at briefing\.config\.yaml:2; inputs changed or never built\)/);
    expect(pdfsIn(join(dir, 'output'))).toEqual([]);
  });

  it('shards partition the documents, from --shard or the CI variables', async () => {
    const dir = batchProject(7);
    const seen: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const run = await runInProcess(['build', '--dry-run', '--shard', `${k}/3`], { cwd: dir });
      seen.push(...[...run.stdout.matchAll(/would build (\S+)/g)].map((m) => m[1]!));
    }
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `output/doc-00${i + 1}.pdf`));
    const gitlab = await runInProcess(['build', '--dry-run'], { cwd: dir, env: { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' } });
    const flag = await runInProcess(['build', '--dry-run', '--shard', '2/3'], { cwd: dir });
    expect(gitlab.stdout).toBe(flag.stdout);
    const wins = await runInProcess(['build', '--dry-run', '--shard', '1/3'], { cwd: dir, env: { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' } });
    expect(wins.stdout).not.toBe(flag.stdout);
    expect((await runInProcess(['build', '--shard', '4/3'], { cwd: dir })).code).toBe(2);
  });

  it('is a usage error with neither a config nor paths', async () => {
    const dir = batchProject(1, '');
    writeFileSync(join(dir, 'briefing.config.yaml'), 'fonts: {}\n');
    const run = await runInProcess(['build'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing to build');
  });

  it('annotates errors for GitHub Actions', async () => {
    const dir = batchProject(1);
    writeFileSync(join(dir, 'data/doc-001.yaml'), 'template: mini\ntitle: a: b\n');
    const run = await runInProcess(['build'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(run.stdout).toMatch(/^::error file=data\/doc-001\.yaml,line=2,col=\d+::E_YAML_SYNTAX: /m);
  });

  it('speaks Chinese for a Chinese locale or --lang zh, with the same codes', async () => {
    const dir = batchProject(2);
    const run = await runInProcess(['build', '--lang', 'zh'], { cwd: dir });
    expect(run.stdout).toMatch(/已生成 output\/doc-001\.pdf（1 页/);
    expect(run.stdout).toMatch(/已生成 2 个 PDF（共 2 页）/);
  });
});
