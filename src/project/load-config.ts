import { dirname, extname, resolve } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import { FONT_EXTENSIONS } from '../host/host.js';
import { fileStamp } from '../host/gate.js';
import { cacheSlot } from '../host/caches.js';
import { createHost, type Host } from '../host/host.js';
import { loadSettings } from '../validate/load-settings.js';
import { parseBleed, parseColorMode, parseMarks, type PrintOptions } from '../document/print-options.js';
import { KNOWN_PAPER, KNOWN_PAPER_ZH, parsePaperSize } from '../document/page-size.js';

/** A role's font files as the user names them: regular and optional bold, TTC as [file, name]. */
export interface FontFileSpec {
  normal: string | [string, string];
  bold?: string | [string, string];
}

/** One line of the config's jobs: data files (globs) × template → output pattern. */
export interface JobSpec {
  data: string[];
  template?: string;
  /** e.g. output/{stem}.pdf; {stem}, {date}, {template} are filled per document. */
  output?: string;
  fonts: Record<string, FontFileSpec>;
  /** Paper, PDF/A, tagging and print-shop options for this job's documents, over the config's own `print:`. */
  print: PrintOptions;
  /** Where the job is written, for messages. */
  line?: number;
  /** Where its output pattern is written. */
  outputLine?: number;
}

export interface ProjectConfig {
  file?: string;
  /** Role → the office's own font files (absolute paths), overriding the bundled ones. */
  fonts: Record<string, FontFileSpec>;
  /** `print:` — paper, PDF/A, tagging and print-shop options for every document (the command line's flags win). */
  print: PrintOptions;
  jobs: JobSpec[];
}

const fontFile = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 }] };
const fontsSchema = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string' },
      { type: 'object', additionalProperties: false, required: ['normal'], properties: { normal: fontFile, bold: fontFile } },
    ],
  },
};
/** The command line's print flags, as a config says them: `bleed: 3mm`, `marks: [crop, registration]`, `color: cmyk`. */
const printSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    paper: { type: 'string' },
    pdfa: { type: 'boolean' },
    tagged: { type: 'boolean' },
    bleed: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    marks: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    color: { enum: ['rgb', 'cmyk'] },
    outputProfile: { type: 'string' },
  },
};
/** A print shop's ICC profile is embedded whole: only a file named as one is read. */
const PROFILE_EXTENSIONS: ReadonlySet<string> = new Set(['.icc', '.icm']);
type RawPrint = Omit<PrintOptions, 'bleed' | 'marks'> & { bleed?: number | string; marks?: string | string[] };
const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fonts: fontsSchema,
    print: printSchema,
    jobs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['data'],
        properties: {
          data: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
          template: { type: 'string' },
          output: { type: 'string' },
          fonts: fontsSchema,
          print: printSchema,
        },
      },
    },
  },
};

/** The last config read per file, with the file's size and time then: every document of a batch asks. */
const CONFIGS = cacheSlot('project configs', () => new Map<string, { stamp: string; config: ProjectConfig }>());

/**
 * Read briefing.config.{yaml,json}. Mistakes are reported at their line, like data errors. Read
 * once per host's caches while the file is unchanged (`watch` sees an edit by its size or time);
 * without a host, through one of its own around the file's folder.
 */
export function loadConfig(file: string | undefined, host?: Host): ProjectConfig {
  if (!file) return { fonts: {}, print: {}, jobs: [] };
  host ??= createHost({ projectRoot: dirname(file) });
  const loadedConfigs = host.caches.get(CONFIGS);
  // Missing (undefined): readConfig reports it as it always has.
  const stamp = fileStamp(file);
  const known = loadedConfigs.get(file);
  if (known && known.stamp === stamp) return known.config;
  const config = readConfig(file, host);
  if (stamp !== undefined) loadedConfigs.set(file, { stamp, config });
  return config;
}

function readConfig(file: string, host: Host): ProjectConfig {
  const loaded = loadSettings(file, configSchema, 'E_CONFIG', host);
  const raw = loaded.data as { fonts?: Record<string, unknown>; print?: RawPrint; jobs?: { data: string | string[]; template?: string; output?: string; fonts?: Record<string, unknown>; print?: RawPrint }[] };
  const base = dirname(file);
  const checkPaper = (print: RawPrint | undefined, path: (string | number)[]) => {
    if (print?.paper === undefined || parsePaperSize(print.paper)) return;
    const key = [...path, 'paper'].join('.');
    const reason = `${key}: unknown paper "${print.paper}" (known: ${KNOWN_PAPER.join(', ')})`;
    const reasonZh = `${key}：未知的纸张“${print.paper}”（可用：${KNOWN_PAPER_ZH.join('、')}）`;
    throw new BriefingError('E_CONFIG', { reason, reasonZh }, { file, ...loaded.locate([...path, 'paper']) });
  };
  checkPaper(raw.print, ['print']);
  raw.jobs?.forEach((job, i) => checkPaper(job.print, ['jobs', i, 'print']));
  /** The print options as a build takes them: the bleed in pt, marks as a list, the profile's path from the config's folder. */
  const printOf = (print: RawPrint | undefined, path: (string | number)[]): PrintOptions => {
    if (!print) return {};
    /** A value refused at its key and line, in the words parse* used for the flag (the key replacing it). */
    const at = (key: string, e: unknown): never => {
      const name = [...path, key].join('.');
      const words = (text: unknown) => String(text ?? '').replace(/^print\.\w+[ ：]?/, '');
      const [en, zh] = e instanceof BriefingError ? [words(e.params.detail), words(e.params.detailZh ?? e.params.detail)] : [String(e), String(e)];
      throw new BriefingError('E_CONFIG', { reason: `${name}: ${en}`, reasonZh: `${name}：${zh}` }, { file, ...loaded.locate([...path, key]) });
    };
    const { bleed, marks, outputProfile, ...rest } = print;
    const out: PrintOptions = { ...rest };
    try {
      if (bleed !== undefined) out.bleed = parseBleed(String(bleed), 'print.bleed');
    } catch (e) {
      at('bleed', e);
    }
    try {
      if (marks !== undefined) out.marks = parseMarks(Array.isArray(marks) ? marks.join(',') : marks, 'print.marks');
    } catch (e) {
      at('marks', e);
    }
    if (print.color !== undefined) out.color = parseColorMode(print.color);
    if (outputProfile !== undefined) {
      if (!PROFILE_EXTENSIONS.has(extname(outputProfile).toLowerCase())) {
        at('outputProfile', new BriefingError('E_USAGE', { detail: `"${outputProfile}" is not an ICC profile (.icc or .icm)`, detailZh: `“${outputProfile}”不是 ICC 色彩特性文件（.icc 或 .icm）` }));
      }
      out.outputProfile = resolve(base, outputProfile);
    }
    return out;
  };
  const fontsAt = (path: (string | number)[]) => (role: string, written: string) => {
    // Said here, at its line, rather than when a build first opens the file.
    if (!FONT_EXTENSIONS.has(extname(written).toLowerCase())) {
      throw new BriefingError('E_FONT_FILE_TYPE', { role, path: written }, { file, ...loaded.locate([...path, role]) });
    }
  };
  return {
    file,
    fonts: resolveFonts(raw.fonts ?? {}, base, fontsAt(['fonts'])),
    print: printOf(raw.print, ['print']),
    jobs: (raw.jobs ?? []).map((job, i) => ({
      data: Array.isArray(job.data) ? job.data : [job.data],
      template: job.template,
      output: job.output,
      fonts: resolveFonts(job.fonts ?? {}, base, fontsAt(['jobs', i, 'fonts'])),
      print: printOf(job.print, ['jobs', i, 'print']),
      line: loaded.locate(['jobs', i])?.line,
      outputLine: job.output === undefined ? undefined : loaded.locate(['jobs', i, 'output'])?.line,
    })),
  };
}

/**
 * Font paths in the config are relative to the config file; they may point anywhere (an office's
 * fonts live in C:/Windows/Fonts), but must name a font file (docs/security.md).
 */
function resolveFonts(fonts: Record<string, unknown>, base: string, check: (role: string, written: string) => void): Record<string, FontFileSpec> {
  const out: Record<string, FontFileSpec> = {};
  for (const [role, spec] of Object.entries(fonts)) {
    const abs = (f: string | string[]): string | [string, string] => {
      check(role, Array.isArray(f) ? f[0]! : f);
      return Array.isArray(f) ? [resolve(base, f[0]!), f[1]!] : resolve(base, f);
    };
    if (typeof spec === 'string') out[role] = { normal: abs(spec) };
    else {
      const s = spec as { normal: string | string[]; bold?: string | string[] };
      out[role] = { normal: abs(s.normal), ...(s.bold ? { bold: abs(s.bold) } : {}) };
    }
  }
  return out;
}
