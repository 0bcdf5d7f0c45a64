import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openFile } from '../../../src/host/gate.js';
import { loadFontSet, type Face } from '../../../src/typeset/font-set.js';
import { advanceOf } from '../../../src/typeset/glyph-metrics.js';
import { mappedCodePoints } from '../../../src/typeset/sfnt/cmap.js';
import { GLYPH_SPACING, TrueTypeFont } from '../../../src/typeset/sfnt/truetype-font.js';
import { FileSource } from '../../../src/typeset/sfnt/font-source.js';
import { SfntFile } from '../../../src/typeset/sfnt/sfnt-file.js';
import { writeSfnt } from '../../../src/typeset/sfnt/truetype-subset.js';

// fontkit is the reference: briefing's own reader must agree with it glyph for glyph.
interface FkGlyph { id: number; advanceWidth: number; path: { toSVG(): string } }
interface FkFont { glyphForCodePoint(cp: number): FkGlyph; getGlyph(id: number): FkGlyph; characterSet: number[]; unitsPerEm: number; ascent: number; descent: number; postscriptName: string; numGlyphs: number }
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Uint8Array, name?: string): FkFont };

const fonts = loadFontSet();
const faces: Face[] = [...fonts.roles.values()].flatMap((r) => (r.bold ? [r.normal, r.bold] : [r.normal]));
const kai = fonts.roles.get('kai')!.normal;

/** Every n-th code point the font maps, plus some it does not. */
function sampleOf(font: FkFont, n: number): number[] {
  return [...font.characterSet.filter((_, i) => i % n === 0), 0x10ffff, 0xe000, 0x1f600];
}

describe('glyph advances read straight from cmap and hmtx', () => {
  it.each(faces.map((f) => [`${f.role} ${f.weight}`, f] as const))('agree with fontkit for %s', (_name, face) => {
    const reference = fontkit.create(face.bytes(), face.postscriptName);
    for (const cp of sampleOf(reference, 23)) expect([cp, advanceOf(face, cp)]).toEqual([cp, reference.glyphForCodePoint(cp).advanceWidth]);
  });
});

describe('TrueTypeFont', () => {
  const bytes = kai.bytes();
  const ours = TrueTypeFont.open(bytes)!;
  const reference = fontkit.create(bytes);

  it('maps characters to the glyphs and metrics fontkit finds', () => {
    expect(ours).toBeDefined();
    for (const cp of sampleOf(reference, 5)) expect([cp, ours.lookup(cp)]).toEqual([cp, reference.glyphForCodePoint(cp).id]);
    expect([ours.postscriptName, ours.unitsPerEm, ours.ascent, ours.descent]).toEqual([reference.postscriptName, reference.unitsPerEm, reference.ascent, reference.descent]);
  });

  it('lists the characters the cmap maps, as fontkit does (the coverage of a user\'s own font)', () => {
    const file = kai.sfnt();
    // fontkit also lists U+FFFF, the format 4 table's closing segment, which maps no glyph.
    const expected = reference.characterSet.filter((cp) => cp !== 0xffff).sort((a, b) => a - b);
    expect(mappedCodePoints(file)).toEqual(expected);
  });

  it('lays text out one glyph per character with its advance, skipping variation selectors', () => {
    const run = ours.layout('中文\u{FE00}A𠮷');
    expect(run.glyphs.map((g) => g.codePoints[0])).toEqual([0x4e2d, 0x6587, 0x41, 0x20bb7]);
    expect(run.positions.map((p) => p.xAdvance)).toEqual(run.glyphs.map((g) => g.advanceWidth));
    expect(run.advanceWidth).toBe(run.glyphs.reduce((s, g) => s + g.advanceWidth, 0));
  });

  it('adds the space the line breaker decided after each character (GLYPH_SPACING, in em)', () => {
    const plain = ours.layout('二七区');
    const spaced = ours.layout('二七区', { [GLYPH_SPACING]: [0.25, 0, -0.5] });
    expect(spaced.glyphs.map((g) => g.id)).toEqual(plain.glyphs.map((g) => g.id));
    expect(spaced.positions.map((p, i) => p.xAdvance - plain.positions[i]!.xAdvance)).toEqual([0.25, 0, -0.5].map((em) => em * ours.unitsPerEm));
  });

  it('leaves fonts without TrueType outlines (CFF) to fontkit, and refuses what is not a font', () => {
    const file = kai.sfnt();
    // Kai's own tables without glyf and loca: an outline-less font, as a CFF font looks to it.
    const tables = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name'].map((tag) => [tag, file.table(tag)] as [string, Uint8Array]);
    const outlineless = writeSfnt(tables);
    expect(TrueTypeFont.open(outlineless)).toBeUndefined();
    expect(TrueTypeFont.open(writeSfnt([...tables, ['glyf', file.range('glyf', 0, 4)], ['loca', file.table('loca')]]))).toBeDefined();
    expect(TrueTypeFont.open(Buffer.from('not a font at all'))).toBeUndefined();
  });

  it('subsets to the glyphs used, outlines and advances unchanged, composite glyphs with their parts', () => {
    const subset = ours.createSubset();
    const text = '简报¨−A中';
    const ids = [...text].map((ch) => subset.includeGlyph(ours.lookup(ch.codePointAt(0)!)));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(subset.includeGlyph(ours.lookup(0x7b80))).toBe(1);
    const small = fontkit.create(subset.encode());
    // ¨ and − are composites in this font: their components come along, renumbered.
    expect(small.numGlyphs).toBeGreaterThan(7);
    expect(small.numGlyphs).toBeLessThan(20);
    [...text].forEach((ch, i) => {
      const original = reference.glyphForCodePoint(ch.codePointAt(0)!);
      const copy = small.getGlyph(ids[i]!);
      expect([ch, copy.path.toSVG()]).toEqual([ch, original.path.toSVG()]);
      expect(copy.advanceWidth).toBe(original.advanceWidth);
    });
  });

  it('reads a font file piece by piece: a few glyphs cost a small part of a 13 MB file', () => {
    let read = 0;
    const opened0 = openFile({ kind: 'font', file: kai.file });
    const file = FileSource.fromDescriptor(opened0.fd, opened0.size);
    const counting = { size: file.size, read: (at: number, length: number) => ((read += length), file.read(at, length)) };
    const opened = SfntFile.open(counting);
    const font = opened.ok ? TrueTypeFont.from(opened.font)! : undefined;
    const subset = font!.createSubset();
    for (const g of font!.layout('二七区委全会简报').glyphs) subset.includeGlyph(g.id);
    expect(fontkit.create(subset.encode()).numGlyphs).toBe(9);
    expect(read).toBeLessThan(file.size * 0.1);
  });
});

