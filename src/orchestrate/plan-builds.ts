import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import type { FontFileSpec, JobSpec, ProjectConfig } from '../project/load-config.js';
import type { PrintOptions } from '../document/print-options.js';
import type { BuildRequest } from './build-briefing.js';

/** One document to build, before anything is read: where its data is and what the job says. */
export interface PlannedBuild {
  dataFile: string;
  template?: string;
  output?: string;
  fonts: Record<string, FontFileSpec>;
  /** The config's and the job's `print:` (the command line's flags go over it). */
  print: PrintOptions;
  /** Why it is in the plan, for --dry-run: the config job (by line) or the command line. */
  reason: string;
  /** Which paths the config chose rather than the user: the gate holds those to the project. */
  fromConfig: NonNullable<BuildRequest['fromConfig']>;
}

export interface PlanRequest {
  /** Paths or globs given on the command line (relative to cwd). */
  paths: string[];
  cwd: string;
  root: string;
  config: ProjectConfig;
  template?: string;
  output?: string;
}

const GLOB = /[*?[\]{}]/;

/**
 * Which documents a `build` means. With paths: those files, each taking template, output pattern
 * and fonts from the config job whose globs match it. Without: every job in the config. The
 * template is -t, else the job's, else the data's own `template:` (read later).
 */
export function planBuilds(req: PlanRequest): PlannedBuild[] {
  const jobFiles = req.config.jobs.map((job) => ({ job, files: new Set(expand(job.data, req.root)) }));
  const jobFor = (file: string): JobSpec | undefined => jobFiles.find((j) => j.files.has(file))?.job;
  let plan: PlannedBuild[];
  if (req.paths.length) {
    const files = req.paths.flatMap((p) => (GLOB.test(p) ? expand([p], req.cwd) : [resolve(req.cwd, p)]));
    plan = files.map((dataFile) => {
      const job = jobFor(dataFile);
      return fromJob(dataFile, job, req, job ? `matches the job at ${rel(req.config.file!, req.cwd)}:${job.line}` : 'named on the command line', false);
    });
  } else if (req.config.jobs.length) {
    plan = jobFiles.flatMap(({ job, files }) => [...files].map((dataFile) => fromJob(dataFile, job, req, `job at ${rel(req.config.file!, req.cwd)}:${job.line}`, true)));
  } else {
    throw new BriefingError('E_USAGE', { detail: 'nothing to build: name data files, or add jobs to briefing.config.yaml' });
  }
  const seen = new Set<string>();
  plan = plan.filter((p) => (seen.has(p.dataFile) ? false : (seen.add(p.dataFile), true)));
  if (req.output && plan.length > 1 && !/\{(stem|date|template)\}/.test(req.output)) {
    throw new BriefingError('E_USAGE', { detail: `-o names one file but ${plan.length} documents are to be built; use a pattern such as out/{stem}.pdf` });
  }
  return plan;
}

function fromJob(dataFile: string, job: JobSpec | undefined, req: PlanRequest, reason: string, dataFromConfig: boolean): PlannedBuild {
  return {
    fromConfig: {
      data: dataFromConfig,
      template: !req.template && !!job?.template,
      output: !req.output && !!job?.output,
      ...(job && req.config.file ? { job: { file: req.config.file, line: job.outputLine ?? job.line, output: job.output } } : {}),
    },
    dataFile,
    template: req.template ?? job?.template,
    // -o is relative to the current folder; a job's pattern to the project root.
    output: req.output ? resolveKeepingPattern(req.output, req.cwd) : job?.output ? resolveKeepingPattern(job.output, req.root) : undefined,
    fonts: { ...req.config.fonts, ...job?.fonts },
    print: { ...req.config.print, ...job?.print },
    reason,
  };
}

function resolveKeepingPattern(pattern: string, base: string): string {
  return isAbsolute(pattern) ? pattern : resolve(base, pattern);
}

let globber: typeof import('tinyglobby') | undefined;

/** The glob library is loaded for the first pattern: `build file.yaml` without a config needs none. */
function expand(patterns: string[], base: string): string[] {
  const { globSync } = (globber ??= createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby'));
  return globSync(patterns, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })
    .map((f) => resolve(f))
    .sort();
}

function rel(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r.startsWith('..') ? file : r;
}

/**
 * A deterministic 1/n of the plan: documents sorted by path, every n-th from the k-th (k counts
 * from 1). `--shard` wins over the CI's own variables.
 */
export function shardOf(plan: PlannedBuild[], shard: { k: number; n: number } | undefined, root: string): PlannedBuild[] {
  if (!shard || shard.n === 1) return plan;
  const sorted = [...plan].sort((a, b) => relative(root, a.dataFile).localeCompare(relative(root, b.dataFile)));
  return sorted.filter((_, i) => i % shard.n === shard.k - 1);
}

/** k/n from --shard, else from common CI variables (GitLab, CircleCI, Buildkite). */
export function resolveShard(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { k: number; n: number } | undefined {
  if (flag) {
    const m = /^(\d+)\/(\d+)$/.exec(flag);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
      throw new BriefingError('E_USAGE', { detail: `--shard takes k/n with 1 ≤ k ≤ n, e.g. 2/4 (got "${flag}")` });
    }
    return { k: Number(m[1]), n: Number(m[2]) };
  }
  if (env.CI_NODE_INDEX && env.CI_NODE_TOTAL) return { k: Number(env.CI_NODE_INDEX), n: Number(env.CI_NODE_TOTAL) };
  if (env.CIRCLE_NODE_INDEX && env.CIRCLE_NODE_TOTAL) return { k: Number(env.CIRCLE_NODE_INDEX) + 1, n: Number(env.CIRCLE_NODE_TOTAL) };
  if (env.BUILDKITE_PARALLEL_JOB && env.BUILDKITE_PARALLEL_JOB_COUNT) return { k: Number(env.BUILDKITE_PARALLEL_JOB) + 1, n: Number(env.BUILDKITE_PARALLEL_JOB_COUNT) };
  return undefined;
}
