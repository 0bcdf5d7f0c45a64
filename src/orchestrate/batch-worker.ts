// First: a pool thread's modules can come from Node's compile cache too (Node 22+).
import { saveCompiledCode } from './compile-cache.js';
import { buildBriefing, type BuildRequest } from './build-briefing.js';
import { failure, type Outcome } from './outcome.js';

/**
 * One build in a pool thread. Each thread keeps its own font bytes, compiled templates and
 * pdfkit between documents, so a batch pays for them once per thread.
 */
export default async function buildInWorker(req: BuildRequest): Promise<Outcome> {
  try {
    return { ok: true, result: await buildBriefing(req) };
  } catch (e) {
    return failure(req.dataFile, e);
  } finally {
    saveCompiledCode();
  }
}
