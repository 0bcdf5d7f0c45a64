import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Htmlparser2 = typeof import('htmlparser2');

const require = createRequire(import.meta.url);

/**
 * htmlparser2's Parser class on its own. The package entry also loads domhandler, domutils and
 * dom-serializer (with a second copy of entities and its tables), some 40 ms of a cold start that
 * only a chart's SVG needs (htmlparser2()). The package exports no path to Parser alone, so it is
 * required by file from next to the entry, from the CommonJS build, which Node 20 can code-cache
 * (orchestrate/cjs-code-cache.ts). Should a release move the file, the entry is used as before.
 */
export function htmlParser(): Htmlparser2['Parser'] {
  try {
    const { Parser } = require(join(dirname(require.resolve('htmlparser2')), 'Parser.js')) as Partial<Htmlparser2>;
    if (typeof Parser === 'function') return Parser;
  } catch {
    // Moved or renamed in some release: the entry has it.
  }
  return htmlparser2().Parser;
}

/** The whole package, loaded on first use (charts). */
export function htmlparser2(): Htmlparser2 {
  return require('htmlparser2') as Htmlparser2;
}
