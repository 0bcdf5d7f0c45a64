import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { basename, join } from 'node:path';
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

  it('starts from the bundle of briefing\'s own code (scripts/bundle.mjs): its CommonJS parts and vendored libraries, served from the code cache', () => {
    // The door: an ES module that requires the bundle's first part, and imports nothing of briefing's or a library's.
    expect([...staticGraph(join(repoRoot, 'dist/cli/main.js'))].filter((f) => f.startsWith('package:'))).toEqual(['package:node:module']);
    const home = tempDir();
    const out = join(tempDir(), 'bulletin.pdf');
    const first = runListingModules(['build', 'templates/bulletin/sample.yaml', '-o', out], repoRoot, { XDG_CACHE_HOME: home });
    expect(first.run.code, first.run.stderr).toBe(0);
    const ours = first.loaded.filter((f) => !/node_modules/.test(f));
    // Parts, not tsc's modules (one file per module), and the libraries a build loads at start in one file each.
    expect(ours.every((f) => /dist[\\/](cli|vendor)[\\/][\w-]+\.cjs$/.test(f)), ours.join('\n')).toBe(true);
    expect(ours.length).toBeLessThan(40);
    expect(has(first.loaded, '/node_modules/yaml/dist/')).toBe(false);
    // Bundled templates come compiled: Handlebars' runtime renders them, its compiler is not loaded.
    expect(has(first.loaded, 'handlebars/dist/handlebars.runtime.js')).toBe(true);
    expect(has(first.loaded, 'handlebars/dist/handlebars.js')).toBe(false);
    expect(has(first.loaded, 'dist/vendor/yaml.cjs')).toBe(true);
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache !== 'function') {
      // Node 20: every part the build ran is in the code cache for the next run (orchestrate/cjs-code-cache.ts),
      // but main.cjs and the parts it requires to turn the cache on, which run before it is.
      const kept = readdirSync(join(home, 'briefing', 'code-cache', `${process.version}-${process.arch}`));
      const first = readFileSync(join(repoRoot, 'dist/cli/main.cjs'), 'utf8');
      const before = ['main.cjs', ...[...first.matchAll(/^(?:var \w+ = )?require\("\.\/([\w-]+\.cjs)"\);$/gm)].map((m) => m[1])];
      const uncached = ours.map((f) => basename(f)).filter((name) => !kept.some((f) => f.startsWith(`${name}.`)));
      expect(uncached.filter((name) => !before.includes(name))).toEqual([]);
      expect(uncached.length).toBeLessThan(ours.length / 4);
    }
  });

  it('--version alone loads no library, not even commander; with another argument the program answers it', () => {
    // A library from node_modules, or one bundled into dist/vendor/ (scripts/bundle.mjs).
    const libraries = (loaded: string[]) => [...new Set(loaded.map((f) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)|dist[\\/]vendor[\\/]([\w-]+)\.cjs$/.exec(f)?.slice(1).find(Boolean)).filter(Boolean))];
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
