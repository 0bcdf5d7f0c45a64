import { lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BriefingError } from '../errors/briefing-error.js';
import { errnoReason } from '../errors/errno.js';
import { cacheSlot, type Caches } from '../host/caches.js';
import { isWithin, listFolder, notAFile, realPathOf } from '../host/gate.js';

/**
 * Who chose a path briefing writes to, which decides where it may lie:
 * - `typed`: the user typed it (`-o`, `--report`, `init <dir>`): anywhere;
 * - `pattern`: a config job's output pattern: inside `root` (the project) and ending in .pdf;
 * - `inside`: briefing's own choice (output/{stem}.pdf, .briefing-cache/…): inside `root`.
 * Whoever chose it, the path must be a regular file or not exist yet: never a folder, device,
 * FIFO or symbolic link, which a rename would replace.
 */
export interface WriteRule {
  origin: 'typed' | 'pattern' | 'inside';
  /** The project folder, for `pattern` and `inside`. */
  root?: string;
  /** The pattern the path was made from, for messages. */
  pattern?: string;
}

const TYPED: WriteRule = { origin: 'typed' };

/** Throws the error that refuses writing `path` under `rule`; writes nothing. */
export function checkWriteTarget(path: string, rule: WriteRule = TYPED): void {
  const pattern = rule.pattern ?? basename(path);
  if (rule.origin === 'pattern' && extname(path).toLowerCase() !== '.pdf') {
    throw new BriefingError('E_OUTPUT_NOT_PDF', { path, pattern }, { file: path });
  }
  if (rule.origin !== 'typed' && rule.root && !isWithin(realPathOf(rule.root), realPathOf(path))) {
    throw new BriefingError('E_OUTPUT_OUTSIDE', { path, pattern, root: rule.root }, { file: path });
  }
  let what;
  try {
    what = notAFile(lstatSync(path));
  } catch {
    return; // a new path
  }
  if (what) throw new BriefingError('E_OUTPUT_NOT_FILE', { path, what }, { file: path });
}

/**
 * Write next to the target, then rename over it: readers see the old file or the new one, never
 * half of either, and a failed write leaves the previous PDF untouched. The target is checked
 * first (checkWriteTarget), and temp files a killed build left for the same target are removed.
 */
export function writeAtomic(path: string, bytes: Uint8Array, rule: WriteRule = TYPED): void {
  const temp = startWrite(path, rule);
  try {
    // 'wx': never through a link or file someone put at the temp name.
    writeFileSync(temp, bytes, { flush: true, flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    throw writeFailed(path, temp, e);
  }
}

/**
 * Folders whose leftover temp files this batch or session has removed already. Listing the output
 * folder before every PDF made a batch's writes grow with the folder: 10,000 PDFs into one folder
 * listed it 10,000 times. What appears there after the first sweep is another running briefing's
 * (left alone anyway), or this process's own, which a failed write removes itself and the build
 * command's sweep at the end of the run catches otherwise.
 */
const SWEPT_FOLDERS = cacheSlot('folders swept of leftover temp files', () => new Set<string>());

/**
 * writeAtomic with the same checks, temp file, flush and rename, but the flush to disk and the
 * rename (some 5–8 ms a PDF, mostly waiting for the disk) run on libuv's threads: a batch lays
 * out its next document meanwhile (orchestrate/run-batch.ts). The checks are made before it
 * returns; the promise settles once the file is in place, or with the same E_WRITE. With
 * `caches` (a batch's or session's), a folder's leftover temp files are removed once.
 */
export async function writeAtomicAsync(path: string, bytes: Uint8Array, rule: WriteRule = TYPED, caches?: Caches): Promise<void> {
  const temp = startWrite(path, rule, caches?.get(SWEPT_FOLDERS));
  try {
    await writeFile(temp, bytes, { flush: true, flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    throw writeFailed(path, temp, e);
  }
}

/** The target checked, its folder made and its leftover temp files removed: the temp file's name. */
function startWrite(path: string, rule: WriteRule, swept?: Set<string>): string {
  checkWriteTarget(path, rule);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    if (!swept) removeLeftoverTemps(dir, basename(path));
    else if (!swept.has(dir)) {
      removeLeftoverTemps(dir, undefined, { ownInFlight: true });
      swept.add(dir);
    }
  } catch (e) {
    throw writeFailed(path, temp, e);
  }
  return temp;
}

function writeFailed(path: string, temp: string, e: unknown): BriefingError {
  removeQuietly(temp);
  return new BriefingError('E_WRITE', { path, ...errnoReason(e) }, { file: path }, { cause: e });
}

/** Temp files: `.<target name>.<pid>.<8 hex>.tmp`. */
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** No write of ours takes this long: a temp file older than this is a leftover whoever made it. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * Remove the temp files of ours a killed build left in `dir` (for `target` only, or for every
 * target): those of this process (briefing never writes one target twice at once, so an earlier
 * one is abandoned), those of a process that no longer runs and was started before this one,
 * and any older than an hour. Another running briefing's fresh temp file is left alone, and so,
 * with `ownInFlight`, are this process's own: a batch's threads share its pid and may be writing
 * other targets of the folder right now.
 */
export function removeLeftoverTemps(dir: string, target?: string, { ownInFlight = false } = {}): void {
  const started = performance.timeOrigin;
  for (const name of listFolder(dir)) {
    const m = TEMP.exec(name);
    if (!m || (target !== undefined && m[1] !== target)) continue;
    const file = join(dir, name);
    let mtime: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) continue;
      mtime = st.mtimeMs;
    } catch {
      continue;
    }
    const pid = Number(m[2]);
    const own = pid === process.pid;
    if (own && ownInFlight && Date.now() - mtime <= ABANDONED_MS) continue;
    const leftover = own || (mtime < started && !running(pid)) || Date.now() - mtime > ABANDONED_MS;
    if (leftover) removeQuietly(file);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The temp file was never created (its folder is not a folder): nothing to clean up.
  }
}

/**
 * Create `path` only if nothing is there yet (O_EXCL: never through a link, never over a file),
 * with `mode`; false when something already is. For a small file that must be made once, by
 * whichever process comes first (the code-signing key).
 */
export function createExclusive(path: string, bytes: Uint8Array, mode: number): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, bytes, { flag: 'wx', mode });
    return true;
  } catch {
    return false;
  }
}
