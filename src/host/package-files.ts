import { join } from 'node:path';
import { packageRoot } from '../project/paths.js';
import { readFile } from './gate.js';

/**
 * briefing's own files (package.json, fonts/manifest.json, dist/precompiled/…), read through the
 * gate from the installed package and nowhere else. Needs no project, so commands and caches that
 * start before there is one can use it.
 */
export function readPackageFile(file: string): Buffer {
  return readFile({ kind: 'package', file, roots: [packageRoot] });
}

let version: string | undefined;

/** briefing's version, from its package.json. */
export function briefingVersion(): string {
  return (version ??= (JSON.parse(readPackageFile(join(packageRoot, 'package.json')).toString('utf8')) as { version: string }).version);
}
