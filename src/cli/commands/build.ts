import { dirname, join, resolve } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { say } from '../messages.js';
import { createProgress } from '../progress.js';
import { BriefingError } from '../../errors/briefing-error.js';
import type { BuildRequest } from '../../orchestrate/build-briefing.js';
import { BuildCache } from '../../orchestrate/build-cache.js';
import { copyRequests, listCopies } from '../../orchestrate/numbered-copies.js';
import { revive, type Outcome } from '../../orchestrate/outcome.js';
import { planBuilds, resolveShard, shardOf } from '../../orchestrate/plan-builds.js';
import { plannedOutput } from '../../orchestrate/planned-output.js';
import { runBatch } from '../../orchestrate/run-batch.js';
import { buildReport, writeReport } from '../../orchestrate/write-report.js';
import { loadConfig } from '../../project/load-config.js';
import { findProjectRoot } from '../../project/project-root.js';
import { checkPaper, checkPrintOptions, parseBleed, parseColorMode, parseMarks, type PrintOptions } from '../../document/print-options.js';
import { removeLeftoverTemps } from '../../output/write-atomic.js';

export interface BuildFlags {
  template?: string;
  output?: string;
  strict?: boolean;
  copyNumber?: string;
  copies?: string;
  recipients?: string;
  watermark?: string;
  jobs?: string;
  report?: string;
  force?: boolean;
  shard?: string;
  failFast?: boolean;
  dryRun?: boolean;
  combine?: boolean;
  timeout?: string;
  maxPages?: string;
  paper?: string;
  pdfa?: boolean;
  tagged?: boolean;
  bleed?: string;
  marks?: string;
  color?: string;
}

/** Generous: a runaway template fails cleanly instead of filling a disk. */
const DEFAULT_MAX_PAGES = 2000;
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** `briefing build`: plan, shard, build (in parallel if asked), report. Returns the exit code. */
export async function runBuild(paths: string[], flags: BuildFlags, sink: Sink): Promise<number> {
  return (await buildOnce(paths, flags, sink)).code;
}

/** One build run; also says which files it read, so `watch` knows what to watch. */
export async function buildOnce(paths: string[], flags: BuildFlags, sink: Sink): Promise<{ code: number; inputs: string[] }> {
  const started = performance.now();
  const cwd = process.cwd();
  let requests: BuildRequest[];
  let reasons: string[];
  let cache: BuildCache;
  let jobs: number;
  let timeoutMs: number | undefined;
  try {
    const { root, configFile } = findProjectRoot(cwd);
    const config = loadConfig(configFile);
    const copying = flags.copies !== undefined || flags.recipients !== undefined;
    const plan = shardOf(planBuilds({ paths, cwd, root, config, template: flags.template, output: copying ? undefined : flags.output }), resolveShard(flags.shard), root);
    cache = new BuildCache(root);
    // Every option value is checked before anything is read or built: out of range is a usage error.
    const copyCount = positive(flags.copies, '--copies', MAX_COPY_NUMBER);
    jobs = positive(flags.jobs, '--jobs', MAX_JOBS) ?? 1;
    timeoutMs = seconds(flags.timeout);
    const maxPages = positive(flags.maxPages, '--max-pages', MAX_PAGES_LIMIT) ?? DEFAULT_MAX_PAGES;
    const copyNumber = flags.copyNumber === undefined ? undefined : copyNumberOf(flags.copyNumber);
    if (flags.combine && flags.watermark) throw new BriefingError('E_USAGE', { detail: '--watermark works with one PDF per copy, not with --combine' });
    const copies = copying ? listCopies({ copies: copyCount, recipients: flags.recipients, cwd }) : [];
    // Each copy takes a page at least: more copies than pages is refused before building one.
    if (flags.combine && copies.length > maxPages) {
      throw new BriefingError('E_COPIES_MAX_PAGES', { copies: copies.length, pages: 1, total: copies.length, max: maxPages }, flags.recipients ? { file: resolve(cwd, flags.recipients) } : {});
    }
    reasons = plan.flatMap((p) => (copying && !flags.combine ? copies.map(() => p.reason) : [p.reason]));
    requests = plan.flatMap((p) => {
      const print = printOptions(p.print, flags);
      const base: BuildRequest = { dataFile: p.dataFile, template: p.template, output: p.output, fonts: p.fonts, strict: flags.strict || print.pdfa, copyNumber, force: flags.force, dryRun: flags.dryRun, cwd, maxPages, print, fromConfig: p.fromConfig };
      // A copy's output is -o (typed) or briefing's own default, never a config pattern.
      const copy = { ...base, fromConfig: { ...p.fromConfig, output: false } };
      const each = !copying ? [{ ...base, watermark: flags.watermark }]
        : flags.combine ? [{ ...copy, output: flags.output ?? 'output/{stem}-copies.pdf', combineCopies: copies }]
        : copyRequests(copy, copies, resolve(cwd, flags.output ?? 'output/copies'), flags.watermark);
      return each.map((r) => ({ ...r, previousHash: cache.get(cacheKey(r)) }));
    });
    refuseCollisions(requests, cwd);
  } catch (e) {
    sink.fail(e);
    return { code: e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1, inputs: [] };
  }

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
  const byRequest = await runBatch(requests, {
    jobs,
    timeoutMs,
    signal: abort.signal,
    failFast: !!flags.failFast,
    onDone: (outcome, done) => {
      if (flags.dryRun && outcome.ok) {
        const r = outcome.result;
        const why = `${reasons[requests.findIndex((q) => resolve(cwd, q.dataFile) === r.input)] ?? ''}; ${flags.force ? 'forced' : r.hash === requests.find((q) => resolve(cwd, q.dataFile) === r.input)?.previousHash ? 'output missing' : 'inputs changed or never built'}`;
        sink.info(r.skipped ? say('skipped', sink.lang, { out: displayPath(r.output) }) : say('plan', sink.lang, { out: displayPath(r.output), input: displayPath(r.input), why }));
        return;
      }
      progress(outcome, done);
      if (!outcome.ok) {
        for (const err of revive(outcome.errors)) sink.fail(err);
        if (outcome.bug) sink.fail(new Error(outcome.bug.split('\n')[0]));
      }
    },
  });
  const outcomes = byRequest.filter((o): o is Outcome => o !== undefined);

  handlers.forEach(([s, h]) => process.off(s, h));
  if (interrupted) {
    removeTempFiles(requests, cwd);
    sink.fail(new BriefingError('E_INTERRUPTED', { signal: interrupted, done: outcomes.length, total: requests.length }));
  }
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.length - ok.length + (requests.length - outcomes.length);
  if (!flags.dryRun) {
    requests.forEach((r, i) => {
      const o = byRequest[i];
      if (o?.ok && !o.result.skipped) cache.set(cacheKey(r), o.result.hash);
    });
    try {
      cache.save();
    } catch {
      // The cache only saves time; a build that cannot record it is still a good build.
    }
  }
  let code = interrupted ? SIGNAL_EXIT[interrupted]! : failed ? 1 : 0;
  if (flags.report) {
    try {
      writeReport(resolve(cwd, flags.report), buildReport(outcomes));
    } catch (e) {
      sink.fail(e);
      code = 1;
    }
  }
  if (requests.length > 1 && !flags.dryRun && !interrupted) {
    const built = ok.filter((o) => o.ok && !o.result.skipped).length;
    const pages = ok.reduce((n, o) => n + (o.ok ? o.result.pages : 0), 0);
    sink.info(say('batch', sink.lang, { built, pages, s: ((performance.now() - started) / 1000).toFixed(1), failed, skipped: ok.length - built }));
  }
  const inputs = new Set<string>(requests.map((r) => resolve(cwd, r.dataFile)));
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

/** 份号 are six digits. */
const MAX_COPY_NUMBER = 999_999;
const MAX_JOBS = 256;
const MAX_PAGES_LIMIT = 1_000_000;
/** A day: far beyond any document, and within what a timer can wait (2^31 − 1 ms, some 24.8 days). */
const MAX_TIMEOUT_SECONDS = 86_400;

function positive(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new BriefingError('E_USAGE', { detail: `${flag} takes a whole number from 1 to ${max}, not "${shorten(value)}"` });
  }
  return n;
}

/**
 * Paper, PDF/A, tagging and the print shop's options: the config's `print:` (checked where it was
 * read), then the flags over it. PDF/A needs every character in a font, so it builds as --strict.
 */
function printOptions(configured: PrintOptions, flags: BuildFlags): PrintOptions {
  const paper = flags.paper ?? configured.paper;
  const bleed = flags.bleed !== undefined ? parseBleed(flags.bleed) : configured.bleed;
  const marks = flags.marks !== undefined ? parseMarks(flags.marks) : configured.marks;
  const color = flags.color !== undefined ? parseColorMode(flags.color) : configured.color;
  return checkPrintOptions({
    ...(paper !== undefined ? { paper: flags.paper !== undefined ? checkPaper(paper) : paper } : {}),
    ...(flags.pdfa || configured.pdfa ? { pdfa: true } : {}),
    ...(flags.tagged || configured.tagged ? { tagged: true } : {}),
    ...(bleed ? { bleed } : {}),
    ...(marks?.length ? { marks } : {}),
    ...(color === 'cmyk' ? { color, ...(configured.outputProfile ? { outputProfile: configured.outputProfile } : {}) } : {}),
  });
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!(s > 0) || s > MAX_TIMEOUT_SECONDS) {
    throw new BriefingError('E_USAGE', { detail: `--timeout takes a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not "${shorten(value)}"` });
  }
  return s * 1000;
}

/** --copy-number: a 份号 of 1 to 6 digits, printed as six (000123). */
function copyNumberOf(value: string): string {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw new BriefingError('E_USAGE', { detail: `--copy-number takes a 份号 of 1 to 6 digits (e.g. 000123), not "${shorten(value)}"` });
  }
  return value.padStart(6, '0');
}

/** An option value as typed, cut short: 5,000 digits need not be echoed back. */
function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Two documents that would be written to one file: refused before anything is built, naming both.
 * Outputs with {date} or {template} depend on the data and are compared once filled in, in
 * prepareDocument's terms; here they are compared as far as they are known without reading.
 */
function refuseCollisions(requests: BuildRequest[], cwd: string): void {
  const seen = new Map<string, BuildRequest>();
  for (const r of requests) {
    const out = plannedOutput(r);
    if (out === undefined) continue;
    const key = process.platform === 'win32' || process.platform === 'darwin' ? out.toLowerCase() : out;
    const first = seen.get(key);
    if (first) {
      const which = (q: BuildRequest) => `${displayPath(resolve(cwd, q.dataFile))}${q.copyNumber ? ` (份号 ${q.copyNumber})` : ''}`;
      throw new BriefingError('E_OUTPUT_COLLISION', { first: which(first), second: which(r), path: displayPath(out) }, { file: resolve(cwd, r.dataFile) });
    }
    seen.set(key, r);
  }
}
