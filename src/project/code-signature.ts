import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { readFile } from '../host/gate.js';
import { userCacheDir } from '../host/user-cache-dir.js';
import { createExclusive } from '../output/write-atomic.js';

/**
 * Cached validators and templates (code-cache.ts) are code that briefing runs, and they live in the
 * project folder, which may come from anyone (a zip, a shared drive). So each one is signed with a
 * key only this user has, kept outside every project; a file someone else wrote fails the check
 * and is generated anew.
 */

const KEY_BYTES = 32;

/**
 * This user's signing key, made on first use (readable by the user only); null when it cannot be
 * had. Read each time, not kept: it is asked only for code the host's caches do not hold yet (a
 * few files a batch): a 32-byte read is not worth keeping.
 */
function signingKey(dir: string): Buffer | null {
  let key: Buffer | null;
  const file = join(dir, 'code-signing.key');
  const read = () => readFile({ kind: 'cache', file, roots: [dir], limit: KEY_BYTES });
  try {
    key = read();
  } catch {
    // When two processes start at once, one key wins and the other reads it; a folder that is
    // not writable leaves no key.
    createExclusive(file, randomBytes(KEY_BYTES), 0o600);
    try {
      key = read();
    } catch {
      key = null;
    }
  }
  if (key && key.length !== KEY_BYTES) key = null;
  return key;
}

/** The signature of `code`, or undefined when no key is available (then nothing is cached). */
export function signCode(code: string, keyDir = userCacheDir()): string | undefined {
  const key = signingKey(keyDir);
  return key ? createHmac('sha256', key).update(code).digest('hex') : undefined;
}

export function verifyCode(code: string, signature: string, keyDir = userCacheDir()): boolean {
  const expected = signCode(code, keyDir);
  if (!expected || expected.length !== signature.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}
