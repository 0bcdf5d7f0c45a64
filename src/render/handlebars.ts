import { createRequire } from 'node:module';

/**
 * Handlebars from its one-file build (dist/handlebars.js): the same compiler and runtime, same
 * version, as the package's main entry, which instead loads some 45 files (among them the
 * source-map library, needed only for source-map output, which briefing never asks for) and
 * registers a require() hook for .hbs files. A third of the load time on every cold start.
 */
const Handlebars = createRequire(import.meta.url)('handlebars/dist/handlebars.js') as typeof import('handlebars');

export default Handlebars;
