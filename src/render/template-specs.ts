import { createHash } from 'node:crypto';
import { cacheSlot, type Caches } from '../host/caches.js';
import { evaluateModule, loadCachedModule, saveCachedModule } from '../project/code-cache.js';
import { precompiledModule } from '../project/precompiled-code.js';
import Handlebars, { handlebarsCompiler, type HandlebarsRuntime } from './handlebars.js';

/**
 * How every template file is compiled: strict (a missing field is an error), partials not
 * re-indented. Frozen, and handed to Handlebars as a copy: precompile() writes its working state
 * (data, knownHelpers, blockParams) into the options object it is given.
 */
export const COMPILE_OPTIONS = Object.freeze({ strict: true, preventIndent: true } as const);
const compileOptions = () => ({ ...COMPILE_OPTIONS });

/** Where compiled templates are kept, precompiled with briefing or cached in a project. */
export const TEMPLATES = 'templates';

export interface TemplateCacheOptions {
  /** The project's .briefing-cache folder: where a project's own templates are kept compiled. */
  cacheDir?: string;
  /** False: use the cache but never write it (`briefing validate` writes nothing). */
  writeCache?: boolean;
  /** The host's caches, where compiled forms are kept for the next pack and rebuild; default none. */
  caches?: Caches;
}

/** A template file's compiled form is found by its text, Handlebars' version and the options. */
export function templateKey(source: string): string {
  return createHash('sha256')
    .update(`handlebars ${Handlebars.VERSION}\n${JSON.stringify(COMPILE_OPTIONS)}\n${source}`)
    .digest('hex')
    .slice(0, 40);
}

/** Handlebars' precompiled form of a template file as a CommonJS module; throws what Handlebars throws. */
export function templateModuleSource(source: string): string {
  // Handlebars types precompile's result as a TemplateSpecification; what it returns is that spec's JavaScript source.
  const spec = handlebarsCompiler().precompile(source, compileOptions()) as unknown as string;
  return `module.exports = ${spec};\n`;
}

/** Compiled forms the caches have, by key: a rebuild in `watch` recompiles only the file that changed. */
const TEMPLATE_SPECS = cacheSlot('compiled template files', () => new Map<string, TemplateSpecification>());
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/**
 * A template file as a function in `env`. Compiling is most of a cold start's Handlebars time, so
 * the compiled form is taken, in order, from the caches, from briefing's build (bundled
 * templates), from the project's cache, and only then made (and cached). Made exactly as
 * `env.compile` would make it; if Handlebars cannot compile the file, the function throws what
 * compiling threw, at render time, where `env.compile`'s error has always come.
 */
export function templateFunction(env: ReturnType<HandlebarsRuntime['create']>, source: string, opts: TemplateCacheOptions = {}): Handlebars.TemplateDelegate {
  const key = templateKey(source);
  const specs = opts.caches?.get(TEMPLATE_SPECS);
  let spec = specs?.get(key)
    ?? precompiledModule<TemplateSpecification>(TEMPLATES, key)
    ?? (opts.cacheDir ? loadCachedModule<TemplateSpecification>(opts.cacheDir, TEMPLATES, key) : undefined);
  if (!spec) {
    let moduleSource: string;
    try {
      moduleSource = templateModuleSource(source);
    } catch (e) {
      return () => {
        throw e;
      };
    }
    spec = evaluateModule<TemplateSpecification>(moduleSource);
    if (opts.cacheDir && opts.writeCache !== false) saveCachedModule(opts.cacheDir, TEMPLATES, key, moduleSource);
  }
  specs?.set(key, spec);
  return env.template(spec);
}
