#!/usr/bin/env node
/**
 * `npm run bundle:offline` → briefing-<version>-offline.tgz: briefing (dist prebuilt, templates,
 * fonts) with every run-time dependency inside it, for offices whose machines have no network.
 * It is an ordinary npm package whose dependencies are all `bundleDependencies`, so
 *
 *   npm install ./briefing-0.1.0-offline.tgz --offline
 *
 * takes nothing from a registry or a cache. The dependencies are pure JavaScript, so one bundle
 * serves Linux, macOS and Windows. Making the bundle needs the registry (or a warm npm cache) once,
 * to install exactly the production versions package-lock.json names.
 *
 * Usage: node scripts/bundle-offline.mjs [destination folder]   (default: the repository root)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const destination = resolve(process.argv[2] ?? root);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run npm run build first (npm run bundle:offline does)');

/** npm as the one running this script runs it (npm_execpath), else the npm on PATH. */
function npm(args, cwd) {
  const viaNode = process.env.npm_execpath && /\.[cm]?js$/.test(process.env.npm_execpath);
  const [command, prefix] = viaNode ? [process.execPath, [process.env.npm_execpath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  return execFileSync(command, [...prefix, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', shell: !viaNode && process.platform === 'win32' });
}

const staging = mkdtempSync(join(tmpdir(), 'briefing-offline-'));
try {
  // The package as published, with its dependencies bundled and nothing left to run at install:
  // no prepare (dist is built), no devDependencies.
  const { devDependencies: _dev, scripts: _scripts, ...published } = pkg;
  const bundled = { ...published, bundleDependencies: Object.keys(pkg.dependencies) };
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify(bundled, null, 2)}\n`);
  cpSync(join(root, 'package-lock.json'), join(staging, 'package-lock.json'));
  for (const entry of [...pkg.files.filter((f) => !f.startsWith('!')), 'README.md']) {
    cpSync(join(root, entry), join(staging, entry), { recursive: true, filter: (f) => !f.includes('.briefing-cache') });
  }
  // Exactly the production versions the lock file names; from the cache when it has them.
  npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], staging);
  const packed = npm(['pack', '--ignore-scripts', '--json'], staging);
  const filename = JSON.parse(packed)[0].filename;
  const target = join(destination, `${pkg.name}-${pkg.version}-offline.tgz`);
  rmSync(target, { force: true });
  try {
    renameSync(join(staging, filename), target);
  } catch {
    cpSync(join(staging, filename), target); // another drive
  }
  const mb = (statSync(target).size / 1024 / 1024).toFixed(1);
  console.log(`wrote ${target} (${mb} MB): briefing ${pkg.version} with ${bundled.bundleDependencies.length} dependencies bundled`);
  console.log('install it with no network: npm install ./' + `${pkg.name}-${pkg.version}-offline.tgz --offline`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
