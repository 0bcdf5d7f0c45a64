import { BriefingError } from '../errors/briefing-error.js';
import { createCaches, type Caches } from '../host/caches.js';
import { buildBriefing, type BuildRequest } from './build-briefing.js';
import { failure, type Outcome } from './outcome.js';

export interface BatchOptions {
  /** Parallel builds; 1 builds in this process (unless a time limit needs a worker). */
  jobs: number;
  failFast: boolean;
  /** Per-document time limit: the worker building a runaway document is terminated. */
  timeoutMs?: number;
  /** Aborted on SIGINT/SIGTERM: nothing new starts, running workers are stopped. */
  signal?: AbortSignal;
  onDone?: (outcome: Outcome, done: number, total: number) => void;
  /**
   * What documents built in this process share (fonts, templates, set paragraphs): a session's
   * (`watch`), else the batch's own, closed when it ends. A pool thread keeps its own (batch-worker.ts).
   */
  caches?: Caches;
}

/**
 * Returns one entry per request, in order; a request that never ran (stopped by --fail-fast or a
 * signal) has none, so callers can still pair outcomes with requests by index.
 *
 * Build every request; one failure does not stop the others unless failFast. Builds run in this
 * process when that is enough; parallel builds and time limits use a worker-thread pool (tinypool),
 * loaded only then, so an ordinary cold build pays nothing for it.
 */
export async function runBatch(requests: BuildRequest[], opts: BatchOptions): Promise<(Outcome | undefined)[]> {
  const outcomes = new Array<Outcome>(requests.length);
  let done = 0;
  let stop = false;
  opts.signal?.addEventListener('abort', () => (stop = true));
  const finish = (i: number, outcome: Outcome) => {
    outcomes[i] = outcome;
    opts.onDone?.(outcome, ++done, requests.length);
    if (!outcome.ok && opts.failFast) stop = true;
  };
  if (!opts.timeoutMs && (opts.jobs <= 1 || requests.length <= 1)) {
    const caches = opts.caches ?? createCaches();
    // One document is laid out while the one before it is flushed to disk and renamed into place
    // (a few ms a PDF, spent waiting, not computing): at most two are under way, outcomes are
    // reported in order, and the batch ends when the last write has.
    let previous: Promise<void> = Promise.resolve();
    try {
      for (let i = 0; i < requests.length && !stop; i++) {
        // A build never waits on I/O the event loop polls, so signals would wait for the whole batch:
        // let the loop turn once between documents.
        await new Promise((resolve) => setImmediate(resolve));
        if (stop) break;
        let writing!: () => void;
        const written = new Promise<void>((resolve) => (writing = resolve));
        const outcome = buildBriefing(requests[i]!, caches, { onWriting: writing }).then(
          (result): Outcome => ({ ok: true, result }),
          (e: unknown) => failure(requests[i]!.dataFile, e),
        );
        await Promise.race([written, outcome]);
        await previous;
        // A failure known by now (--fail-fast) is reported before the loop turns, and stops it.
        previous = outcome.then((o) => finish(i, o));
      }
      await previous;
    } finally {
      if (!opts.caches) caches.close();
    }
    return outcomes;
  }
  const { Tinypool } = await import('tinypool');
  const threads = Math.max(1, Math.min(opts.jobs, requests.length));
  // With a time limit, builds run in child processes: a thread blocked in a system call (a read
  // that never returns) cannot be terminated, and would keep this process from ever exiting,
  // while a process can always be killed.
  const runtime = opts.timeoutMs ? 'child_process' : 'worker_threads';
  const pool = new Tinypool({ filename: new URL('./batch-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, isolateWorkers: false, runtime });
  const running = new Set<AbortController>();
  opts.signal?.addEventListener('abort', () => running.forEach((c) => c.abort()));
  // A few runners pull from one queue, so --fail-fast and signals stop handing out work at once.
  let next = 0;
  const runner = async () => {
    while (!stop && next < requests.length) {
      const i = next++;
      const req = requests[i]!;
      const control = new AbortController();
      running.add(control);
      let timedOut = false;
      const timer = opts.timeoutMs ? setTimeout(() => ((timedOut = true), control.abort()), opts.timeoutMs) : undefined;
      try {
        finish(i, (await pool.run(req, { signal: control.signal })) as Outcome);
      } catch (e) {
        if (timedOut) finish(i, failure(req.dataFile, new BriefingError('E_TIMEOUT', { seconds: opts.timeoutMs! / 1000 }, { file: req.dataFile })));
        else if (!stop) finish(i, failure(req.dataFile, e));
      } finally {
        clearTimeout(timer);
        running.delete(control);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, runner));
  } finally {
    await pool.destroy();
  }
  return outcomes;
}
