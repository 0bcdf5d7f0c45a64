import { basename, dirname, extname, join, resolve } from 'node:path';
import { BriefingError, BriefingErrors, formatDataPath, type SourceLocation } from '../errors/briefing-error.js';
import type { ErrorCode } from '../errors/catalogue.js';
import { attachTables } from '../load/attach-tables.js';
import { findValuePath, loadData, type LoadedData } from '../load/load-data.js';
import { findProjectRoot } from '../project/project-root.js';
import { loadConfig, type ProjectConfig } from '../project/load-config.js';
import { findTemplateDir, loadTemplatePack } from '../template/template-pack.js';
import { validateData } from '../validate/validate-data.js';
import { compileTemplate, type CompiledTemplate } from '../render/render-template.js';
import { parseMarkup } from '../markup/parse-markup.js';
import type { MarkupElement } from '../markup/markup-tree.js';
import { loadStyle } from '../document/style.js';
import { buildDocument } from '../document/build-document.js';
import type { DocDefinition } from '../document/doc-definition.js';

export interface BuildRequest {
  dataFile: string;
  /** Template name or folder; overrides the data's own `template:`. */
  template?: string;
  /** Output file; default output/<stem>.pdf under the project root. */
  output?: string;
  /** Folder to look for briefing.config.* from; default the current folder. */
  cwd?: string;
  copyNumber?: string;
  /** Missing glyphs are errors rather than warnings. */
  strict?: boolean;
}

export interface Warning extends SourceLocation {
  code: ErrorCode;
  params: Record<string, string | number>;
  message: string;
}

export interface BuildResult {
  output: string;
  template: string;
  pages: number;
  bytes: number;
  ms: number;
  /** Every file the build read: data, CSV, template files, style, fonts, config. */
  inputs: string[];
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
}

const compiledTemplates = new Map<string, CompiledTemplate>();

/** load → validate → render → markup → document. No fonts and no pdfmake are touched. */
export function prepareDocument(req: BuildRequest): PreparedDocument {
  const dataFile = resolve(req.cwd ?? process.cwd(), req.dataFile);
  const { root, configFile } = findProjectRoot(req.cwd ?? process.cwd());
  const config = loadConfig(configFile);
  const loaded = loadData(dataFile);
  const templateName = req.template ?? (typeof loaded.data.template === 'string' ? loaded.data.template : undefined);
  if (!templateName) throw new BriefingError('E_TEMPLATE_UNSET', {}, { file: dataFile });
  const templateDir = atDataValue(loaded, req.template ? undefined : ['template'], () => findTemplateDir(templateName, root));
  let template = compiledTemplates.get(templateDir);
  if (!template) {
    template = compileTemplate(loadTemplatePack(templateDir));
    compiledTemplates.set(templateDir, template);
  }
  const pack = template.pack;
  const problems = validateData(loaded, pack.schemaFile);
  if (problems.length) throw problems.length === 1 ? problems[0]! : new BriefingErrors(problems);
  const { data, files: csvFiles } = attachTables(loaded, root);
  const markupText = template.render(data);
  const markup = parseMarkup(markupText, { file: pack.entry.file });
  const sheet = loadStyle(pack.styleFile);
  const { definition, files: imageFiles } = atDataValue(loaded, undefined, () => buildDocument(markup, sheet, {
    baseDir: dirname(dataFile),
    projectRoot: root,
    origin: `${pack.entry.file} (rendered markup)`,
    creationDate: creationDate(loaded.data, pack.datePath),
  }));
  const inputs = [dataFile, ...csvFiles, pack.entry.file, ...[...pack.partials.values()].map((p) => p.file), pack.schemaFile, pack.styleFile, ...imageFiles];
  if (configFile) inputs.push(configFile);
  return { loaded, projectRoot: root, config, template, markup, definition, inputs };
}

/** The whole pipeline for one data file, ending in an atomically written PDF. */
export async function buildBriefing(req: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const prepared = prepareDocument(req);
  const { typesetPdf } = await import('../typeset/typeset-pdf.js');
  const { loadFontSet } = await import('../typeset/font-set.js');
  const { writeAtomic } = await import('../output/write-atomic.js');
  const fonts = loadFontSet(prepared.config.fonts);
  const result = await typesetPdf(prepared.definition, fonts, { readableRoots: [prepared.projectRoot, dirname(prepared.loaded.file)], copyNumber: req.copyNumber });
  // Where each missing character came from: the first data value that contains it.
  const missing = result.missing.map((m) => {
    const path = findValuePath(prepared.loaded.data, m.char, [], (v) => typeof v === 'string' && v.includes(m.char));
    const where = path ? { file: prepared.loaded.file, dataPath: formatDataPath(path), ...prepared.loaded.locate(path) } : { file: prepared.loaded.file };
    return new BriefingError('E_MISSING_GLYPH', { char: m.char, codepoint: m.codepoint }, where);
  });
  if (req.strict && missing.length) throw missing.length === 1 ? missing[0]! : new BriefingErrors(missing);
  const warnings: Warning[] = missing.map((e) => ({ code: e.code, params: e.params, message: e.message, ...e.location }));
  const output = outputPath(req, prepared.projectRoot);
  writeAtomic(output, result.pdf);
  return {
    output,
    template: prepared.template.pack.name,
    pages: result.pages,
    bytes: result.pdf.length,
    ms: Math.round(performance.now() - started),
    inputs: [...prepared.inputs, ...result.fontFiles],
    warnings,
  };
}

/** Errors about a file named in the data point at the data, where the user can fix them. */
const FILE_ERRORS = new Set(['E_IMAGE_NOT_FOUND', 'E_IMAGE_INVALID', 'E_PATH_OUTSIDE_PROJECT', 'E_URL_NOT_ALLOWED', 'E_TEMPLATE_NOT_FOUND']);

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

export function outputPath(req: BuildRequest, projectRoot: string): string {
  if (req.output) return resolve(req.cwd ?? process.cwd(), req.output);
  return join(projectRoot, 'output', `${basename(req.dataFile, extname(req.dataFile))}.pdf`);
}

/** SOURCE_DATE_EPOCH, else the document's own date, else now: the same inputs give the same bytes. */
function creationDate(data: Record<string, unknown>, datePath: string | undefined): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const value = datePath?.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const parsed = typeof value === 'string' || value instanceof Date ? new Date(value) : undefined;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  return new Date();
}
