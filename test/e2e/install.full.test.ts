import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli.js';

/**
 * briefing as an office installs it: packed, installed into a fresh project made by `init`, built
 * there with `npx briefing build` — from the package file, from the offline bundle with the network
 * off, and from a git URL — and the CI workflow of docs/ci.md run in such a project.
 *
 * Slow (npm installs, with dependencies from the registry): in `npm run test:full`, which builds dist/
 * first; packing here skips that build so the other full tests keep their dist/.
 */
/** npm installs and builds on a 2-core machine shared with other work: minutes, not seconds. */
const INSTALL_TIMEOUT = 600_000;
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const scratch = tempDir('briefing-install-');
const cache = join(scratch, 'npm-cache');
let tarball: string;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of a user's shell: none of the npm_* variables `npm run` sets for this test, our own cache. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_cache: cache, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', LANG: 'C', ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const npm = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, cwd, env);

/** What a clerk checks: the bulletin PDF exists and says what the sample data says. */
async function expectBulletin(file: string): Promise<void> {
  const pdf = await readPdf(file);
  expect(pdf.pages.length).toBeGreaterThan(1);
  expect(pdf.pages.map((p) => p.text).join('')).toContain('二七工作简报');
}

beforeAll(() => {
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repoRoot);
  tarball = join(scratch, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
}, INSTALL_TIMEOUT);

describe('the package file', () => {
  it('holds dist prebuilt with an executable bin, the templates and the fonts, and nothing of the repository besides', () => {
    const list = spawnSync('tar', ['tzvf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    const names = list.map((l) => l.split(/\s+/).pop()!).filter(Boolean);
    expect(names).toContain('package/dist/cli/main.js');
    expect(list.find((l) => l.endsWith('package/dist/cli/main.js'))).toMatch(/^-rwx/);
    expect(names.filter((n) => n.startsWith('package/dist/precompiled/validators/')).length).toBeGreaterThan(3);
    for (const t of ['bulletin', 'gongwen', 'handout', 'stats']) expect(names).toContain(`package/templates/${t}/schema.json`);
    expect(names).toContain('package/fonts/NotoSerifCJKsc-Regular.ttf');
    expect(names.filter((n) => /^package\/(src|test|scripts|bench|docs|\.ci)\//.test(n) || n.includes('.briefing-cache'))).toEqual([]);
  });

  it('makes a project with `npx --package <file> briefing init`, which installs and builds, and whose CI workflow (docs/ci.md) runs', async () => {
    const project = join(scratch, 'meeting');
    npm(['exec', '--yes', '--package', tarball, '--', 'briefing', 'init', project], scratch);
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ briefing: `file:vendor/briefing-${version}.tgz` });
    expect(readFileSync(join(project, 'vendor', `briefing-${version}.tgz`)).equals(readFileSync(tarball))).toBe(true);

    npm(['install'], project);
    if (process.platform !== 'win32') accessSync(join(project, 'node_modules/briefing/dist/cli/main.js'), constants.X_OK);
    expect(npm(['exec', '--', 'briefing', '--version'], project).stdout.trim()).toBe(version);
    npm(['exec', '--', 'briefing', 'build'], project);
    await expectBulletin(join(project, 'output/bulletin.pdf'));

    // The repository as committed: no node_modules, no output. Then what the workflow runs.
    rmSync(join(project, 'node_modules'), { recursive: true });
    rmSync(join(project, 'output'), { recursive: true });
    const when = { GIT_AUTHOR_DATE: '2024-05-06T07:08:09Z', GIT_COMMITTER_DATE: '2024-05-06T07:08:09Z' };
    const who = { GIT_AUTHOR_NAME: '办公室', GIT_AUTHOR_EMAIL: 'office@example.invalid', GIT_COMMITTER_NAME: '办公室', GIT_COMMITTER_EMAIL: 'office@example.invalid' };
    run('git', ['init', '-q'], project);
    run('git', ['add', '-A'], project);
    run('git', ['commit', '-q', '-m', 'briefings'], project, userEnv({ ...when, ...who }));
    const tracked = run('git', ['ls-files'], project).stdout.split('\n');
    expect(tracked).toContain('package-lock.json');
    expect(tracked.filter((f) => /^(node_modules|output|\.briefing-cache)\//.test(f))).toEqual([]);

    const workflow = parse(/## A GitHub Actions workflow[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8'))![1]!) as {
      jobs: { build: { steps: { run?: string; uses?: string }[] } };
    };
    const githubEnv = join(scratch, 'github-env');
    writeFileSync(githubEnv, '');
    for (const step of workflow.jobs.build.steps) {
      if (!step.run) continue; // checkout, setup-node, cache, upload: what GitHub does
      const added = Object.fromEntries(readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
      run('bash', ['-c', step.run.replaceAll('${{ matrix.shard }}', '1')], project, userEnv({ GITHUB_ENV: githubEnv, GITHUB_ACTIONS: 'true', CI: 'true', ...added }));
    }
    const report = JSON.parse(readFileSync(join(project, 'build/report-1.json'), 'utf8'));
    expect(report.documents.map((d: { status: string }) => d.status)).toEqual(['built']);
    await expectBulletin(join(project, 'output/bulletin.pdf'));
    // SOURCE_DATE_EPOCH from the commit: the PDF is dated 2024-05-06 07:08:09 UTC, its name untouched.
    expect(String((await readPdf(join(project, 'output/bulletin.pdf'))).info.CreationDate)).toMatch(/^D:20240506070809/);
  }, INSTALL_TIMEOUT);

  it('installs with `npm install <file>` into a fresh folder made by init from this checkout, and builds there', async () => {
    const project = join(scratch, 'handout');
    run(process.execPath, [cliPath, 'init', project, '--template', 'handout'], scratch);
    npm(['install', tarball], project);
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies.briefing).toMatch(/^file:.*briefing-[\d.]+\.tgz$/);
    npm(['exec', '--', 'briefing', 'build'], project);
    const pdf = await readPdf(join(project, 'output/handout.pdf'));
    expect(pdf.pages.length).toBeGreaterThan(3);
  }, INSTALL_TIMEOUT);
});

describe('the offline bundle', () => {
  it('is one archive that makes, installs and builds a project with the network off', async () => {
    run(process.execPath, [join(repoRoot, 'scripts/bundle-offline.mjs'), scratch], repoRoot, userEnv({ npm_config_cache: join(scratch, 'bundle-cache'), npm_config_prefer_offline: 'true' }));
    const bundle = join(scratch, `briefing-${version}-offline.tgz`);
    expect(statSync(bundle).size).toBeGreaterThan(statSync(tarball).size);

    // An empty cache and npm told it is offline: anything not in the bundle would fail the install.
    const offline = userEnv({ npm_config_offline: 'true', npm_config_cache: join(scratch, 'empty-cache') });
    const project = join(scratch, 'offline');
    npm(['exec', '--yes', '--package', bundle, '--', 'briefing', 'init', project, '--lang', 'zh'], scratch, offline);
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies.briefing).toBe(`file:vendor/briefing-${version}-offline.tgz`);
    npm(['install'], project, offline);
    npm(['exec', '--', 'briefing', 'build'], project, offline);
    await expectBulletin(join(project, 'output/bulletin.pdf'));
    expect(existsSync(join(project, 'node_modules/briefing/node_modules/pdfmake'))).toBe(true);
  }, INSTALL_TIMEOUT);
});

describe('a git URL', () => {
  it('installs briefing at a commit: prepare builds dist/ there, and it builds', async () => {
    const head = run('git', ['rev-parse', 'HEAD'], repoRoot).stdout.trim();
    const project = join(scratch, 'from-git');
    run(process.execPath, [cliPath, 'init', project, '--from', `git+file://${repoRoot}#${head}`], scratch);
    // npm 12 fetches git dependencies only when allowed; older npm ignores the setting.
    npm(['install'], project, userEnv({ npm_config_allow_git: 'root' }));
    expect(existsSync(join(project, 'node_modules/briefing/dist/precompiled'))).toBe(true);
    npm(['exec', '--', 'briefing', 'build'], project);
    await expectBulletin(join(project, 'output/bulletin.pdf'));
  }, INSTALL_TIMEOUT);
});
