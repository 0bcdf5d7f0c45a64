import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';
import { errnoReason } from '../errors/errno.js';
import { megabytes, SIZE_LIMITS, type FileKind, type NotAFile } from './file-kinds.js';

/**
 * The one place briefing opens a file to read it. Every read, whatever its kind, passes the same
 * checks in the same order, before a byte is read:
 *
 * 1. the path is resolved to its real path (symbolic links followed) and must lie inside one of
 *    the request's roots, when it names any — decided even for a path that does not exist, so the
 *    answer never tells whether a file outside exists;
 * 2. it must exist and be a regular file: never a folder, FIFO, socket or device, which could
 *    block a read for ever or never end;
 * 3. its size must be within the kind's limit;
 * 4. it is opened without following a link and without blocking, and must still be the file
 *    that was checked.
 * Policy — which roots a kind may read from — belongs to the host (host.ts); this module knows
 * only the checks.
 */
export interface GateRequest {
  kind: FileKind;
  /** An absolute path. */
  file: string;
  /** Folders the file's real path must lie in; absent: anywhere (a path the user typed). */
  roots?: readonly string[];
  /** The path as the user wrote it, for messages; default `file`. */
  shown?: string;
  /** Where the path was written; default the file itself. */
  where?: SourceLocation;
  /** The error for a file that does not exist; default E_READ. */
  missing?: () => BriefingError;
  /** The error for a file outside the roots; default E_PATH_OUTSIDE_PROJECT naming the first root. */
  outside?: (root: string) => BriefingError;
  /** Bytes at most; default the kind's limit. */
  limit?: number;
}

// Not defined on Windows, where opening does not block on a pipe. Without roots the path may be
// a link (the user named it), so only a checked real path is opened without following links.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real path of `path`: symbolic links resolved for the part that exists, the rest (a file
 * not yet written, a name that does not exist) appended as written.
 */
export function realPathOf(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync.native(full);
  } catch {
    const parent = dirname(full);
    return parent === full ? full : join(realPathOf(parent), basename(full));
  }
}

/** The first of `roots` that holds `real`, compared by real paths. */
export function rootHolding(real: string, roots: readonly string[]): string | undefined {
  return roots.find((root) => isWithin(realPathOf(root), real));
}

/** What a path is when it is not a regular file. */
export function notAFile(st: Stats): NotAFile | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}

function shownOf(req: GateRequest): string {
  return req.shown ?? req.file;
}

function whereOf(req: GateRequest): SourceLocation {
  return req.where ?? { file: req.file };
}

function readError(req: GateRequest, e: unknown): BriefingError {
  const code = (e as NodeJS.ErrnoException).code;
  if ((code === 'ENOENT' || code === 'ENOTDIR') && req.missing) return req.missing();
  return new BriefingError('E_READ', { path: shownOf(req), ...errnoReason(e) }, whereOf(req), { cause: e });
}

/** Steps 1–3: the real path and its facts, or the error that refuses it. Opens nothing. */
export function checkFile(req: GateRequest): { real: string; stats: Stats } {
  const roots = req.roots?.length ? req.roots : undefined;
  // The real path is only needed to compare with roots: a path read from anywhere is opened as it is.
  const real = roots ? realPathOf(req.file) : resolve(req.file);
  if (roots && !rootHolding(real, roots)) {
    throw req.outside?.(roots[0]!) ?? new BriefingError('E_PATH_OUTSIDE_PROJECT', { path: shownOf(req), root: roots[0]! }, whereOf(req));
  }
  let stats: Stats;
  try {
    stats = statSync(real);
  } catch (e) {
    throw readError(req, e);
  }
  const what = notAFile(stats);
  if (what) throw new BriefingError('E_NOT_A_FILE', { kind: req.kind, path: shownOf(req), what }, whereOf(req));
  const limit = req.limit ?? SIZE_LIMITS[req.kind];
  if (stats.size > limit) {
    throw new BriefingError('E_FILE_TOO_LARGE', { kind: req.kind, path: shownOf(req), size: megabytes(stats.size), limit: megabytes(limit) }, whereOf(req));
  }
  return { real, stats };
}

/** All four steps; the caller owns the descriptor and closes it. */
export function openFile(req: GateRequest): { fd: number; size: number; real: string } {
  const { real, stats } = checkFile(req);
  let fd: number;
  try {
    fd = openSync(real, req.roots?.length ? OPEN_FLAGS | NO_FOLLOW : OPEN_FLAGS);
  } catch (e) {
    throw readError(req, e);
  }
  try {
    const opened = fstatSync(fd);
    // Replaced between the check and the open: refuse rather than read something unchecked.
    const what = notAFile(opened) ?? (opened.ino && stats.ino && (opened.ino !== stats.ino || opened.dev !== stats.dev) ? 'other' : undefined);
    if (what) throw new BriefingError('E_NOT_A_FILE', { kind: req.kind, path: shownOf(req), what }, whereOf(req));
    const limit = req.limit ?? SIZE_LIMITS[req.kind];
    if (opened.size > limit) {
      throw new BriefingError('E_FILE_TOO_LARGE', { kind: req.kind, path: shownOf(req), size: megabytes(opened.size), limit: megabytes(limit) }, whereOf(req));
    }
    return { fd, size: opened.size, real };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The whole file, read through the gate. */
export function readFile(req: GateRequest): Buffer {
  const { fd, size } = openFile(req);
  try {
    const buffer = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buffer, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === size ? buffer : buffer.subarray(0, got);
  } catch (e) {
    throw e instanceof BriefingError ? e : readError(req, e);
  } finally {
    closeSync(fd);
  }
}

/**
 * A stream read whole (standard input for `build -`), held to the kind's size limit as a file is:
 * reading stops at the first byte past it, so an endless pipe cannot exhaust memory. `shown`
 * names the stream in messages.
 */
export async function readStream(kind: FileKind, chunks: AsyncIterable<Uint8Array | string>, shown: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += part.length;
    checkSize(kind, size, shown);
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}

/** Bytes already in hand (a test's standard input), held to the kind's size limit. */
export function checkSize(kind: FileKind, size: number, shown: string): void {
  const limit = SIZE_LIMITS[kind];
  if (size > limit) {
    throw new BriefingError('E_FILE_TOO_LARGE', { kind, path: shown, size: megabytes(size), limit: megabytes(limit) }, { file: shown });
  }
}

/** Anything at `path` (following links). */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A regular file at `path` (following links), without reading it: for lookups such as template names. */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A folder at `path` (following links). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The names in a folder, sorted; none when it cannot be listed. */
export function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * A file's size and modification time as one string, undefined when it cannot be read: how a
 * per-process cache (config, style, fonts) tells that `watch` saw the file change.
 */
export function fileStamp(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}
