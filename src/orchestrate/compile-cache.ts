import module from 'node:module';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { userCacheDir } from '../host/user-cache-dir.js';
import { installCodeCache, type CodeCache } from './cjs-code-cache.js';

/**
 * Node 22.1+ can keep the code it compiles on disk (by default under the system temp folder, or
 * where NODE_COMPILE_CACHE says) and reuse it on the next run, so a cold start skips most of the
 * parsing and compiling of briefing's modules and its libraries'. Node 20 has no such cache:
 * there briefing keeps one for the CommonJS libraries itself (cjs-code-cache.ts), in the user's
 * cache folder. Imported first, so everything loaded after it benefits.
 * BRIEFING_NO_CODE_CACHE=1 turns off both.
 */
let own: CodeCache | undefined;
if (!process.env.BRIEFING_NO_CODE_CACHE) {
  const enable = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (enable) enable();
  else {
    // V8's data is only good for the V8 that wrote it: one folder per Node version and machine type.
    own = installCodeCache(join(userCacheDir(), 'code-cache', `${process.version}-${process.arch}`));
    // A pool thread is stopped, not exited, so it saves after each build (saveCompiledCode).
    if (own && isMainThread) process.once('exit', () => own?.flush());
  }
}

/** Write what this thread compiled that the cache did not have yet. Cheap when there is nothing new. */
export function saveCompiledCode(): void {
  own?.flush();
}
