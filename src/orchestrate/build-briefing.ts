import { withWrittenNumbers } from '../render/written-numbers.js';
import { basename, dirname, join, resolve } from 'node:path';
import { BriefingError, BriefingErrors, formatDataPath, type SourceLocation } from '../errors/briefing-error.js';
import type { ErrorCode } from '../errors/catalogue.js';
import { isRegularFile } from '../host/gate.js';
import { createCaches, type Caches } from '../host/caches.js';
import { createHost, type Host } from '../host/host.js';
import { checkWriteTarget, type WriteRule } from '../output/write-atomic.js';
import { attachTables } from '../load/attach-tables.js';
import { attachMarkdown } from '../load/attach-markdown.js';
import { findValuePath, loadData, loadDataText, type LoadedData } from '../load/load-data.js';
import { findProjectRoot } from '../project/project-root.js';
import { loadConfig, type FontFileSpec, type ProjectConfig } from '../project/load-config.js';
import { findTemplateDir } from '../template/template-pack.js';
import { validateData } from '../validate/validate-data.js';
import type { CompiledTemplate } from '../render/render-template.js';
import { parseMarkup } from '../markup/parse-markup.js';
import type { MarkupElement } from '../markup/markup-tree.js';
import { loadStyle } from '../document/style.js';
import { buildDocument } from '../document/build-document.js';
import type { DocDefinition } from '../document/doc-definition.js';
import { paperSize } from '../document/page-size.js';
import type { PrintOptions } from '../document/print-options.js';
import { compiledTemplate } from './compiled-templates.js';
import { creationDate, dateForNames, documentDay } from './document-date.js';
import { hashInputs } from './input-hash.js';
import { outputPath, stemOf } from './output-pattern.js';
import type { CopyRequest, TypesetResult } from '../typeset/typeset-pdf.js';
import type { LostText } from '../typeset/audit/content-audit.js';

export interface BuildRequest {
  dataFile: string;
  /** The data itself, read from standard input (`build -`); `dataFile` then only names it. */
  dataText?: string;
  /** How to parse `dataText`. */
  dataFormat?: 'yaml' | 'json';
  /** Template name or folder; overrides the data's own `template:`. */
  template?: string;
  /** Output file, or a pattern with {stem} {date} {template}; default output/{stem}.pdf under the project root. */
  output?: string;
  /** Folder to look for briefing.config.* from, and that relative paths start from; default the current folder. */
  cwd?: string;
  /** Role → font files for this build, over the config's own. */
  fonts?: Record<string, FontFileSpec>;
  copyNumber?: string;
  /** Printed across every page, e.g. 张三 专用 on a recipient's copy. */
  watermark?: string;
  /** Missing glyphs are errors rather than warnings. */
  strict?: boolean;
  /** The input hash of the output's last build: equal inputs mean the build is skipped. */
  previousHash?: string;
  force?: boolean;
  /** Stop before typesetting: report what would be built (or skipped) and why. */
  dryRun?: boolean;
  /** Refuse a document longer than this (a runaway template); no PDF is written. */
  maxPages?: number;
  /** Print these numbered copies into one PDF, each starting on an odd page. */
  combineCopies?: { number: string; recipient?: string }[];
  /** Paper, PDF/A and print-shop options (document/print-options.ts). */
  print?: PrintOptions;
  /**
   * Which of the paths above came from briefing.config.yaml rather than from the user: the data
   * file (found by a job's glob) must then lie in the project, a template folder path in the
   * project or among briefing's own, and an output pattern must make a .pdf in the project.
   * Absent: the caller typed them (the command line, a program calling briefing).
   */
  fromConfig?: {
    data?: boolean;
    template?: boolean;
    output?: boolean;
    /** The config job they came from: where its line is, and its output pattern as written. */
    job?: { file: string; line?: number; output?: string };
  };
}

export interface Warning extends SourceLocation {
  code: ErrorCode;
  params: Record<string, string | number>;
  message: string;
}

export interface BuildResult {
  input: string;
  output: string;
  template: string;
  pages: number;
  bytes: number;
  ms: number;
  /** Every file the build read: data, CSV, template files, style, fonts, config. */
  inputs: string[];
  /** Content hash of the inputs (and briefing's version), for incremental builds. */
  hash: string;
  skipped: boolean;
  warnings: Warning[];
}

/** What the stages before typesetting produce; `validate` stops here. */
export interface PreparedDocument {
  loaded: LoadedData;
  projectRoot: string;
  config: ProjectConfig;
  template: CompiledTemplate;
  markup: MarkupElement;
  definition: DocDefinition;
  inputs: string[];
  output: string;
  /** Where `output` may be written: what the writer checks again when it writes. */
  outputRule: WriteRule;
  fonts: Record<string, FontFileSpec>;
  /** The host the document was read through. */
  host: Host;
}

/**
 * load → validate → render → markup → document. No fonts and no pdfkit are touched.
 * `writeCache: false` (validate) uses the project's .briefing-cache but never writes to it.
 * `host`: the host to read through; else one for the project, keeping what it reads in `caches`
 * (a batch's or a session's), or in caches of its own.
 */
export function prepareDocument(req: BuildRequest, { writeCache = true, host: given, caches }: { writeCache?: boolean; host?: Host; caches?: Caches } = {}): PreparedDocument {
  const cwd = req.cwd ?? process.cwd();
  const dataFile = resolve(cwd, req.dataFile);
  const { root, configFile } = findProjectRoot(cwd);
  const host = given ?? createHost({ projectRoot: root, caches });
  const config = loadConfig(configFile, host);
  const fromStdin = req.dataText !== undefined;
  // Data from standard input was read (and held to the data kind's size) by the CLI.
  const loaded = fromStdin ? loadDataText(dataFile, req.dataText!, req.dataFormat ?? 'yaml') : loadData(dataFile, { host, typed: !req.fromConfig?.data });
  const templateName = req.template ?? (typeof loaded.data.template === 'string' ? loaded.data.template : undefined);
  if (!templateName) throw new BriefingError('E_TEMPLATE_UNSET', {}, { file: dataFile });
  // -t is the user's own choice; a template named in the data or a config job is held to the project.
  const typedTemplate = !!req.template && !req.fromConfig?.template;
  const templateDir = atDataValue(loaded, req.template ? undefined : ['template'], () => findTemplateDir(templateName, host, { typed: typedTemplate, cwd }));
  // A project's own schema and template files are kept compiled in its .briefing-cache.
  const caching = { cacheDir: join(root, '.briefing-cache'), writeCache };
  const template = compiledTemplate(templateDir, caching, host);
  const pack = template.pack;
  const problems = validateData(loaded, pack.schemaFile, caching, host);
  if (problems.length) throw problems.length === 1 ? problems[0]! : new BriefingErrors(problems);
  const tables = attachTables(loaded, host);
  const { data, files: markdownFiles } = attachMarkdown(tables.data, loaded, host);
  const csvFiles = [...tables.files, ...markdownFiles]; // every file the data names: CSV and Markdown
  const markupText = template.render(withWrittenNumbers(data, loaded.written));
  const markup = parseMarkup(markupText, { file: pack.entry.file });
  const paper = req.print?.paper ? paperSize(req.print.paper, { flag: '--paper' }) : undefined;
  const sheet = loadStyle(pack.styleFile, { paper, host });
  const day = documentDay(loaded.data, pack.datePath);
  const { definition, files: imageFiles } = atDataValue(loaded, undefined, () => buildDocument(markup, sheet, {
    baseDir: dirname(dataFile),
    projectRoot: root,
    origin: `${pack.entry.file} (rendered markup)`,
    creationDate: creationDate(day, host),
    host,
    dataFile,
  }));
  const inputs = [dataFile, ...csvFiles, pack.entry.file, ...[...pack.partials.values()].map((p) => p.file), pack.schemaFile, pack.styleFile, ...imageFiles];
  if (configFile) inputs.push(configFile);
  const profile = outputProfileOf(req.print);
  if (profile) inputs.push(profile);
  const output = outputPath(req.output, { cwd, root, stem: stemOf(dataFile, fromStdin), template: pack.name, date: dateForNames(day, host.now()) });
  // Refused now, before any typesetting; the writer checks again when it writes.
  const job = req.fromConfig?.job;
  const outputRule: WriteRule = !req.output ? { origin: 'inside', root, pattern: 'output/{stem}.pdf' }
    : req.fromConfig?.output ? { origin: 'pattern', root, pattern: job?.output ?? req.output } : { origin: 'typed' };
  try {
    checkWriteTarget(output, outputRule);
  } catch (e) {
    // A job's pattern is fixed in the config, at the job's line.
    if (e instanceof BriefingError && outputRule.origin === 'pattern' && job) e.location = { file: job.file, line: job.line };
    throw e;
  }
  return { loaded, projectRoot: root, config, template, markup, definition, inputs, output, outputRule, fonts: { ...config.fonts, ...req.fonts }, host };
}

/** What a caller may learn of a build while it runs. */
export interface BuildHooks {
  /**
   * Every check has passed and the PDF is being written: what is left is the disk's (flush and
   * rename). A batch starts its next document then (orchestrate/run-batch.ts).
   */
  onWriting?: () => void;
}

/**
 * The whole pipeline for one data file, ending in an atomically written PDF (or a skip). `caches`:
 * the batch's or session's, so its documents share fonts, templates and set paragraphs; without
 * them the build keeps its own and closes them when it ends.
 */
export async function buildBriefing(req: BuildRequest, caches?: Caches, hooks: BuildHooks = {}): Promise<BuildResult> {
  if (caches) return buildWith(req, caches, hooks);
  const own = createCaches();
  try {
    return await buildWith(req, own, hooks);
  } finally {
    own.close();
  }
}

async function buildWith(req: BuildRequest, caches: Caches, hooks: BuildHooks): Promise<BuildResult> {
  const started = performance.now();
  const prepared = prepareDocument(req, { caches });
  const { loadFontSet } = await import('../typeset/font-set.js');
  const fonts = loadFontSet(prepared.fonts, prepared.host);
  const copies = copiesOf(req);
  const hash = hashInputs(prepared.inputs, fonts, { copies: JSON.stringify(copies), strict: req.strict, print: req.print }, prepared.host);
  const base = { input: prepared.loaded.file, output: prepared.output, template: prepared.template.pack.name, inputs: prepared.inputs, hash };
  const unchanged = !req.force && req.previousHash === hash && isRegularFile(prepared.output);
  if (unchanged || req.dryRun) {
    return { ...base, pages: 0, bytes: 0, ms: Math.round(performance.now() - started), skipped: unchanged, warnings: [] };
  }
  const { typesetPdf } = await import('../typeset/typeset-pdf.js');
  const profile = outputProfileOf(req.print);
  // Named in the output intent by its file name: the PDF carries no path of the machine that made it.
  const outputProfile = profile ? { file: profile, info: basename(profile), bytes: prepared.host.read('profile', profile, { shown: profile }) } : undefined;
  const result = await atDataText(prepared.loaded, () => typesetPdf(prepared.definition, fonts, {
    copies,
    checkPages: (pages) => checkPageLimit(req, prepared, pages, copies.length),
    caches: prepared.host.caches,
    ...(req.print ? { print: req.print } : {}),
    ...(outputProfile ? { outputProfile } : {}),
  }));
  return finishBuild(prepared, req, result, { ...base, started }, hooks);
}

/** The print shop's profile a CMYK build uses, when the config names one. */
function outputProfileOf(print: PrintOptions | undefined): string | undefined {
  return print?.color === 'cmyk' ? print.outputProfile : undefined;
}

/** Every copy this request prints into its PDF: one, or each of --copies N --combine. */
function copiesOf(req: BuildRequest): CopyRequest[] {
  if (!req.combineCopies?.length) return [{ ...(req.copyNumber !== undefined ? { copyNumber: req.copyNumber } : {}), ...(req.watermark ? { watermark: req.watermark } : {}) }];
  return req.combineCopies.map((c) => ({
    copyNumber: c.number,
    // Every copy carries the watermark; {name} (refused without a recipients list) is its recipient.
    ...(req.watermark ? { watermark: req.watermark.replaceAll('{name}', c.recipient ?? '') } : {}),
  }));
}

/**
 * The one end of every build that writes a PDF — single, batch, numbered or combined copies: the
 * page limit, the content audit, missing glyphs (errors under --strict, else warnings), then the
 * atomic write. Nothing is written unless every check passes.
 */
async function finishBuild(
  prepared: PreparedDocument, req: BuildRequest, result: TypesetResult,
  base: Omit<BuildResult, 'pages' | 'bytes' | 'ms' | 'skipped' | 'warnings'> & { started: number },
  hooks: BuildHooks,
): Promise<BuildResult> {
  const { started, ...entry } = base;
  const total = combinedPages(result.pages, Math.max(1, req.combineCopies?.length ?? 1));
  const lost = result.lost.map((l) => contentLostError(prepared.loaded, l));
  if (lost.length) throw lost.length === 1 ? lost[0]! : new BriefingErrors(lost);
  // Characters no font has, and in a tagged PDF pictures nobody described: errors under --strict.
  const missing = [...missingGlyphErrors(prepared.loaded, result.missing), ...(req.print?.tagged ? altTextErrors(prepared) : [])];
  if (req.strict && missing.length) throw missing.length === 1 ? missing[0]! : new BriefingErrors(missing);
  const { writeAtomicAsync } = await import('../output/write-atomic.js');
  const written = writeAtomicAsync(prepared.output, result.pdf, prepared.outputRule, prepared.host.caches);
  hooks.onWriting?.();
  await written;
  return {
    ...entry,
    inputs: [...prepared.inputs, ...result.fontFiles],
    pages: total,
    bytes: result.pdf.length,
    ms: Math.round(performance.now() - started),
    skipped: false,
    warnings: missing.map((e) => ({ code: e.code, params: e.params, message: e.message, ...e.location })),
  };
}

/** Pages of `copies` copies in one PDF: each but the last followed by an empty page when its count is odd. */
function combinedPages(pages: number, copies: number): number {
  return copies * (pages + (pages % 2)) - (pages % 2);
}

/** --max-pages, checked once one copy is laid out and before any copy is drawn. */
function checkPageLimit(req: BuildRequest, prepared: PreparedDocument, pages: number, copies: number): void {
  const total = combinedPages(pages, copies);
  if (!req.maxPages || total <= req.maxPages) return;
  const where = { file: prepared.loaded.file };
  if (copies > 1) throw new BriefingError('E_COPIES_MAX_PAGES', { copies, pages, total, max: req.maxPages }, where);
  throw new BriefingError('E_MAX_PAGES', { pages, max: req.maxPages }, where);
}

/** Where each missing character came from: the first data value that contains it. */
function missingGlyphErrors(loaded: LoadedData, missing: { char: string; codepoint: string }[]): BriefingError[] {
  return missing.map((m) => {
    const path = findValuePath(loaded.data, m.char, [], (v) => typeof v === 'string' && v.includes(m.char));
    const where = path ? { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) } : { file: loaded.file };
    return new BriefingError('E_MISSING_GLYPH', { char: m.char, codepoint: m.codepoint }, where);
  });
}

/** Pictures without alt text, each at the data value that named it (or where the markup placed it). */
function altTextErrors(prepared: PreparedDocument): BriefingError[] {
  return (prepared.definition.imagesWithoutAlt ?? []).map(({ path, where }) => {
    const at = findValuePath(prepared.loaded.data, path);
    const location = at ? { file: prepared.loaded.file, dataPath: formatDataPath(at), ...prepared.loaded.locate(at) } : where ?? { file: prepared.loaded.file };
    return new BriefingError('E_IMAGE_ALT', { path }, location);
  });
}

/** An error of the typeset stage about a text (params.probe) points at the data value holding it, if one does. */
async function atDataText<T>(loaded: LoadedData, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof BriefingError) || typeof e.params.probe !== 'string' || !e.params.probe) throw e;
    const probe = e.params.probe;
    const path = findValuePath(loaded.data, probe, [], (v) => typeof v === 'string' && v.includes(probe));
    if (path) e.location = { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) };
    throw e;
  }
}

/** A text the audit found short on the page, located at the data value it came from. */
function contentLostError(loaded: LoadedData, lost: LostText): BriefingError {
  const probe = lost.text.trim().slice(0, 24);
  const path = probe ? findValuePath(loaded.data, probe, [], (v) => typeof v === 'string' && v.includes(probe)) : undefined;
  const where = path ? { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) } : { file: loaded.file };
  const text = lost.text.length > 40 ? `${lost.text.slice(0, 40)}…` : lost.text;
  const what = lost.reason === 'clipped' ? 'a line that runs off the page' : 'a text';
  const whatZh = lost.reason === 'clipped' ? '超出页面的一行文字' : '一段文字';
  return new BriefingError('E_CONTENT_LOST', { text, what, whatZh }, where);
}

/** Errors about a file named in the data point at the data, where the user can fix them. */
const FILE_ERRORS: ReadonlySet<string> = new Set(['E_IMAGE_NOT_FOUND', 'E_IMAGE_INVALID', 'E_PATH_OUTSIDE_PROJECT', 'E_URL_NOT_ALLOWED', 'E_TEMPLATE_NOT_FOUND',
  'E_TEMPLATE_OUTSIDE', 'E_IMAGE_TOO_LARGE', 'E_IMAGE_DAMAGED', 'E_NOT_A_FILE', 'E_FILE_TOO_LARGE']);

function atDataValue<T>(loaded: LoadedData, knownPath: (string | number)[] | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof BriefingError) || !FILE_ERRORS.has(e.code)) throw e;
    const value = e.params.path ?? e.params.url ?? e.params.name;
    const path = knownPath ?? findValuePath(loaded.data, value);
    if (path) e.location = { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) };
    throw e;
  }
}
