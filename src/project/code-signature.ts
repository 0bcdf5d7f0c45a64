import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Cached validators and templates (code-cache.ts) are code that briefing runs, and they live in the
 * project folder, which may come from anyone (a zip, a shared drive). So each one is signed with a
 * key only this user has, kept outside every project; a file someone else wrote fails the check
 * and is generated anew.
 */

const KEY_BYTES = 32;

/** The user's cache folder: %LOCALAPPDATA%, ~/Library/Caches or $XDG_CACHE_HOME (~/.cache), then briefing/. */
export function userCacheDir(): string {
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'briefing');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'briefing');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'briefing');
}

const keys = new Map<string, Buffer | null>();

/** This user's signing key, made on first use (readable by the user only); null when it cannot be had. */
function signingKey(dir: string): Buffer | null {
  let key = keys.get(dir);
  if (key !== undefined) return key;
  const file = join(dir, 'code-signing.key');
  try {
    key = readFileSync(file);
  } catch {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // 'wx': when two processes start at once, one key wins and the other reads it.
      writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process made it first, or the folder is not writable: read whatever is there.
    }
    try {
      key = readFileSync(file);
    } catch {
      key = null;
    }
  }
  if (key && key.length !== KEY_BYTES) key = null;
  keys.set(dir, key);
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
