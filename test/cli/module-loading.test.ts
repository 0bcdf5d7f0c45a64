import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir, fixtures, type CliRun } from '../helpers/run-cli.js';
import { staticGraph } from '../helpers/static-graph.js';

/** Libraries only some documents need: loaded with require() when first used, never imported up front. */
// markdown-it-cjk-friendly (two small ESM files) is imported up front: require() of ESM warns on some Node 20s.
// htmlparser2: markup needs only its Parser (html-parser.ts); the whole package is for charts.
const ON_DEMAND = ['ajv', 'htmlparser2', 'markdown-it', 'csv-parse/sync', 'iconv-lite', 'jsonc-parser', 'handlebars', 'tinyglobby', 'tinypool', 'chokidar'];

/** Run the CLI and list the CommonJS files it loaded (require.cache at exit). */
function runListingModules(args: string[], cwd: string, env: Record<string, string> = {}): { run: CliRun; loaded: string[] } {
  const hook = join(tempDir(), 'list-modules.mjs');
  writeFileSync(hook, [
    "import { createRequire } from 'node:module';",
    'const cache = createRequire(import.meta.url).cache;',
    "process.on('exit', () => process.stderr.write(`\\nLOADED ${JSON.stringify(Object.keys(cache))}\\n`));",
  ].join('\n'));
  const run = runCli(args, { cwd, env: { ...env, NODE_OPTIONS: `--import=${hook}` } });
  const line = /^LOADED (.*)$/m.exec(run.stderr);
  return { run, loaded: line ? (JSON.parse(line[1]!) as string[]) : [] };
}

const has = (loaded: string[], part: string) => loaded.some((f) => f.split('\\').join('/').includes(part));

describe('each command loads only what its documents need', () => {
  // `npm run build` makes dist/precompiled; a plain `tsc` does not, so make sure it matches the templates.
  beforeAll(() => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/precompile.mjs')], { cwd: repoRoot });
  });

  it('imports none of the on-demand libraries statically (the CLI and every command but watch)', () => {
    const commands = readdirSync(join(repoRoot, 'dist/cli/commands')).filter((f) => f.endsWith('.js'));
    for (const entry of ['dist/cli/main.js', ...commands.map((c) => `dist/cli/commands/${c}`)]) {
      const packages = [...staticGraph(join(repoRoot, entry))].filter((f) => f.startsWith('package:')).map((f) => f.slice('package:'.length));
      const allowed = entry.endsWith('watch.js') ? ['chokidar'] : [];
      expect(packages.filter((p) => ON_DEMAND.includes(p) && !allowed.includes(p)), entry).toEqual([]);
    }
  });

  it('starts from the bundle of briefing\'s own code (scripts/bundle.mjs): a few files in dist/cli/, no library before the code cache is on', () => {
    const graph = [...staticGraph(join(repoRoot, 'dist/cli/main.js'))];
    const files = graph.filter((f) => !f.startsWith('package:'));
    expect(files.every((f) => dirname(f) === join(repoRoot, 'dist/cli')), files.join('\n')).toBe(true);
    // Not tsc's modules, which import one another one file per module.
    expect(files.some((f) => /\/(program|help-frame|usage-errors)\.js$/.test(f))).toBe(false);
    expect(files.length).toBeLessThan(15);
    // commander comes with the program, imported once the cache is on (see the --version case below).
    expect(graph.filter((f) => f.startsWith('package:') && !f.startsWith('package:node:'))).toEqual([]);
  });

  it('--version alone loads no library, not even commander; with another argument the program answers it', () => {
    const libraries = (loaded: string[]) => [...new Set(loaded.map((f) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]).filter(Boolean))];
    for (const flag of ['--version', '-V']) {
      const { run, loaded } = runListingModules([flag], repoRoot);
      expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      expect(libraries(loaded), flag).toEqual([]);
    }
    const { run, loaded } = runListingModules(['--lang', 'en', '--version'], repoRoot);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(libraries(loaded)).toEqual(['commander']);
  });

  it('a build does not load pdfkit\'s own line breaker (its Unicode table) or fontkit for the bundled fonts', () => {
    const out = join(tempDir(), 'bulletin.pdf');
    const { run, loaded } = runListingModules(['build', 'templates/bulletin/sample.yaml', '-o', out], repoRoot);
    expect(run.code, run.stderr).toBe(0);
    expect(has(loaded, '/pdfkit/')).toBe(true);
    // fontkit's own path holds its stand-in; restructure is what the real fontkit loads first.
    for (const part of ['/unicode-trie/', '/tiny-inflate/', '/restructure/']) expect(has(loaded, part), part).toBe(false);
  });

  it('validate of a bundled template compiles no schema and loads no CSV, Markdown, JSON or glob library it does not use', () => {
    const { run, loaded } = runListingModules(['validate', 'templates/gongwen/sample.yaml'], repoRoot);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded.length).toBeGreaterThan(10);
    // No ajv compiler: the schema's validator was precompiled with briefing.
    for (const part of ['/ajv/dist/compile/', '/ajv/dist/core.js', '/markdown-it/', '/csv-parse/', '/iconv-lite/', '/jsonc-parser/', '/tinyglobby/', '/handlebars/lib/', '/source-map/',
      '/domhandler/', '/domutils/', '/dom-serializer/']) {
      expect(has(loaded, part), part).toBe(false);
    }
  });

  it('a project\'s own schema is compiled once: build caches it, later runs (validate too) use it, validate writes nothing', () => {
    const project = tempDir();
    cpSync(join(fixtures, 'projects/mini'), project, { recursive: true });
    cpSync(join(fixtures, 'templates/mini'), join(project, 'templates/mini'), { recursive: true });
    const env = { XDG_CACHE_HOME: tempDir() }; // where the signing key goes
    const first = runListingModules(['validate', 'report.yaml'], project, env);
    expect(first.run.code, first.run.stderr).toBe(0);
    expect(has(first.loaded, '/ajv/dist/compile/')).toBe(true);
    expect(existsSync(join(project, '.briefing-cache'))).toBe(false);

    const build = runCli(['build', 'report.yaml'], { cwd: project, env });
    expect(build.code, build.stderr).toBe(0);
    expect(readdirSync(join(project, '.briefing-cache/validators'))).toHaveLength(1);
    expect(readdirSync(join(project, '.briefing-cache/templates')).length).toBeGreaterThan(0);

    const again = runListingModules(['validate', 'bad-schema.yaml'], project, env);
    expect(again.run.code).toBe(1);
    expect(again.run.stderr).toMatch(/E_SCHEMA.*items\[0\]\.value/);
    expect(has(again.loaded, '/ajv/dist/compile/')).toBe(false);
  });
});
