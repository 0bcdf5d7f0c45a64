// First: a pool thread's modules can come from Node's compile cache too (Node 22+).
import { saveCompiledCode } from './compile-cache.js';
import { createCaches } from '../host/caches.js';
import { buildBriefing, type BuildRequest } from './build-briefing.js';
import { failure, type Outcome } from './outcome.js';

/**
 * The caches of this pool thread: a thread lives for one batch (run-batch.ts destroys the pool at
 * its end), and nothing but requests crosses into it, so they are held where the thread begins,
 * as the CLI's process holds a batch's. The one module-level cache outside src/host/ (allowed by
 * test/codebase/module-state.test.ts).
 */
const threadCaches = createCaches();
// The fonts it opened are the process's open files, not the thread's: give them back when the
// pool ends the thread (a watch with -j 2 ends its pool at every rebuild).
process.once('exit', () => threadCaches.close());

/**
 * One build in a pool thread. Each thread keeps its own fonts, compiled templates and set
 * paragraphs between documents, so a batch pays for them once per thread.
 */
export default async function buildInWorker(req: BuildRequest): Promise<Outcome> {
  try {
    return { ok: true, result: await buildBriefing(req, threadCaches) };
  } catch (e) {
    return failure(req.dataFile, e);
  } finally {
    saveCompiledCode();
  }
}
