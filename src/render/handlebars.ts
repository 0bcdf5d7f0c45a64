import { createRequire } from 'node:module';

type FullHandlebars = typeof import('handlebars');
/** What the runtime build has: no compiler, and environments whose compile() does not exist. */
export type HandlebarsRuntime = Omit<FullHandlebars, 'compile' | 'precompile' | 'parse' | 'parseWithoutProcessing' | 'create'> & {
  create(): Omit<FullHandlebars, 'compile' | 'precompile' | 'parse' | 'parseWithoutProcessing'>;
};

const require = createRequire(import.meta.url);

/**
 * Handlebars' runtime alone (dist/handlebars.runtime.js, a third of the one-file build): all that
 * rendering a compiled template needs. Bundled templates come compiled with briefing, and a
 * project's own are kept compiled in its .briefing-cache, so most builds never load the compiler:
 * about 7 ms of a cold start.
 */
const Handlebars = require('handlebars/dist/handlebars.runtime.js') as HandlebarsRuntime;

export default Handlebars;

/**
 * The one-file build with the compiler (dist/handlebars.js: the same version, and the same
 * compiler as the package's main entry, which instead loads some 45 files, among them the
 * source-map library briefing never asks for), loaded when a template file has to be compiled or
 * checked. Its compiled forms run in the runtime's environments.
 */
export function handlebarsCompiler(): FullHandlebars {
  return require('handlebars/dist/handlebars.js') as FullHandlebars;
}
