import { join } from 'node:path';
import { readFile } from '../host/gate.js';
import { evaluateModule } from './code-cache.js';
import { packageRoot } from './paths.js';

/**
 * Code made when briefing itself is built (scripts/precompile.mjs): validators for briefing's own
 * settings schemas and the bundled templates' schema.json, and the bundled templates compiled,
 * as dist/precompiled/<kind>/<key>.cjs. Found by content key, so a folder that is missing or out
 * of date (running from src/, a file edited since) only means generating the code as before.
 */
export const precompiledRoot = join(packageRoot, 'dist', 'precompiled');

/** Evaluated like cached code, so what it requires (ajv's runtime) resolves from briefing wherever the folder is. */
export function precompiledModule<T>(kind: string, key: string, root = precompiledRoot): T | undefined {
  let source: string;
  try {
    source = readFile({ kind: 'package', file: join(root, kind, `${key}.cjs`), roots: [root] }).toString('utf8');
  } catch {
    return undefined;
  }
  try {
    return evaluateModule<T>(source);
  } catch {
    return undefined; // a damaged file: generate the code as if it were missing
  }
}

/** Data precompiled as JSON (dist/precompiled/<kind>/<key>.json), or undefined when there is none. */
export function precompiledData<T>(kind: string, key: string, root = precompiledRoot): T | undefined {
  try {
    return JSON.parse(readFile({ kind: 'package', file: join(root, kind, `${key}.json`), roots: [root] }).toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
