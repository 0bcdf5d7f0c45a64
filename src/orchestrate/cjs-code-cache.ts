import Module from 'node:module';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { readFile } from '../host/gate.js';

/**
 * A V8 code cache for the CommonJS modules briefing loads (yaml, handlebars, pdfkit, fontkit …),
 * for Node versions without module.enableCompileCache (Node 20). Each module's compiled code is
 * kept in a file of its own; the next process hands it to V8 and skips most of the parsing and
 * compiling, some 50 ms of a cold build.
 *
 * It takes over Module.prototype._compile for the plain case only (a CommonJS file that compiles
 * as one): the module gets the same `require`, `module`, `__filename` and `__dirname` as Node
 * gives it, and its stack frames the same file, line and column. Anything else — ES modules, a
 * file that does not compile (Node's own path then reports it, or loads it as ESM), a file with
 * import() — goes through Node's own _compile.
 *
 * The cache is written when the thread is done (flushCodeCache) rather than right after
 * compiling, so it also holds the functions compiled lazily while the build ran. Only new or
 * rejected entries are written; everything about the cache is best effort.
 */

/** The part of Node's Module this relies on. */
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
type Compile = (this: CjsModule, content: string, filename: string, format?: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile };
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

export interface CodeCacheStats {
  /** Modules compiled from their cache file. */
  hits: number;
  /** Modules compiled from source: no cache file, a stale or damaged one, or one V8 rejected. */
  misses: number;
  /** Cache files written so far. */
  written: number;
}

export interface CodeCache {
  stats: CodeCacheStats;
  /** Write the cache of every module compiled from source since the last flush. Never throws. */
  flush(): void;
  /** Give _compile back to Node (tests). */
  uninstall(): void;
}

/**
 * Files the cache folder may hold. A briefing run loads some 45 modules; each install of briefing
 * (another path) or Node version keeps its own, and nothing else ever removes them. Past this,
 * the entries written longest ago go, down to three quarters of it.
 */
export const MAX_CACHE_ENTRIES = 600;

/** 'bcc1', then the source's CRC-32 and length, then the CRC-32 of the V8 data that follows. */
const MAGIC = 0x31636362;
const HEADER_BYTES = 16;

/** V8 checks a cache only against the source's length, so the content is checked here: an edited file is compiled anew. */
function readCache(file: string, sourceCrc: number, length: number): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFile({ kind: 'cache', file });
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== sourceCrc || bytes.readUInt32LE(8) !== length) return undefined;
  const data = bytes.subarray(HEADER_BYTES);
  // A damaged payload must never reach V8: it trusts what passes its own (shallow) checks.
  return crc32(data) === bytes.readUInt32LE(12) ? data : undefined;
}

// Node's CJS wrapper, its head on a line of its own that lineOffset -1 hides: the module's
// lines and columns stay what they are in the file.
const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';

/** Such a module is left to Node: a cached script's import() would need a loader Node 20 calls experimental. */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** Node's makeRequireFunction, minus policy redirects (policies turn the cache off). */
function makeRequire(mod: CjsModule, M: ModuleInternals): NodeJS.Require {
  const require = function require(id: string) {
    return mod.require(id);
  } as NodeJS.Require;
  const resolve = function resolve(request: string, options?: { paths?: string[] }) {
    if (typeof request !== 'string') throw Object.assign(new TypeError(`The "request" argument must be of type string. Received ${typeof request}`), { code: 'ERR_INVALID_ARG_TYPE' });
    return M._resolveFilename(request, mod, false, options);
  } as NodeJS.RequireResolve;
  resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = M._extensions as NodeJS.Require['extensions'];
  require.cache = M._cache as NodeJS.Require['cache'];
  return require;
}

/** One file per module, named by its path; the content check above makes a shared name harmless. */
function cacheName(filename: string): string {
  return `${basename(filename)}.${crc32(filename).toString(16)}.bin`;
}

/**
 * Serve CommonJS modules' compiled code from `dir` (a folder for this Node version and
 * architecture), and remember what to write there. Returns undefined when Node lacks what it
 * needs, or when the loader is being watched in ways this would bypass (policies, source maps).
 */
export function installCodeCache(dir: string): CodeCache | undefined {
  const M = Module as unknown as ModuleInternals;
  const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const nodeOptions = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!importModuleDynamically || typeof crc32 !== 'function' || /--experimental-policy|--enable-source-maps/.test(nodeOptions)
    || (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return undefined;

  const original = M.prototype._compile;
  const stats: CodeCacheStats = { hits: 0, misses: 0, written: 0 };
  let pending: { file: string; script: vm.Script; sourceCrc: number; length: number }[] = [];
  let unwritable = false;

  const compile: Compile = function (this: CjsModule, content, filename, format) {
    if (format === 'module' || DYNAMIC_IMPORT.test(content)) return original.call(this, content, filename, format);
    const file = join(dir, cacheName(filename));
    const sourceCrc = crc32(content);
    const cachedData = readCache(file, sourceCrc, content.length);
    let script: vm.Script;
    try {
      script = new vm.Script(HEAD + content + TAIL, { filename, lineOffset: -1, cachedData, importModuleDynamically });
    } catch {
      return original.call(this, content, filename, format);
    }
    if (cachedData && !script.cachedDataRejected) stats.hits++;
    else {
      stats.misses++;
      if (!unwritable) pending.push({ file, script, sourceCrc, length: content.length });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return Reflect.apply(wrapper, this.exports, [this.exports, makeRequire(this, M), this, filename, dirname(filename)]);
  };

  function flush(): void {
    const todo = pending;
    pending = [];
    if (unwritable || !todo.length) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      unwritable = true;
      return;
    }
    for (const { file, script, sourceCrc, length } of todo) {
      const temp = `${file}.${process.pid}-${threadId}.tmp`;
      try {
        const data = script.createCachedData();
        const header = Buffer.alloc(HEADER_BYTES);
        header.writeUInt32LE(MAGIC, 0);
        header.writeUInt32LE(sourceCrc, 4);
        header.writeUInt32LE(length, 8);
        header.writeUInt32LE(crc32(data), 12);
        writeFileSync(temp, Buffer.concat([header, data]));
        // Renamed into place: another process reads the old file or the new one, never half.
        renameSync(temp, file);
        stats.written++;
      } catch {
        // One failure (a read-only or full disk) says enough: stop spending time on the rest.
        try {
          rmSync(temp, { force: true });
        } catch {
          // Nothing was created.
        }
        unwritable = true;
        return;
      }
    }
    pruneCache(dir);
  }

  M.prototype._compile = compile;
  return {
    stats,
    flush,
    uninstall() {
      if (M.prototype._compile === compile) M.prototype._compile = original;
    },
  };
}

/** The oldest entries removed when the folder holds more than MAX_CACHE_ENTRIES files. Best effort. */
function pruneCache(dir: string): void {
  try {
    const names = readdirSync(dir);
    if (names.length <= MAX_CACHE_ENTRIES) return;
    const entries = names.map((name) => {
      try {
        return { name, written: statSync(join(dir, name)).mtimeMs };
      } catch {
        return { name, written: 0 };
      }
    });
    entries.sort((a, b) => a.written - b.written);
    for (const { name } of entries.slice(0, names.length - Math.floor((MAX_CACHE_ENTRIES * 3) / 4))) rmSync(join(dir, name), { force: true });
  } catch {
    // Another process pruning at the same time, or a folder that went away: the next run tries again.
  }
}
