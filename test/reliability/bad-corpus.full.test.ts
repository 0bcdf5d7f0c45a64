import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { cliPath, expectUserError, fixtures, repoRoot, tempDir, type CliRun } from '../helpers/run-cli.js';

/** One line of test/fixtures/bad/cases.yaml; the file's header explains the fields. */
interface BadCase {
  file: string;
  template: string;
  code?: string;
  message?: string;
  where?: string;
  dataPath?: string;
  prints?: string[];
  config?: string;
  symlink?: { link: string; to: string };
}

const corpus = join(fixtures, 'bad');
const manifest = parse(readFileSync(join(corpus, 'cases.yaml'), 'utf8')) as { defaults: Partial<BadCase>; cases: BadCase[] };
const cases = manifest.cases.map((c) => ({ ...manifest.defaults, ...c }));
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** runCli's environment, but asynchronous, so the cases run a few at a time. */
function runCliAsync(args: string[], cwd: string): Promise<CliRun> {
  const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GITHUB_ACTIONS: '' };
  return new Promise((done) => {
    execFile(process.execPath, [cliPath, ...args], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Every file and folder under `dir`, dotfiles included, as relative paths. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => p.split('\\').join('/')).sort();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squeeze = (s: string) => s.replace(/\s+/g, '');

function label(c: BadCase): string {
  const extra = c.config ? ` with ${basename(c.config)} (${c.config.split('/')[1]})` : '';
  return `${c.file}${extra} → ${c.code ?? 'builds'}`;
}

describe('the bad-input corpus, through the real CLI', () => {
  it('lists every data file of the corpus', () => {
    const dataFiles = readdirSync(corpus).filter((f) => ['.yaml', '.json', '.txt'].includes(extname(f)) && f !== 'cases.yaml');
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(dataFiles));
  });

  for (const c of cases) {
    it.concurrent(label(c), async ({ expect }) => {
      const dir = tempDir('briefing-bad-');
      scratchDirs.push(dir);
      cpSync(corpus, dir, { recursive: true });
      if (c.config) copyFileSync(join(corpus, c.config), join(dir, basename(c.config)));
      if (c.symlink) symlinkSync(c.symlink.to, join(dir, c.symlink.link));
      const before = listing(dir);
      const output = `out/${basename(c.file, extname(c.file))}.pdf`;
      const run = await runCliAsync(['build', c.file, '-t', join(repoRoot, c.template), '-o', output], dir);

      if (c.code) {
        const at = new RegExp(`--> ${escapeRegExp(c.where!)}(:|\\n|$)`, 'm');
        expectUserError(run, c.code, at);
        expect(run.stderr).toContain(c.message!);
        if (c.dataPath) expect(run.stderr).toMatch(new RegExp(`= data path: ${escapeRegExp(c.dataPath)}\\n|\\]: ${escapeRegExp(c.dataPath)} `));
        // Nothing written: no PDF, no temp file. (The build cache may be saved, but records nothing.)
        expect(listing(dir).filter((p) => !p.startsWith('.briefing-cache'))).toEqual(before);
        const cache = join(dir, '.briefing-cache/builds.json');
        if (existsSync(cache)) expect(JSON.parse(readFileSync(cache, 'utf8'))).toEqual({});
        return;
      }

      expect(run.code, run.stderr).toBe(0);
      const added = listing(dir).filter((p) => !before.includes(p));
      expect(added.filter((p) => !p.startsWith('.briefing-cache'))).toEqual(['out', output]);
      expect(added.filter((p) => /\.tmp$/.test(p))).toEqual([]);
      const pdf = await readPdf(join(dir, output));
      const text = pdf.pages.map((p) => p.text).join('');
      for (const expected of c.prints ?? []) expect(text, `${expected} in ${output}`).toContain(squeeze(expected));
    }, 60_000);
  }
});
