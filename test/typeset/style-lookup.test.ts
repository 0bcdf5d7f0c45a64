import fc from 'fast-check';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPdfmakePatches } from '../../src/typeset/pdfmake-patches.js';
import { stackProperty, styleProperty, type StyleStack } from '../../src/typeset/style-lookup.js';
import { repoRoot } from '../helpers/run-cli.js';

const require = createRequire(join(repoRoot, 'node_modules/pdfmake/js/index.js'));

interface PdfmakeStack extends StyleStack {
  push(entry: unknown): void;
  getProperty(property: string): unknown;
}
interface PdfmakeStackClass {
  new (dictionary: StyleStack['styleDictionary'], defaultStyle?: Record<string, unknown>): PdfmakeStack;
  getStyleProperty(item: unknown, stack: PdfmakeStack | undefined, property: string, defaultValue: unknown): unknown;
}

/** pdfmake's own StyleContextStack, loaded apart from the patched one the process uses. */
function unpatchedStyleContextStack(): PdfmakeStackClass {
  const path = require.resolve('pdfmake/js/StyleContextStack.js');
  const patched = require.cache[path];
  delete require.cache[path];
  try {
    return (require(path) as { default: PdfmakeStackClass }).default;
  } finally {
    require.cache[path] = patched;
  }
}

const PROPS = ['font', 'fontSize', 'bold', 'color', 'margin'];
const NAMES = ['a', 'b', 'c', 'd'];
const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(0), fc.constant(false), fc.constant(''), fc.integer({ min: 1, max: 9 }));
const overrides = fc.dictionary(fc.constantFrom(...PROPS), value, { maxKeys: 3 });
const styleNames = fc.oneof(fc.constant(undefined), fc.constantFrom(...NAMES), fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }));
// Named styles that may extend each other, cycles included.
const dictionary = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.record({ props: overrides, extends: styleNames }).map(({ props, extends: ext }) => (ext === undefined ? props : { ...props, extends: ext })),
);
const entry = fc.oneof(fc.constantFrom(...NAMES, 'missing'), overrides);
const item = fc.oneof(
  fc.constant('plain text'),
  fc.record({ own: overrides, style: styleNames, section: fc.boolean() }).map(({ own, style, section }) => ({ ...own, ...(style === undefined ? {} : { style }), ...(section ? { section: 'x' } : {}) })),
);

describe('style lookups', () => {
  it('answer as pdfmake does, for any stack, named styles (extends and cycles too) and item', () => {
    const Original = unpatchedStyleContextStack();
    fc.assert(
      fc.property(dictionary, fc.option(overrides, { nil: undefined }), fc.array(entry, { maxLength: 5 }), item, fc.constantFrom(...PROPS), (dict, defaults, stackEntries, it, prop) => {
        const stack = new Original(dict as StyleStack['styleDictionary'], defaults);
        for (const e of stackEntries) stack.push(e);
        expect(stackProperty(stack, prop)).toEqual(stack.getProperty(prop));
        const copy = typeof it === 'string' ? it : { ...it };
        expect(styleProperty(copy, stack, prop, 'default')).toEqual(Original.getStyleProperty(it, stack, prop, 'default'));
        expect(styleProperty(copy, undefined, prop, 'default')).toEqual(Original.getStyleProperty(it, undefined, prop, 'default'));
        // pdfmake's answer leaves the stack as it found it; so does ours, which never touches it.
        expect(stack.styleOverrides).toEqual(stackEntries);
      }),
      { numRuns: 3000 },
    );
  });

  it('follow the stack as pdfmake pushes, pops and clones it', () => {
    const Original = unpatchedStyleContextStack();
    applyPdfmakePatches();
    const Patched = (require('pdfmake/js/StyleContextStack.js') as { default: PdfmakeStackClass & { prototype: { pop(n?: number): void } } }).default;
    const op = fc.oneof(
      entry.map((e) => ({ push: e })),
      fc.integer({ min: 0, max: 2 }).map((n) => ({ pop: n })),
      fc.constantFrom(...PROPS).map((p) => ({ ask: p })),
      fc.constant({ clone: true }),
    );
    fc.assert(
      fc.property(dictionary, overrides, fc.array(op, { maxLength: 30 }), (dict, defaults, ops) => {
        let theirs = new Original(dict as StyleStack['styleDictionary'], defaults) as PdfmakeStack & { pop(n?: number): void; clone(): PdfmakeStack };
        let ours = new Patched(dict as StyleStack['styleDictionary'], defaults) as PdfmakeStack & { pop(n?: number): void; clone(): PdfmakeStack };
        for (const o of ops) {
          if ('push' in o) (theirs.push(o.push), ours.push(o.push));
          else if ('pop' in o) (theirs.pop(o.pop), ours.pop(o.pop));
          else if ('clone' in o) ((theirs = theirs.clone() as typeof theirs), (ours = ours.clone() as typeof ours));
          else expect(ours.getProperty(o.ask)).toEqual(theirs.getProperty(o.ask));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('are what pdfmake uses once patched', () => {
    applyPdfmakePatches();
    const Patched = (require('pdfmake/js/StyleContextStack.js') as { default: PdfmakeStackClass }).default;
    expect(Patched.getStyleProperty).toBe(styleProperty);
    const stack = new Patched({ head: { bold: true, extends: 'body' }, body: { font: 'serif' } }, { fontSize: 12 });
    stack.push('head');
    expect([stack.getProperty('font'), stack.getProperty('bold'), stack.getProperty('fontSize')]).toEqual(['serif', true, 12]);
  });
});
