import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import { usageError } from '../errors/usage.js';
import type { FontFileSpec, JobSpec, ProjectConfig } from '../project/load-config.js';
import { checkOutputOption, hasPlaceholder, unknownPlaceholder } from './output-pattern.js';
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
  reasonZh: string;
  /** `-` on the command line: the data comes from standard input. */
  fromStdin?: boolean;
  /** Which paths the config chose rather than the user: the gate holds those to the project. */
  fromConfig: NonNullable<BuildRequest['fromConfig']>;
}

/** `-` as a data file: standard input. Its data is named like this in messages. */
const STDIN_ARG = '-';
export const STDIN_NAME = '<stdin>';

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
  if (req.output) checkOutputOption(req.output);
  for (const job of req.config.jobs) if (job.output) checkJobPattern(job, req.config.file);
  const jobFiles = req.config.jobs.map((job) => ({ job, files: new Set(expand(job.data, req.root)) }));
  const jobFor = (file: string): JobSpec | undefined => jobFiles.find((j) => j.files.has(file))?.job;
  let plan: PlannedBuild[];
  if (req.paths.length) {
    if (req.paths.filter((p) => p === STDIN_ARG).length > 1) throw usageError('standard input (-) can be read only once', '标准输入（-）只能读取一次');
    plan = expandDataPaths(req.paths, req.cwd).map((dataFile) => {
      if (dataFile === resolve(req.cwd, STDIN_NAME)) return { ...fromJob(dataFile, undefined, req, ['read from standard input', '从标准输入读取'], false), fromStdin: true };
      const job = jobFor(dataFile);
      const at = job && `${rel(req.config.file!, req.cwd)}:${job.line}`;
      return fromJob(dataFile, job, req, job ? [`matches the job at ${at}`, `属于 ${at} 处的任务`] : ['named on the command line', '在命令行中指定'], false);
    });
  } else if (req.config.jobs.length) {
    for (const { job, files } of jobFiles) if (!files.size) throw jobMatchesNothing(job, req.config.file!, req.root);
    plan = jobFiles.flatMap(({ job, files }) => {
      const at = `${rel(req.config.file!, req.cwd)}:${job.line}`;
      return [...files].map((dataFile) => fromJob(dataFile, job, req, [`job at ${at}`, `${at} 处的任务`], true));
    });
  } else {
    throw usageError('nothing to build: name data files, or add jobs to briefing.config.yaml', '没有要生成的文档：请指定数据文件，或在 briefing.config.yaml 中添加任务（jobs）',
      'briefing init makes a project with a job', 'briefing init 可创建带任务的项目');
  }
  const seen = new Set<string>();
  plan = plan.filter((p) => (seen.has(p.dataFile) ? false : (seen.add(p.dataFile), true)));
  if (req.output && plan.length > 1 && !hasPlaceholder(req.output)) {
    throw usageError(`-o names one file but ${plan.length} documents are to be built; use a pattern such as out/{stem}.pdf`,
      `-o 只指定了一个文件，但要生成 ${plan.length} 个文档；请使用 out/{stem}.pdf 这样的模式`);
  }
  return plan;
}

/**
 * Data files from the command line: paths as given, globs expanded (sorted). A glob that matches
 * nothing is a usage error — a CI job with a mistyped pattern must not pass green with no PDFs.
 * `-` stays as standard input's name.
 */
export function expandDataPaths(paths: string[], cwd: string): string[] {
  return paths.flatMap((p) => {
    if (p === STDIN_ARG) return [resolve(cwd, STDIN_NAME)];
    if (!GLOB.test(p)) return [resolve(cwd, p)];
    const files = expand([p], cwd);
    if (!files.length) {
      throw usageError(`"${p}" matches no file`, `“${p}”没有匹配到任何文件`,
        'patterns are relative to the current folder; quote them (\'reports/*.yaml\') so the shell leaves them to briefing',
        '模式相对于当前文件夹；请给模式加引号（\'reports/*.yaml\'），交由 briefing 展开');
    }
    return files;
  });
}

function jobMatchesNothing(job: JobSpec, configFile: string, root: string): BriefingError {
  const patterns = job.data.join(', ');
  return new BriefingError('E_CONFIG', {
    reason: `the job's data ${patterns} matches no file (patterns are relative to ${root})`,
    reasonZh: `任务的 data（${patterns}）没有匹配到任何文件（模式相对于 ${root}）`,
  }, { file: configFile, line: job.line });
}

function checkJobPattern(job: JobSpec, configFile: string | undefined): void {
  const unknown = unknownPlaceholder(job.output!);
  if (unknown) {
    throw new BriefingError('E_CONFIG', {
      reason: `output has an unknown placeholder {${unknown.name}}; known: {stem} {date} {template}${unknown.near ? `; did you mean {${unknown.near}}?` : ''}`,
      reasonZh: `output 中有未知的占位符 {${unknown.name}}；可用：{stem} {date} {template}${unknown.near ? `。您是否要写 {${unknown.near}}？` : ''}`,
    }, { file: configFile, line: job.line });
  }
}

function fromJob(dataFile: string, job: JobSpec | undefined, req: PlanRequest, [reason, reasonZh]: [string, string], dataFromConfig: boolean): PlannedBuild {
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
    reasonZh,
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
      throw usageError(`--shard takes k/n with 1 ≤ k ≤ n, e.g. 2/4 (got "${flag}")`, `--shard 应写作 k/n，且 1 ≤ k ≤ n，如 2/4（现在是“${flag}”）`);
    }
    return { k: Number(m[1]), n: Number(m[2]) };
  }
  if (env.CI_NODE_INDEX && env.CI_NODE_TOTAL) return { k: Number(env.CI_NODE_INDEX), n: Number(env.CI_NODE_TOTAL) };
  if (env.CIRCLE_NODE_INDEX && env.CIRCLE_NODE_TOTAL) return { k: Number(env.CIRCLE_NODE_INDEX) + 1, n: Number(env.CIRCLE_NODE_TOTAL) };
  if (env.BUILDKITE_PARALLEL_JOB && env.BUILDKITE_PARALLEL_JOB_COUNT) return { k: Number(env.BUILDKITE_PARALLEL_JOB) + 1, n: Number(env.BUILDKITE_PARALLEL_JOB_COUNT) };
  return undefined;
}
