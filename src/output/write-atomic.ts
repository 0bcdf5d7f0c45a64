import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BriefingError } from '../errors/briefing-error.js';
import { errnoReason } from '../errors/errno.js';

/**
 * Write next to the target, then rename over it: readers see the old file or the new one, never
 * half of either, and a failed write leaves the previous PDF untouched.
 */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, bytes, { flush: true });
    renameSync(temp, path);
  } catch (e) {
    removeQuietly(temp);
    throw new BriefingError('E_WRITE', { path, ...errnoReason(e) }, { file: path }, { cause: e });
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The temp file was never created (its folder is not a folder): nothing to clean up.
  }
}
