import Handlebars from './handlebars.js';
import { BriefingError } from '../errors/briefing-error.js';
import type { TemplatePack } from '../template/template-pack.js';
import { checkTemplatePackOnce } from './check-template.js';
import { builtinHelpers } from './helpers.js';
import { templateFunction, type TemplateCacheOptions } from './template-specs.js';

const HANDLEBARS_BUILTINS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];

/** Every helper a template may call: Handlebars' own and briefing's. */
export function templateHelperNames(): Set<string> {
  return new Set([...HANDLEBARS_BUILTINS, ...Object.keys(builtinHelpers)]);
}

/** A template pack compiled once, renderable many times (batch builds reuse it). */
export interface CompiledTemplate {
  pack: TemplatePack;
  render(data: Record<string, unknown>): string;
}

/** `opts.cacheDir` (the project's .briefing-cache) keeps a project's own template files compiled between runs. */
export function compileTemplate(pack: TemplatePack, opts: TemplateCacheOptions = {}): CompiledTemplate {
  const env = Handlebars.create();
  env.registerHelper(builtinHelpers as Record<string, Handlebars.HelperDelegate>);
  checkTemplatePackOnce(pack, templateHelperNames());

  for (const [name, { file, source }] of pack.partials) {
    env.registerPartial(name, withFile(templateFunction(env, source, opts), file));
  }
  const entry = withFile(templateFunction(env, pack.entry.source, opts), pack.entry.file);
  return {
    pack,
    render(data) {
      try {
        return entry(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw toRenderError(e, pack);
      }
    },
  };
}

/** Handlebars names only the last segment (`subject`); the template source has the whole path. */
function fullPath(pack: TemplatePack, file: string, line: number | undefined, segment: string): string {
  const source = file === pack.entry.file ? pack.entry.source : [...pack.partials.values()].find((p) => p.file === file)?.source;
  const text = line ? source?.split('\n')[line - 1] : undefined;
  const match = text?.match(new RegExp(`[\\w.@/$-]*\\b${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
  return match?.[0] ?? segment;
}

/** Remember which template file a runtime exception came from; the innermost partial wins. */
function withFile(fn: Handlebars.TemplateDelegate, file: string): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return fn(context, options);
    } catch (e) {
      if (e && typeof e === 'object' && !('templateFile' in e)) Object.assign(e, { templateFile: file });
      throw e;
    }
  };
}

function toRenderError(e: unknown, pack: TemplatePack): BriefingError {
  if (e instanceof BriefingError) return e;
  const err = e as Error & { templateFile?: string; lineNumber?: number; column?: number; messageZh?: string };
  const file = err.templateFile ?? pack.entry.file;
  const at = { file, line: err.lineNumber, column: err.column === undefined ? undefined : err.column + 1 };
  const missing = /^"(.+)" not defined in/.exec(err.message);
  if (missing) return new BriefingError('E_TEMPLATE_MISSING_FIELD', { field: fullPath(pack, file, at.line, missing[1]!) }, at);
  const partial = /The partial (.+) could not be found/.exec(err.message);
  if (partial) return new BriefingError('E_PARTIAL_MISSING', { name: partial[1]!, known: '', knownZh: '' }, at);
  const reason = err.message.split('\n')[0]!;
  // Handlebars' own runtime messages are quoted as they are; our helpers say theirs in Chinese.
  return new BriefingError('E_TEMPLATE_RENDER', { reason, reasonZh: err.messageZh ?? `运行出错（原文：“${reason}”）` }, at);
}
