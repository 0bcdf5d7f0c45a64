import { buildBriefing, type BuildRequest } from './build-briefing.js';
import { failure, type Outcome } from './outcome.js';

export interface BatchOptions {
  /** Parallel builds; 1 builds in this process. */
  jobs: number;
  failFast: boolean;
  onDone?: (outcome: Outcome, done: number, total: number) => void;
}

/**
 * Build every request; one failure does not stop the others unless failFast. With jobs > 1 the
 * builds run in a worker-thread pool (tinypool), loaded only then.
 */
export async function runBatch(requests: BuildRequest[], opts: BatchOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let done = 0;
  let stop = false;
  const finish = (i: number, outcome: Outcome) => {
    outcomes[i] = outcome;
    opts.onDone?.(outcome, ++done, requests.length);
    if (!outcome.ok && opts.failFast) stop = true;
  };
  if (opts.jobs <= 1 || requests.length <= 1) {
    for (let i = 0; i < requests.length && !stop; i++) {
      try {
        finish(i, { ok: true, result: await buildBriefing(requests[i]!) });
      } catch (e) {
        finish(i, failure(requests[i]!.dataFile, e));
      }
    }
    return outcomes.filter(Boolean);
  }
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: new URL('./batch-worker.js', import.meta.url).href,
    minThreads: Math.min(opts.jobs, requests.length),
    maxThreads: Math.min(opts.jobs, requests.length),
    isolateWorkers: false,
  });
  // A few runners pull from one queue, so --fail-fast stops handing out work at once.
  let next = 0;
  const runner = async () => {
    while (!stop && next < requests.length) {
      const i = next++;
      finish(i, (await pool.run(requests[i])) as Outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, requests.length) }, runner));
  } finally {
    await pool.destroy();
  }
  return outcomes.filter(Boolean);
}
