import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { say } from '../messages.js';
import { createProgress } from '../progress.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { errnoReason } from '../../errors/errno.js';
import type { BuildRequest } from '../../orchestrate/build-briefing.js';
import { BuildCache } from '../../orchestrate/build-cache.js';
import { revive, type Outcome } from '../../orchestrate/outcome.js';
import { sourceDateEpoch } from '../../orchestrate/document-date.js';
import { runBatch } from '../../orchestrate/run-batch.js';
import { buildReport, writeReport } from '../../orchestrate/write-report.js';
import { loadConfig } from '../../project/load-config.js';
import { findProjectRoot } from '../../project/project-root.js';
import { createCaches, type Caches } from '../../host/caches.js';
import { createHost } from '../../host/host.js';
import { readFile } from '../../host/gate.js';
import { removeLeftoverTemps } from '../../output/write-atomic.js';
import { readProcessStdin, type ReadStdin } from '../piped-data.js';
import { planRequests, type BuildFlags, type BuildPlan } from './build-plan.js';

export type { BuildFlags } from './build-plan.js';

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
const STDOUT_NAME = '<stdout>';

/** `briefing build`: plan, shard, build (in parallel if asked), report. Returns the exit code. */
export async function runBuild(paths: string[], flags: BuildFlags, sink: Sink, readStdin: ReadStdin = readProcessStdin): Promise<number> {
  return (await buildOnce(paths, flags, sink, readStdin)).code;
}

/**
 * One build run; also says which files it read, so `watch` knows what to watch. `caches`: the
 * session's (`watch`), so a rebuild reuses the fonts and templates whose files did not change.
 */
export async function buildOnce(paths: string[], flags: BuildFlags, sink: Sink, readStdin: ReadStdin = readProcessStdin, caches?: Caches): Promise<{ code: number; inputs: string[] }> {
  if (caches) return buildOnceWith(paths, flags, sink, readStdin, caches);
  const own = createCaches();
  try {
    return await buildOnceWith(paths, flags, sink, readStdin, own);
  } finally {
    own.close();
  }
}

async function buildOnceWith(paths: string[], flags: BuildFlags, sink: Sink, readStdin: ReadStdin, caches: Caches): Promise<{ code: number; inputs: string[] }> {
  const started = performance.now();
  const cwd = process.cwd();
  const epoch = sourceDateEpoch();
  if (epoch.invalid !== undefined) sink.warning({ code: 'E_SOURCE_DATE_EPOCH', params: { value: epoch.invalid }, message: '' });
  let plan: BuildPlan;
  let cache: BuildCache;
  try {
    const { root, configFile } = findProjectRoot(cwd);
    cache = new BuildCache(root);
    plan = await planRequests(paths, flags, { cwd, root, config: loadConfig(configFile, createHost({ projectRoot: root, caches })), readStdin });
  } catch (e) {
    sink.fail(e);
    return { code: e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1, inputs: [] };
  }
  const { requests, reasons, jobs, timeoutMs, stdoutFile } = plan;
  if (plan.emptyShard) {
    sink.info(say('emptyShard', sink.lang, plan.emptyShard));
    return { code: 0, inputs: [] };
  }
  // Only files have a last build to compare with.
  const cached = (r: BuildRequest) => !stdoutFile && r.dataText === undefined;
  for (const r of requests) if (cached(r)) r.previousHash = cache.get(cacheKey(r));

  const progress = createProgress(sink, requests.length);
  // Ctrl+C or SIGTERM: start nothing new, stop the workers, leave no temp files, exit 130/143.
  const abort = new AbortController();
  let interrupted: string | undefined;
  const onSignal = (signal: string) => {
    interrupted = signal;
    abort.abort();
  };
  const handlers = Object.keys(SIGNAL_EXIT).map((s) => [s, () => onSignal(s)] as const);
  handlers.forEach(([s, h]) => process.once(s, h));
  // The scratch file of `-o -` is named as what it is for.
  const shown = (o: Outcome): Outcome => (stdoutFile && o.ok ? { ...o, result: { ...o.result, output: STDOUT_NAME } } : o);
  const byRequest = (await runBatch(requests, {
    jobs,
    timeoutMs,
    caches,
    signal: abort.signal,
    failFast: !!flags.failFast,
    onDone: (finished, done) => {
      const outcome = shown(finished);
      if (flags.dryRun && outcome.ok) {
        const r = outcome.result;
        const i = requests.findIndex((q) => resolve(cwd, q.dataFile) === r.input);
        const [planned, plannedZh] = reasons[i] ?? ['', ''];
        const [state, stateZh] = flags.force ? ['forced', '强制重新生成'] : r.hash === requests[i]?.previousHash ? ['output missing', '输出文件不存在'] : ['inputs changed or never built', '输入有改动或从未生成'];
        const why = sink.lang === 'zh' ? `${plannedZh}；${stateZh}` : `${planned}; ${state}`;
        sink.info(r.skipped ? say('skipped', sink.lang, { out: displayPath(r.output) }) : say('plan', sink.lang, { out: displayPath(r.output), input: displayPath(r.input), why }));
        return;
      }
      progress(outcome, done);
      if (!outcome.ok) {
        for (const err of revive(outcome.errors)) sink.fail(err);
        if (outcome.bug) sink.fail(new Error(outcome.bug.split('\n')[0]));
      }
    },
  })).map((o) => o && shown(o));
  const outcomes = byRequest.filter((o): o is Outcome => o !== undefined);

  handlers.forEach(([s, h]) => process.off(s, h));
  if (interrupted) {
    removeTempFiles(requests, cwd);
    sink.fail(new BriefingError('E_INTERRUPTED', { signal: interrupted, done: outcomes.length, total: requests.length }));
  }
  const ok = outcomes.filter((o) => o.ok);
  // A document --fail-fast or a signal never started did not fail: it is counted, and reported, as not run.
  const failed = outcomes.length - ok.length;
  const notRun = requests.length - outcomes.length;
  if (!flags.dryRun) {
    requests.forEach((r, i) => {
      const o = byRequest[i];
      if (o?.ok && !o.result.skipped && cached(r)) cache.set(cacheKey(r), o.result.hash);
    });
    try {
      cache.save();
    } catch {
      // The cache only saves time; a build that cannot record it is still a good build.
    }
  }
  let code = interrupted ? SIGNAL_EXIT[interrupted]! : failed ? 1 : 0;
  if (stdoutFile) code = sendToStdout(stdoutFile, code === 0 && !flags.dryRun, sink) || code;
  if (flags.report) {
    try {
      writeReport(resolve(cwd, flags.report), buildReport(requests.map((r, i) => ({ input: resolve(cwd, r.dataFile), outcome: byRequest[i] }))));
    } catch (e) {
      sink.fail(e);
      code = 1;
    }
  }
  if (requests.length > 1 && !flags.dryRun && !interrupted) {
    const built = ok.filter((o) => o.ok && !o.result.skipped).length;
    const pages = ok.reduce((n, o) => n + (o.ok ? o.result.pages : 0), 0);
    sink.info(say('batch', sink.lang, { built, pages, s: ((performance.now() - started) / 1000).toFixed(1), failed, skipped: ok.length - built, notRun }));
  }
  const inputs = new Set<string>(requests.filter((r) => r.dataText === undefined).map((r) => resolve(cwd, r.dataFile)));
  for (const o of outcomes) if (o.ok) o.result.inputs.forEach((f) => inputs.add(f));
  return { code, inputs: [...inputs] };
}

/**
 * A worker stopped mid-write may leave its temp file (never the target: that is only ever replaced
 * by a rename). The writer removes what this process (and any killed one) left there.
 */
function removeTempFiles(requests: BuildRequest[], cwd: string): void {
  const { root } = findProjectRoot(cwd);
  const dirs = new Set([join(root, 'output'), ...requests.filter((r) => r.output).map((r) => dirname(resolve(cwd, r.output!)))]);
  for (const dir of dirs) removeLeftoverTemps(dir);
}

/** Incremental builds remember each output by data file, output pattern and 份号. */
function cacheKey(r: BuildRequest): string {
  return [r.dataFile, r.output ?? '', r.copyNumber ?? '', r.watermark ?? '', r.template ?? ''].join('\u0000');
}

/** The finished PDF, copied to standard output and its scratch folder removed; 1 if it cannot be. */
function sendToStdout(file: string, built: boolean, sink: Sink): number {
  try {
    // Read back through the gate from the scratch folder it was written to, by the one writer.
    if (built) sink.out.write(readFile({ kind: 'pdf', file, roots: [dirname(file)], shown: STDOUT_NAME }));
    return 0;
  } catch (e) {
    return sink.fail(e instanceof BriefingError ? e : new BriefingError('E_READ', { path: file, ...errnoReason(e) }, { file }));
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}
