import { describe, expect, it } from 'vitest';
import type { Inline } from '../../src/document/doc-definition.js';
import { applyFontFallback } from '../../src/typeset/font-fallback.js';
import { loadFontSet } from '../../src/typeset/font-set.js';

const run = (text: string, font: string, bold = false): Inline => ({ text, font, fontSize: 16, bold, leading: 1.5 });

/** Which font role and weight each character ended up in. */
function placed(runs: Inline[], fonts = loadFontSet()): { text: string; font: string; bold: boolean }[] {
  const node = { text: runs };
  const result = applyFontFallback([node], fonts);
  expect(result.missing).toEqual([]);
  return node.text.map((r) => ({ text: r.text, font: r.font, bold: !!r.bold }));
}

describe('applyFontFallback', () => {
  const fonts = loadFontSet();

  it('keeps text a role covers in one run', () => {
    expect(placed([run('二七区“双轮驱动”186.6亿元', 'serif')], fonts)).toEqual([{ text: '二七区“双轮驱动”186.6亿元', font: 'serif', bold: false }]);
  });

  it('keeps Extension B–G name characters in the role’s own Noto face', () => {
    for (const role of ['serif', 'sans']) {
      expect(placed([run('吉𠮷祥𡈼𬀩𰻝', role)], fonts)).toEqual([{ text: '吉𠮷祥𡈼𬀩𰻝', font: role, bold: false }]);
    }
  });

  it('sets an Extension B character Noto lacks in the wide-coverage fallback', () => {
    const out = placed([run('吉\u{20001}祥', 'serif')], fonts);
    expect(out.map((r) => r.text)).toEqual(['吉', '\u{20001}', '祥']);
    expect(out[1]!.font).toMatch(/^fallback/);
    expect(fonts.roles.get(out[1]!.font)!.normal.coverage().has(0x20001)).toBe(true);
  });

  it('borrows within the style first: 仿宋 lacks 堃 and 𬀩, 宋 has them (before 楷)', () => {
    const out = placed([run('王堃同志，韦𬀩', 'fangsong')], fonts);
    expect(out.map((r) => [r.text, r.font])).toEqual([['王', 'fangsong'], ['堃', 'serif'], ['同志，韦', 'fangsong'], ['𬀩', 'serif']]);
    expect(fonts.chain('fangsong').slice(0, 3)).toEqual(['fangsong', 'serif', 'kai']);
  });

  it('takes a rare character in bold text from the same role’s regular face', () => {
    const out = placed([run('张喆发言', 'sans', true)], fonts);
    expect(out).toEqual([
      { text: '张', font: 'sans', bold: true },
      { text: '喆', font: 'sans', bold: false },
      { text: '发言', font: 'sans', bold: true },
    ]);
  });

  it('prints every rare name character with a real glyph', () => {
    const node = { text: [run('堃喆玥燊犇淼翀䶮𠮷𡈼', 'serif')] };
    expect(applyFontFallback([node], fonts).missing).toEqual([]);
  });

  it('reports a character no font has, once, with its code point', () => {
    const node = { text: [run('甲\u{E000}乙\u{E000}', 'serif')] };
    const { missing } = applyFontFallback([node], fonts);
    expect(missing).toEqual([{ char: '\u{E000}', codepoint: 'U+E000', context: '甲\u{E000}乙\u{E000}' }]);
  });

  it('keeps the leading of the run on every piece, so a fallback font does not change the line pitch', () => {
    const node = { text: [run('二\u{20001}', 'serif')] };
    applyFontFallback([node], fonts);
    expect(node.text[0]!.font).toBe('serif');
    expect(node.text[1]!.font).toMatch(/^fallback/); // 𠀁 is in no role's own font
    expect(node.text.map((r) => r.leading)).toEqual([1.5, 1.5]);
  });

  it('refuses an unknown role by name', () => {
    expect(() => applyFontFallback([{ text: [run('字', 'songti')] }], fonts)).toThrow(/font role "songti" is not defined/);
  });
});

describe('quotation marks in Chinese text', () => {
  it('come from a role that draws them on a full em when the role’s own face draws them narrow', () => {
    const fonts = loadFontSet();
    const node = { text: [run('打造“安居”工程', 'kai')] };
    applyFontFallback([node], fonts);
    const runs = node.text;
    expect(runs.map((r) => [r.text, r.font])).toEqual([['打造', 'kai'], ['“', 'fangsong'], ['安居', 'kai'], ['”', 'fangsong'], ['工程', 'kai']].filter(Boolean));
  });
});
