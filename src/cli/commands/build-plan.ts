import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usageError } from '../../errors/usage.js';
import type { BuildRequest } from '../../orchestrate/build-briefing.js';
import { copyRequests, listCopies } from '../../orchestrate/numbered-copies.js';
import { checkOutputOption, STDOUT } from '../../orchestrate/output-pattern.js';
import { planBuilds, resolveShard, shardOf } from '../../orchestrate/plan-builds.js';
import type { ProjectConfig } from '../../project/load-config.js';
import { checkFormat, readPipedData, type ReadStdin } from '../piped-data.js';

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
  format?: string;
}

/** Generous: a runaway template fails cleanly instead of filling a disk. */
const DEFAULT_MAX_PAGES = 2000;

export interface BuildPlan {
  requests: BuildRequest[];
  /** Why each request is built, for --dry-run, in English and Chinese. */
  reasons: [string, string][];
  jobs: number;
  timeoutMs?: number;
  /** `-o -`: the one PDF is built here, then copied to standard output. */
  stdoutFile?: string;
  /** --shard left this shard empty: k/n and how many documents there are in all. */
  emptyShard?: { shard: string; total: number };
}

/**
 * From the command line to the documents to build: the flags checked against each other (a
 * combination that would silently do nothing, or something else, is a usage error), the plan
 * sharded, copies spread out. `stdin` is read only when `-` names the data.
 */
export async function planRequests(paths: string[], flags: BuildFlags, ctx: {
  cwd: string; root: string; config: ProjectConfig; readStdin: ReadStdin;
}): Promise<BuildPlan> {
  const { cwd } = ctx;
  const copying = flags.copies !== undefined || flags.recipients !== undefined;
  checkCombinations(flags, copying);
  const toStdout = flags.output === STDOUT;
  if (flags.output && !toStdout && !(copying && !flags.combine)) checkOutputOption(flags.output);
  const shard = resolveShard(flags.shard);
  const whole = planBuilds({ paths, cwd, root: ctx.root, config: ctx.config, template: flags.template, output: copying || toStdout ? undefined : flags.output });
  const plan = shardOf(whole, shard, ctx.root);
  if (flags.format !== undefined && !plan.some((p) => p.fromStdin)) {
    throw usageError('--format applies to data read from standard input (-) only', '--format 只用于从标准输入（-）读取的数据', 'the extension of a file says its format', '数据文件的格式由扩展名决定');
  }
  const copies = copying ? listCopies({ copies: positive(flags.copies, '--copies'), recipients: flags.recipients, cwd }) : [];
  const perDocument = copying && !flags.combine ? copies.length : 1;
  if (toStdout && plan.length * perDocument !== 1) {
    throw usageError(`-o - writes one PDF to standard output, but ${plan.length * perDocument} are to be built`,
      `-o - 只能向标准输出写一个 PDF，但要生成 ${plan.length * perDocument} 个`, 'build one document, or write the PDFs to files', '请只生成一个文档，或把 PDF 写入文件');
  }
  const stdoutFile = toStdout ? join(mkdtempSync(join(tmpdir(), 'briefing-stdout-')), 'out.pdf') : undefined;
  const stdin = plan.some((p) => p.fromStdin) ? await readPipedData(ctx.readStdin, flags.format) : undefined;

  const maxPages = positive(flags.maxPages, '--max-pages') ?? DEFAULT_MAX_PAGES;
  const requests = plan.flatMap((p) => {
    const base: BuildRequest = {
      dataFile: p.dataFile, template: p.template, output: stdoutFile ?? p.output, fonts: p.fonts, strict: flags.strict, copyNumber: flags.copyNumber,
      // Data from a pipe has no file to compare with the last build, and a PDF for a pipe no file to keep.
      force: flags.force || !!p.fromStdin || toStdout, dryRun: flags.dryRun, cwd, maxPages,
      ...(p.fromStdin ? stdin : {}),
    };
    const each = !copying ? [{ ...base, watermark: flags.watermark }]
      : flags.combine ? [{ ...base, output: stdoutFile ?? flags.output ?? 'output/{stem}-copies.pdf', combineCopies: copies }]
      : copyRequests(base, copies, resolve(cwd, flags.output ?? 'output/copies'), flags.watermark);
    return each;
  });
  return {
    requests,
    reasons: plan.flatMap((p) => Array.from({ length: perDocument }, (): [string, string] => [p.reason, p.reasonZh])),
    jobs: positive(flags.jobs, '--jobs') ?? 1,
    timeoutMs: seconds(flags.timeout),
    stdoutFile,
    emptyShard: shard && !plan.length ? { shard: `${shard.k}/${shard.n}`, total: whole.length } : undefined,
  };
}

function checkCombinations(flags: BuildFlags, copying: boolean): void {
  if (flags.copies !== undefined && flags.recipients !== undefined) {
    throw usageError('--copies and --recipients both say how many copies to print; use one',
      '--copies 与 --recipients 都指定份数，只能用其中一个', '--recipients prints one copy per name in the list', '--recipients 按名单每人印一份');
  }
  if (flags.combine && !copying) {
    throw usageError('--combine puts numbered copies into one PDF, but no copies were asked for',
      '--combine 把编号副本合并为一个 PDF，但没有指定副本', 'add --copies <n> or --recipients <csv>', '请加上 --copies <n> 或 --recipients <csv>');
  }
  if (flags.combine && flags.watermark) {
    throw usageError('--watermark works with one PDF per copy, not with --combine', '--watermark 只用于每份单独一个 PDF，不能与 --combine 同用');
  }
  if (flags.watermark?.includes('{name}') && flags.recipients === undefined) {
    throw usageError('--watermark has {name}, which only a recipients list fills in', '--watermark 中的 {name} 只能由领取人名单填入',
      'add --recipients <csv>, or write the watermark without {name}', '请加上 --recipients <csv>，或去掉水印中的 {name}');
  }
  if (flags.copyNumber !== undefined && copying) {
    throw usageError('--copy-number prints one 份号; --copies and --recipients number the copies themselves',
      '--copy-number 只印一个份号；--copies 和 --recipients 会自行为各份编号');
  }
  checkFormat(flags.format);
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${flag} takes a whole number of at least 1, not "${value}"`, `${flag} 应为不小于 1 的整数，而不是“${value}”`);
  return n;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!(s > 0)) throw usageError(`--timeout takes a number of seconds, not "${value}"`, `--timeout 应为秒数，而不是“${value}”`);
  return s * 1000;
}
