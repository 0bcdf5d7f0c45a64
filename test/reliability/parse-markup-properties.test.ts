import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { lineColumnAt, lineIndex } from '../../src/load/read-text.js';
import { textOf, type MarkupElement } from '../../src/markup/markup-tree.js';
import { parseMarkup } from '../../src/markup/parse-markup.js';
import { vocabulary } from '../../src/markup/vocabulary.js';

// A fixed seed keeps CI reproducible; FC_SEED=random (or a number) explores other inputs locally.
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20230821) });

/**
 * Whatever a template renders, parseMarkup ends in a tree or a BriefingError — never another
 * exception or a hang — and text escaped the way templates escape data comes back unchanged.
 */
const RUNS = 400;
const origin = { file: 'entry.hbs' };

function parse(markup: string): MarkupElement | BriefingError {
  try {
    const doc = parseMarkup(markup, origin);
    expect(doc.name).toBe('document');
    return doc;
  } catch (e) {
    if (e instanceof BriefingError) {
      expect(e.location.file ?? '').toContain('entry.hbs');
      return e;
    }
    throw e;
  }
}

const markupToken = fc.constantFrom(
  '<document>', '</document>', '<p>', '</p>', '<table>', '<tr>', '<td>', '</td>', '</tr>', '</table>', '<br/>', '<page-break/>',
  '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x>', '&amp;', '&nbsp;', '&#0;', '&#xD800;', '&#x110000;',
  '&', '<', '>', '/', '"', "'", '=', ' ', '\n', '甲', 'x', '<p align="', '<span font=', '<constructor>', '<__proto__/>',
  '<p toString="1">', '<kpis><kpi value="1"/></kpis>', '{{x}}', '\u0000', '\uFFFF',
);

/** Element and attribute names: every known one, plus unknown ones and Object.prototype's members. */
const known = Object.keys(vocabulary);
const elementName = fc.oneof(fc.constantFrom(...known), fc.constantFrom('tabel', 'div', 'script', 'constructor', '__proto__', 'toString', 'x-y', 'P'));
const attrName = fc.oneof(
  fc.constantFrom(...new Set(Object.values(vocabulary).flatMap((v) => Object.keys(v.attrs)))),
  fc.constantFrom('colour', 'constructor', 'hasOwnProperty', 'valueOf', 'on-click'),
);
const attrValue = fc.oneof(fc.constantFrom('', 'true', '40mm', '50%', '3', 'center', 'cjk', 'a,b', 'NaN', '-1', '1e999'), fc.string({ maxLength: 12 }));
const text = fc.string({ unit: 'binary', maxLength: 20 });

type Tree = { name: string; attrs: [string, string][]; children: (Tree | string)[] };
const { tree } = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
  tree: fc.record({
    name: elementName,
    attrs: fc.array(fc.tuple(attrName, attrValue), { maxLength: 3 }),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('tree')),
}));

const escape = (s: string) => Handlebars.Utils.escapeExpression(s);
function serialize(node: Tree | string): string {
  if (typeof node === 'string') return escape(node);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  return node.children.length ? `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>` : `<${node.name}${attrs}/>`;
}

describe('parseMarkup on arbitrary input', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => void parse(s)), { numRuns: RUNS });
  }, 60_000);

  it('markup token soup, with and without a <document> around it', () => {
    fc.assert(fc.property(fc.array(markupToken, { maxLength: 60 }), fc.boolean(), (parts, wrap) => {
      const body = parts.join('');
      parse(wrap ? `<document>${body}</document>` : body);
    }), { numRuns: RUNS });
  }, 60_000);

  it('trees of known and unknown elements and attributes, serialized', () => {
    fc.assert(fc.property(fc.array(tree, { maxLength: 4 }), (children) => {
      parse(serialize({ name: 'document', attrs: [], children }));
    }), { numRuns: RUNS });
  }, 60_000);

  it('gives back, character for character, any text escaped as templates escape data', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 5 }), (texts) => {
      const markup = `<document>\n${texts.map((t) => `<p>${escape(t)}</p>`).join('\n')}\n</document>`;
      const doc = parse(markup);
      expect(doc).not.toBeInstanceOf(BriefingError);
      const paragraphs = (doc as MarkupElement).children.filter((c) => c.kind === 'element');
      expect(paragraphs.map(textOf)).toEqual(texts);
    }), { numRuns: RUNS });
  }, 60_000);

  it('places elements by a line index that agrees with counting from the start', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '甲'), maxLength: 60 }), (s) => {
      const at = lineIndex(s);
      for (let offset = 0; offset <= s.length; offset++) expect(at(offset)).toEqual(lineColumnAt(s, offset));
    }), { numRuns: RUNS });
  });
});
