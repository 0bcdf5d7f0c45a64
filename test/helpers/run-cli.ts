import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const cliPath = join(repoRoot, 'dist/cli/main.js');
export const fixtures = join(repoRoot, 'test/fixtures');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would: a separate node process, its own cwd and environment. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GITHUB_ACTIONS: '', ...opts.env };
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? repoRoot, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'briefing-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh copy of a fixture folder, so tests may write into it. */
export function copyFixture(name: string): string {
  const dir = tempDir();
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

/** A user error as the CLI prints it: code, location, no stack trace. */
export function expectUserError(run: CliRun, code: string, location: RegExp): void {
  if (run.code !== 1) throw new Error(`expected exit 1, got ${run.code}\n${run.stderr}`);
  if (!run.stderr.includes(`[${code}]`)) throw new Error(`expected ${code} in:\n${run.stderr}`);
  if (!location.test(run.stderr)) throw new Error(`expected location ${location} in:\n${run.stderr}`);
  if (/\n\s+at .+:\d+:\d+\)?/.test(run.stderr)) throw new Error(`stack trace printed:\n${run.stderr}`);
}
