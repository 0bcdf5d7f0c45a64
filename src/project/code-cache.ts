import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFile } from '../host/gate.js';
import { writeAtomic } from '../output/write-atomic.js';
import { signCode, verifyCode } from './code-signature.js';

/**
 * Code briefing generates from a project's own files — schema validators, compiled templates —
 * kept as CommonJS modules in <project>/.briefing-cache/<kind>/<key>.cjs, so the next process
 * skips generating it. `key` names the content it was made from. The first line of each file is
 * its signature (code-signature.ts): a file without a valid one is never run.
 */

const HEADER = '// briefing ';
const require = createRequire(import.meta.url);

function cacheFile(cacheDir: string, kind: string, key: string): string {
  return join(cacheDir, kind, `${key}.cjs`);
}

/**
 * The project a cache folder belongs to (<project>/.briefing-cache): what its files must lie in,
 * real paths compared, so a .briefing-cache that is a link out of the project is neither read
 * nor written.
 */
function projectOf(cacheDir: string): string {
  return dirname(cacheDir);
}

/** A CommonJS module's exports from its source; what it requires comes from briefing's own dependencies. */
export function evaluateModule<T>(source: string): T {
  const module = { exports: {} as unknown };
  // The wrapper Node's require would put around the source: code briefing generated itself (templates, validators).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating a module's source is this function's job
  const run = new Function('require', 'module', 'exports', source) as (r: NodeJS.Require, m: { exports: unknown }, e: unknown) => void;
  run(require, module, module.exports);
  return module.exports as T;
}

/** The cached module's exports, or undefined when there is none (or none this user wrote). */
export function loadCachedModule<T>(cacheDir: string, kind: string, key: string, keyDir?: string): T | undefined {
  let text: string;
  try {
    text = readFile({ kind: 'cache', file: cacheFile(cacheDir, kind, key), roots: [projectOf(cacheDir)] }).toString('utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (!text.startsWith(HEADER) || newline < 0) return undefined;
  const source = text.slice(newline + 1);
  if (!verifyCode(source, text.slice(HEADER.length, newline), keyDir)) return undefined;
  try {
    return evaluateModule<T>(source);
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written (read-only project, no signing key) only costs time. */
export function saveCachedModule(cacheDir: string, kind: string, key: string, source: string, keyDir?: string): boolean {
  const signature = signCode(source, keyDir);
  if (!signature) return false;
  try {
    writeAtomic(cacheFile(cacheDir, kind, key), Buffer.from(`${HEADER}${signature}\n${source}`), { origin: 'inside', root: projectOf(cacheDir) });
    return true;
  } catch {
    return false;
  }
}
