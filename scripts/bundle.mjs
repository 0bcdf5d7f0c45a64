#!/usr/bin/env node
/**
 * Run by `npm run build` after tsc: briefing's own code bundled by esbuild into dist/cli/, where
 * the command (dist/cli/main.js) and the batch worker (dist/cli/batch-worker.js) start. Each
 * lazily imported part — a command, the typeset stage, the writer — becomes a chunk beside
 * them that loads when it is first needed, as the modules did; libraries stay external and are
 * loaded by Node from node_modules, on demand as before. One file per part instead of one per
 * module: a cold start reads, resolves and links some 30 files instead of some 150.
 *
 * tsc's output stays in dist/ beside the bundle: the tests, scripts/precompile.mjs and the
 * in-process runner import modules from there by path. The bundle is written over tsc's
 * dist/cli/main.js, so the bin and every test that runs the CLI as a process run the bundle.
 * docs/performance.md says why and what it measured.
 */
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/cli');
// Chunks of an earlier bundle: their names carry a hash of their content.
for (const f of readdirSync(outdir)) if (/^(chunk|[a-z-]+)-[A-Z0-9]{8}\.js$/.test(f)) rmSync(join(outdir, f));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'batch-worker': 'src/orchestrate/batch-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Every library from node_modules, as Node would load it: on demand, and kept in the code cache.
  packages: 'external',
  chunkNames: '[name]-[hash]',
  // As tsc writes them: the same line numbers are not kept, but the names in stack traces are.
  keepNames: false,
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
// The bin: executable, as npm would make it on install (and the package file keeps).
chmodSync(join(outdir, 'main.js'), 0o755);
