import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../report-error.js';
import { checkPaper, checkPrintOptions, parseBleed, parseColorMode, parseMarks, type PrintOptions } from '../../document/print-options.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { usageError } from '../../errors/usage.js';
import type { BuildRequest } from '../../orchestrate/build-briefing.js';
import { copyRequests, listCopies } from '../../orchestrate/numbered-copies.js';
import { checkOutputOption, STDOUT } from '../../orchestrate/output-pattern.js';
import { planBuilds, resolveShard, shardOf } from '../../orchestrate/plan-builds.js';
import { plannedOutput } from '../../orchestrate/planned-output.js';
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
  paper?: string;
  pdfa?: boolean;
  tagged?: boolean;
  bleed?: string;
  marks?: string;
  color?: string;
}

/** Generous: a runaway template fails cleanly instead of filling a disk. */
const DEFAULT_MAX_PAGES = 2000;
/** 份号 are six digits. */
const MAX_COPY_NUMBER = 999_999;
const MAX_JOBS = 256;
/**
 * Builds in this process unless --jobs says otherwise: on the 2-vCPU machines briefing is built
 * and tested on, two workers took 1.1–1.7 × the time of one process for 100 documents, since one
 * process already keeps more than one core busy (docs/performance.md).
 */
export const DEFAULT_JOBS = 1;
const MAX_PAGES_LIMIT = 1_000_000;
/** A day: far beyond any document, and within what a timer can wait (2^31 − 1 ms, some 24.8 days). */
const MAX_TIMEOUT_SECONDS = 86_400;

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
 * From the command line to the documents to build: every option value checked (out of range, or a
 * combination that would silently do nothing or something else, is a usage error) before anything
 * is read or built, the plan sharded, copies spread out, outputs that would collide refused.
 * `stdin` is read only when `-` names the data.
 */
export async function planRequests(paths: string[], flags: BuildFlags, ctx: {
  cwd: string; root: string; config: ProjectConfig; readStdin: ReadStdin;
}): Promise<BuildPlan> {
  const { cwd } = ctx;
  const copying = flags.copies !== undefined || flags.recipients !== undefined;
  checkCombinations(flags, copying);
  const copyCount = positive(flags.copies, '--copies', MAX_COPY_NUMBER);
  const jobs = positive(flags.jobs, '--jobs', MAX_JOBS) ?? DEFAULT_JOBS;
  const timeoutMs = seconds(flags.timeout);
  const maxPages = positive(flags.maxPages, '--max-pages', MAX_PAGES_LIMIT) ?? DEFAULT_MAX_PAGES;
  const copyNumber = flags.copyNumber === undefined ? undefined : copyNumberOf(flags.copyNumber);
  if (flags.paper !== undefined) checkPaper(flags.paper);
  checkPrintFlags(flags);
  const toStdout = flags.output === STDOUT;
  if (flags.output && !toStdout && !(copying && !flags.combine)) checkOutputOption(flags.output);
  const shard = resolveShard(flags.shard);
  const whole = planBuilds({ paths, cwd, root: ctx.root, config: ctx.config, template: flags.template, output: copying || toStdout ? undefined : flags.output });
  const plan = shardOf(whole, shard, ctx.root);
  if (flags.format !== undefined && !plan.some((p) => p.fromStdin)) {
    throw usageError('--format applies to data read from standard input (-) only', '--format 只用于从标准输入（-）读取的数据', 'the extension of a file says its format', '数据文件的格式由扩展名决定');
  }
  const copies = copying ? listCopies({ copies: copyCount, recipients: flags.recipients, cwd }) : [];
  // Each copy takes a page at least: more copies than pages is refused before building one.
  if (flags.combine && copies.length > maxPages) {
    throw new BriefingError('E_COPIES_MAX_PAGES', { copies: copies.length, pages: 1, total: copies.length, max: maxPages }, flags.recipients ? { file: resolve(cwd, flags.recipients) } : {});
  }
  const perDocument = copying && !flags.combine ? copies.length : 1;
  if (toStdout && plan.length * perDocument !== 1) {
    throw usageError(`-o - writes one PDF to standard output, but ${plan.length * perDocument} are to be built`,
      `-o - 只能向标准输出写一个 PDF，但要生成 ${plan.length * perDocument} 个`, 'build one document, or write the PDFs to files', '请只生成一个文档，或把 PDF 写入文件');
  }
  const stdin = plan.some((p) => p.fromStdin) ? await readPipedData(ctx.readStdin, flags.format) : undefined;
  // `-o -`: the one writer writes the PDF to a scratch file (typed: the user asked for it), then it goes to standard output.
  const stdoutFile = toStdout ? join(mkdtempSync(join(tmpdir(), 'briefing-stdout-')), 'out.pdf') : undefined;

  const spread = () => plan.flatMap((p) => {
    const print = printOptions(p.print, flags);
    const base: BuildRequest = {
      dataFile: p.dataFile, template: p.template, output: stdoutFile ?? p.output, fonts: p.fonts, strict: flags.strict || print.pdfa, copyNumber,
      // Data from a pipe has no file to compare with the last build, and a PDF for a pipe no file to keep.
      force: flags.force || !!p.fromStdin || toStdout, dryRun: flags.dryRun, cwd, maxPages, print,
      fromConfig: toStdout ? { ...p.fromConfig, output: false } : p.fromConfig,
      ...(p.fromStdin ? stdin : {}),
    };
    // A copy's output is -o (typed) or briefing's own default, never a config pattern.
    const copy = { ...base, fromConfig: { ...p.fromConfig, output: false } };
    return !copying ? [{ ...base, watermark: flags.watermark }]
      // Combined: each copy's watermark is the template with its recipient filled in (build-briefing.ts).
      : flags.combine ? [{ ...copy, output: stdoutFile ?? flags.output ?? 'output/{stem}-copies.pdf', combineCopies: copies, watermark: flags.watermark }]
      : copyRequests(copy, copies, resolve(cwd, flags.output ?? 'output/copies'), flags.watermark);
  });
  let requests: BuildRequest[];
  try {
    requests = spread();
    refuseCollisions(requests, cwd);
  } catch (e) {
    if (stdoutFile) rmSync(dirname(stdoutFile), { recursive: true, force: true });
    throw e;
  }
  return {
    requests,
    reasons: plan.flatMap((p) => Array.from({ length: perDocument }, (): [string, string] => [p.reason, p.reasonZh])),
    jobs,
    timeoutMs,
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

/** The print flags' values, refused before anything is read: --bleed, --marks, --color, and --pdfa with the print shop's. */
function checkPrintFlags(flags: BuildFlags): void {
  checkPrintOptions({
    ...(flags.pdfa ? { pdfa: true } : {}),
    ...(flags.bleed !== undefined ? { bleed: parseBleed(flags.bleed) } : {}),
    ...(flags.marks !== undefined ? { marks: parseMarks(flags.marks) } : {}),
    ...(flags.color !== undefined ? { color: parseColorMode(flags.color) } : {}),
  });
}

/**
 * Paper, PDF/A, tagging and the print shop's options: the config's `print:` (checked where it was
 * read), then the flags over it (`--color rgb`, `--bleed 0` undo the config's). PDF/A needs every
 * character in a font, so it builds as --strict.
 */
function printOptions(configured: PrintOptions, flags: BuildFlags): PrintOptions {
  const paper = flags.paper ?? configured.paper;
  const bleed = flags.bleed !== undefined ? parseBleed(flags.bleed) : configured.bleed;
  const marks = flags.marks !== undefined ? parseMarks(flags.marks) : configured.marks;
  const color = flags.color !== undefined ? parseColorMode(flags.color) : configured.color;
  return checkPrintOptions({
    ...(paper !== undefined ? { paper } : {}),
    ...(flags.pdfa || configured.pdfa ? { pdfa: true } : {}),
    ...(flags.tagged || configured.tagged ? { tagged: true } : {}),
    ...(bleed ? { bleed } : {}),
    ...(marks?.length ? { marks } : {}),
    ...(color === 'cmyk' ? { color, ...(configured.outputProfile ? { outputProfile: configured.outputProfile } : {}) } : {}),
  });
}

function positive(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw usageError(`${flag} takes a whole number from 1 to ${max}, not "${shorten(value)}"`, `${flag} 应为 1 到 ${max} 的整数，而不是“${shorten(value)}”`);
  }
  return n;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = Number(value);
  if (!(s > 0) || s > MAX_TIMEOUT_SECONDS) {
    throw usageError(`--timeout takes a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not "${shorten(value)}"`,
      `--timeout 应为大于 0、不超过 ${MAX_TIMEOUT_SECONDS} 的秒数，而不是“${shorten(value)}”`);
  }
  return s * 1000;
}

/** --copy-number: a 份号 of 1 to 6 digits, printed as six (000123). */
function copyNumberOf(value: string): string {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw usageError(`--copy-number takes a 份号 of 1 to 6 digits (e.g. 000123), not "${shorten(value)}"`,
      `--copy-number 应为 1 至 6 位数字的份号（如 000123），而不是“${shorten(value)}”`);
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
      const which = (q: BuildRequest, zh: boolean) => `${displayPath(resolve(cwd, q.dataFile))}${q.copyNumber ? (zh ? `（份号 ${q.copyNumber}）` : ` (份号 ${q.copyNumber})`) : ''}`;
      throw new BriefingError('E_OUTPUT_COLLISION', {
        first: which(first, false), firstZh: which(first, true), second: which(r, false), secondZh: which(r, true), path: displayPath(out),
      }, { file: resolve(cwd, r.dataFile) });
    }
    seen.set(key, r);
  }
}
