import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchProject } from '../helpers/batch-project.js';
import { cliPath, runCli } from '../helpers/run-cli.js';

async function interrupt(signal: 'SIGINT' | 'SIGTERM', jobs: string) {
  const dir = batchProject(40);
  const child = spawn(process.execPath, [cliPath, 'build', '--jobs', jobs], { cwd: dir, env: { ...process.env, CI: 'true', LANG: 'C' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (/^built output/m.test(out)) {
        clearInterval(tick);
        child.kill(signal);
        resolve();
      } else if (Date.now() - started > 30_000) {
        clearInterval(tick);
        reject(new Error(`no build finished:\n${out}`));
      }
    }, 20);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const files = existsSync(join(dir, 'output')) ? readdirSync(join(dir, 'output')) : [];
  return { code, out, dir, files };
}

describe('SIGINT and SIGTERM in the middle of a batch', () => {
  for (const [signal, code, jobs] of [['SIGINT', 130, '2'], ['SIGTERM', 143, '1']] as const) {
    it(`${signal} (--jobs ${jobs}) stops with exit ${code}, leaving only complete PDFs`, async () => {
      const run = await interrupt(signal, jobs);
      expect(run.code, run.out).toBe(code);
      expect(run.out).toContain(`E_INTERRUPTED`);
      expect(run.files.filter((f) => !f.endsWith('.pdf'))).toEqual([]);
      expect(run.files.length).toBeGreaterThan(0);
      expect(run.files.length).toBeLessThan(40);
      for (const f of run.files) {
        const bytes = readFileSync(join(run.dir, 'output', f));
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(bytes.subarray(-8).toString()).toContain('%%EOF');
      }
      // What was finished is recorded: the next run would skip it and build only the rest.
      const again = runCli(['build', '--dry-run'], { cwd: run.dir });
      expect(again.code).toBe(0);
      const skipped = again.stdout.match(/^skipped /gm)?.length ?? 0;
      const would = again.stdout.match(/^would build /gm)?.length ?? 0;
      expect(skipped + would).toBe(40);
      // A worker stopped between renaming its PDF into place and reporting back leaves a complete
      // PDF the cache does not know yet: at most one per thread is built again.
      expect(skipped).toBeGreaterThanOrEqual(run.files.length - Number(jobs));
      expect(skipped).toBeLessThanOrEqual(run.files.length);
    });
  }
});

describe('guard rails', () => {
  it('--max-pages refuses a document longer than the limit, writing nothing', () => {
    const dir = batchProject(1);
    const run = runCli(['build', 'data/doc-001.yaml', '--max-pages', '1', '-o', 'x.pdf'], { cwd: dir });
    expect(run.code).toBe(0);
    const bulletin = runCli(['build', join(cliPath, '../../../templates/bulletin/sample.yaml'), '--max-pages', '3', '-o', join(dir, 'b.pdf')], { cwd: dir });
    expect(bulletin.code).toBe(1);
    expect(bulletin.stderr).toMatch(/E_MAX_PAGES.*6 pages, more than the limit of 3/);
    expect(existsSync(join(dir, 'b.pdf'))).toBe(false);
  });

  it('--timeout stops a document that takes too long and goes on with the others', () => {
    const dir = batchProject(2);
    const run = runCli(['build', '--timeout', '0.001', '--report', 'r.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/E_TIMEOUT/);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.documents.every((d: { errors: { code: string }[] }) => d.errors[0]?.code === 'E_TIMEOUT')).toBe(true);
    expect(existsSync(join(dir, 'output')) ? readdirSync(join(dir, 'output')).filter((f) => !f.endsWith('.pdf')) : []).toEqual([]);
  });
});
