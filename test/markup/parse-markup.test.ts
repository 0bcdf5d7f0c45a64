import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { parseMarkup } from '../../src/markup/parse-markup.js';
import { textOf, type MarkupElement } from '../../src/markup/markup-tree.js';

const origin = { file: 'entry.hbs' };

function failure(markup: string): BriefingError {
  try {
    parseMarkup(markup, origin);
  } catch (e) {
    if (e instanceof BriefingError) return e;
    throw e;
  }
  throw new Error('expected a BriefingError');
}

describe('parseMarkup', () => {
  it('builds a tree with positions and decodes entities once', () => {
    const doc = parseMarkup('<document title="a&#x3D;b">\n<p>甲 &amp;lt; <strong>乙</strong></p>\n<page-break/>\n</document>', origin);
    expect(doc.attrs.title).toBe('a=b');
    const p = doc.children.find((c) => c.kind === 'element' && c.name === 'p') as MarkupElement;
    expect(p.at.line).toBe(2);
    expect(textOf(p)).toBe('甲 &lt; 乙');
    expect(doc.children.some((c) => c.kind === 'element' && c.name === 'page-break')).toBe(true);
  });

  it('refuses unknown elements with a suggestion and the line', () => {
    const e = failure('<document>\n\n<tabel></tabel></document>');
    expect(e.code).toBe('E_MARKUP_UNKNOWN_ELEMENT');
    expect(e.location.line).toBe(3);
    expect(e.hintIn('en')).toContain('did you mean <table>?');
  });

  it('refuses unknown attributes, bad values, misplaced elements and unclosed tags', () => {
    expect(failure('<document><p colour="red">x</p></document>').code).toBe('E_MARKUP_UNKNOWN_ATTRIBUTE');
    expect(failure('<document><kpis><kpi rate="many"/></kpis></document>').code).toBe('E_MARKUP_ATTRIBUTE_VALUE');
    expect(failure('<document><kpi value="1"/></document>').code).toBe('E_MARKUP_NESTING');
    expect(failure('<document><td>x</td></document>').code).toBe('E_MARKUP_NESTING');
    expect(failure('<document>loose text</document>').code).toBe('E_MARKUP_NESTING');
    expect(failure('<document><p>x</document>').code).toBe('E_MARKUP_SYNTAX');
    expect(failure('<p>x</p>').code).toBe('E_MARKUP_NESTING');
  });
});
