import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CACHE_ENTRIES } from '../../src/orchestrate/cjs-code-cache.js';
import { repoRoot, runCli, tempDir } from '../helpers/run-cli.js';

/**
 * The hook replaces Node's module compiling, so every case runs in a fresh node process (never in
 * the test runner's own), through the built dist/ like the CLI.
 */
const hook = pathToFileURL(join(repoRoot, 'dist/orchestrate/cjs-code-cache.js')).href;

/** A package whose module reports what Node gave it: require, resolve, paths, `this`, a stack frame. */
function makeProject(): string {
  const root = tempDir();
  const lib = join(root, 'node_modules', 'lib');
  mkdirSync(lib, { recursive: true });
  writeFileSync(join(lib, 'package.json'), '{ "name": "lib", "main": "index.js" }');
  // Line 1 too: the wrapper's head must not shift its columns.
  writeFileSync(join(lib, 'helper.js'), 'module.exports = () => "helped"; module.exports.frame = new Error().stack.split("\\n")[1].trim();\n');
  writeFileSync(join(lib, 'index.js'), [
    "'use strict';",
    "const helper = require('./helper.js');",
    'function fail() { throw new Error("from lib"); }',
    'function frame() { try { fail(); } catch (e) { return e.stack.split("\\n")[1].trim(); } }',
    'module.exports = {',
    '  file: __filename, dir: __dirname, resolved: require.resolve("./helper.js"), paths: require.resolve.paths("x"),',
    '  helped: helper(), helperFrame: helper.frame, self: this === module.exports, cached: Object.keys(require.cache).length > 0, frame: frame(),',
    '};',
    '',
  ].join('\n'));
  return root;
}

const CHILD = `
import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
const [dir, project, mode] = isMainThread ? process.argv.slice(2) : workerData;
if (isMainThread && mode === 'worker') {
  const worker = new Worker(new URL(import.meta.url), { workerData: [dir, project, 'on'] });
  worker.on('message', (m) => console.log(m));
} else {
  const { installCodeCache } = await import(${JSON.stringify(hook)});
  const cache = mode === 'off' ? undefined : installCodeCache(dir);
  const lib = createRequire(project + '/')('lib');
  cache?.flush();
  const out = JSON.stringify({ lib, stats: cache?.stats });
  if (isMainThread) console.log(out); else parentPort.postMessage(out);
}
`;

let child: string;
beforeAll(() => {
  child = join(tempDir(), 'child.mjs');
  writeFileSync(child, CHILD);
});

interface ChildRun {
  lib: Record<string, unknown>;
  stats?: { hits: number; misses: number; written: number };
}

function run(dir: string, project: string, mode: 'on' | 'off' | 'worker' = 'on'): ChildRun {
  const r = spawnSync(process.execPath, [child, dir, project, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  expect(r.stderr).toBe(''); // no warnings either
  return JSON.parse(r.stdout) as ChildRun;
}

describe('the CommonJS code cache (Node without module.enableCompileCache)', () => {
  it('writes what it compiled, then serves it; modules see what Node gives them', () => {
    const project = makeProject();
    const dir = join(tempDir(), 'cache');
    const plain = run(dir, project, 'off');
    const first = run(dir, project);
    expect(first.stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect(readdirSync(dir)).toHaveLength(2);
    const second = run(dir, project);
    expect(second.stats).toEqual({ hits: 2, misses: 0, written: 0 });
    // Same require, resolve, paths, `this` — and the error's frame at the same file, line and column.
    expect(first.lib).toEqual(plain.lib);
    expect(second.lib).toEqual(plain.lib);
    expect(plain.lib.frame).toMatch(/index\.js:3:25\)$/);
    expect(plain.lib.helperFrame).toMatch(/helper\.js:1:57\)$/);
  });

  it('compiles a changed file anew, even one of the same length (V8 checks only the length)', () => {
    const project = makeProject();
    const dir = join(tempDir(), 'cache');
    run(dir, project);
    const helper = join(project, 'node_modules/lib/helper.js');
    writeFileSync(helper, readFileSync(helper, 'utf8').replace('helped', 'halted'));
    const after = run(dir, project);
    expect(after.lib.helped).toBe('halted');
    expect(after.stats).toEqual({ hits: 1, misses: 1, written: 1 });
    expect(run(dir, project).stats).toEqual({ hits: 2, misses: 0, written: 0 });
  });

  it('ignores a damaged cache file, and writes it anew', () => {
    const project = makeProject();
    const dir = join(tempDir(), 'cache');
    const plain = run(dir, project, 'off');
    run(dir, project);
    const [one, two] = readdirSync(dir).map((f) => join(dir, f));
    const bytes = readFileSync(one!);
    const at = bytes.length - 10; // the V8 data, past the header
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(one!, bytes);
    writeFileSync(two!, bytes.subarray(0, 12)); // cut short
    const damaged = run(dir, project);
    expect(damaged.lib).toEqual(plain.lib);
    expect(damaged.stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect(run(dir, project).stats).toEqual({ hits: 2, misses: 0, written: 0 });
  });

  it('keeps the folder to its budget: past it, the entries written longest ago go', () => {
    const project = makeProject();
    const dir = join(tempDir(), 'cache');
    mkdirSync(dir);
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < MAX_CACHE_ENTRIES; i++) {
      const file = join(dir, `stale-${i}.bin`);
      writeFileSync(file, 'x');
      utimesSync(file, old + i, old + i);
    }
    expect(run(dir, project).stats).toEqual({ hits: 0, misses: 2, written: 2 });
    const left = readdirSync(dir);
    expect(left.length).toBe(Math.floor((MAX_CACHE_ENTRIES * 3) / 4));
    // The two just written stay, and the stale ones left are the newest of them.
    expect(left.filter((f) => !f.startsWith('stale-'))).toHaveLength(2);
    expect(left.includes('stale-0.bin')).toBe(false);
    expect(left.includes(`stale-${MAX_CACHE_ENTRIES - 1}.bin`)).toBe(true);
    expect(run(dir, project).stats).toEqual({ hits: 2, misses: 0, written: 0 });
  });

  it('costs nothing but the saving where the folder cannot be written', () => {
    const project = makeProject();
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    const r = run(join(blocked, 'cache'), project);
    expect(r.lib).toEqual(run(join(tempDir(), 'cache'), project, 'off').lib);
    expect(r.stats).toEqual({ hits: 0, misses: 2, written: 0 });
  });

  it('works in a worker thread', () => {
    const project = makeProject();
    const dir = join(tempDir(), 'cache');
    expect(run(dir, project, 'worker').stats).toEqual({ hits: 0, misses: 2, written: 2 });
    expect(run(dir, project, 'worker').stats).toEqual({ hits: 2, misses: 0, written: 0 });
  });

  // Node 22+ has its own compile cache (module.enableCompileCache), used instead.
  it.skipIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function')(
    'the CLI keeps it in the user cache folder, per Node version, unless BRIEFING_NO_CODE_CACHE is set', () => {
      const [home, off] = [tempDir(), tempDir()];
      const dir = join(home, 'briefing', 'code-cache', `${process.version}-${process.arch}`);
      expect(runCli(['templates'], { env: { XDG_CACHE_HOME: home } }).code).toBe(0);
      // The bundle's parts loaded after it is on (scripts/bundle.mjs) and the libraries bundled in dist/vendor/ go through it.
      const kept = readdirSync(dir);
      for (const part of ['program-', 'commander.cjs.']) expect(kept.some((f) => f.startsWith(part)), part).toBe(true);
      expect(runCli(['templates'], { env: { XDG_CACHE_HOME: off, BRIEFING_NO_CODE_CACHE: '1' } }).code).toBe(0);
      expect(existsSync(join(off, 'briefing', 'code-cache'))).toBe(false);
    });
});
