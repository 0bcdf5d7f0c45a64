import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { checkPinnedVersions, encodeServed, FONT_DEFLATE, handleOf, loadPdfKit, PINNED, STREAM_DEFLATE } from '../../../src/typeset/draw/pdfkit-patches.js';
import { loadFontSet } from '../../../src/typeset/font-set.js';
import { GLYPH_SPACING } from '../../../src/typeset/sfnt/truetype-font.js';
import { repoRoot, runCli, tempDir } from '../../helpers/run-cli.js';

/** A folder whose node_modules hold a pdfkit and a fontkit of the given versions. */
function installed(pdfkit: string, fontkit: string): NodeJS.Require {
  const dir = tempDir();
  const pkg = (name: string, version: string, where: string) => {
    mkdirSync(where, { recursive: true });
    writeFileSync(join(where, 'package.json'), JSON.stringify({ name, version, main: 'index.js' }));
    writeFileSync(join(where, 'index.js'), 'module.exports = {};');
  };
  pkg('pdfkit', pdfkit, join(dir, 'node_modules/pdfkit'));
  pkg('fontkit', fontkit, join(dir, 'node_modules/fontkit'));
  return createRequire(join(dir, 'index.js'));
}

describe('pdfkit patches and their pinned foundations', () => {
  it('the installed pdfkit and fontkit are the versions the patches were written for, as package.json pins them', () => {
    expect(() => checkPinnedVersions()).not.toThrow();
    const pkg = createRequire(join(repoRoot, 'package.json'))('./package.json') as { dependencies: Record<string, string> };
    expect(pkg.dependencies.pdfkit).toBe(PINNED.pdfkit);
    expect(pkg.dependencies.fontkit).toBe(PINNED.fontkit);
  });

  it('refuses another pdfkit or fontkit, naming what it found', () => {
    expect(() => checkPinnedVersions(installed('0.20.2', PINNED.fontkit))).toThrow(/0\.20\.2/);
    expect(() => checkPinnedVersions(installed(PINNED.pdfkit, '2.0.5'))).toThrow(/2\.0\.5/);
    expect(() => checkPinnedVersions(installed(PINNED.pdfkit, PINNED.fontkit))).not.toThrow();
  });

  it('loads pdfkit once, patched, with fontkit stood in for until a font needs it', () => {
    const PDFDocument = loadPdfKit();
    expect(loadPdfKit()).toBe(PDFDocument);
    expect((PDFDocument.prototype as { __briefing?: boolean }).__briefing).toBe(true);
  });

  it('gives every document the default Helvetica (F1, current) without parsing its metrics again', async () => {
    const PDFDocument = loadPdfKit() as unknown as new (o: object) => { _font: { id: string; name: string; font: object; document: unknown; widthOfString(s: string, size: number): number } };
    const a = new PDFDocument({ autoFirstPage: false });
    const b = new PDFDocument({ autoFirstPage: false });
    expect([a._font.name, a._font.id, b._font.name, b._font.id]).toEqual(['Helvetica', 'F1', 'Helvetica', 'F1']);
    expect(b._font.font).toBe(a._font.font);
    expect(b._font.document).toBe(b);
    expect(b._font.widthOfString('Briefing', 12)).toBe(a._font.widthOfString('Briefing', 12));
    // A document that draws in it embeds it as before.
    const drawn = new PDFDocument({ compress: false }) as unknown as { text(s: string): void; end(): void; on(e: string, f: (c?: Buffer) => void): void };
    const chunks: Buffer[] = [];
    drawn.on('data', (c) => chunks.push(c!));
    const done = new Promise((resolve) => drawn.on('end', () => resolve(undefined)));
    drawn.text('Briefing');
    drawn.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    expect(pdf).toMatch(/\/F1 \d+ 0 R/);
    expect(pdf).toMatch(/\/BaseFont \/Helvetica\n/);
  });

  it('deflates the font programs of a build with Huffman coding only, each stating its decoded length, and its other streams at level 1', () => {
    const out = join(tempDir(), 'bulletin.pdf');
    // A process of its own: this file has loaded pdfkit with the patches from src/.
    const run = runCli(['build', 'templates/bulletin/sample.yaml', '-o', out, '--quiet', '--force']);
    expect(run.code, run.stderr).toBe(0);
    const pdf = readFileSync(out);
    const text = pdf.toString('latin1');
    const programs = [...text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*\/Length1 (\d+)[\s\S]*?)>>\s*stream\n/g)];
    expect(programs.length).toBeGreaterThan(2);
    for (const m of programs) {
      const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
      const stored = pdf.subarray(m.index + m[0].length, m.index + m[0].length + length);
      const program = inflateSync(stored);
      expect(program.length).toBe(Number(m[2]));
      expect(program.readUInt32BE(0)).toBe(0x00010000); // a TrueType program
      expect(deflateSync(program, FONT_DEFLATE).equals(stored)).toBe(true);
      expect(deflateSync(program, { level: 1, memLevel: 9 }).equals(stored)).toBe(false);
    }
    // Page content and ToUnicode maps at level 1.
    const others = [...text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*?)>>\s*stream\n/g)].filter((m) => m[1]!.includes('/FlateDecode') && !/\/Length1|\/Subtype \/Image/.test(m[1]!));
    expect(others.length).toBeGreaterThan(6);
    for (const m of others) {
      const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
      const stored = pdf.subarray(m.index + m[0].length, m.index + m[0].length + length);
      expect(deflateSync(inflateSync(stored), STREAM_DEFLATE).equals(stored)).toBe(true);
    }
  });

  it('encodes a line in a served font as pdfkit does: glyph ids, subset, widths, ToUnicode and positions', () => {
    type Font = { encode(t: string, f?: Record<string, unknown>): [string[], { xAdvance: number; advanceWidth: number }[]]; widths: number[]; unicode: number[][]; subset: { glyphs: number[] } };
    const PDFDocument = loadPdfKit() as unknown as new (o: object) => { registerFont(n: string, b: Buffer): void; font(n: string): void; _font: Font };
    const face = loadFontSet().roles.get('serif')!.normal;
    const [a, b] = [new PDFDocument({ autoFirstPage: false }), new PDFDocument({ autoFirstPage: false })];
    for (const doc of [a, b]) {
      doc.registerFont('serif', handleOf(face.truetype()!));
      doc.font('serif');
    }
    const lines: [string, Record<string, unknown> | undefined][] = [
      ['会议指出，要坚持“双轮驱动” 2023 年——稳中求进。', undefined],
      ['葛︀城 A—— B', undefined],
      ['十二届四次全会', { [GLYPH_SPACING]: [0, 0.25, 0, 0, -0.5, 0, 0] }],
    ];
    for (const [text, features] of lines) {
      const [hex, positions] = a._font.encode(text, features);
      const served = encodeServed(b._font, text, features)!;
      expect(served.hex).toEqual(hex);
      expect([...served.xAdvance]).toEqual(positions.map((p) => p.xAdvance));
      expect([...served.advanceWidth]).toEqual(positions.map((p) => p.advanceWidth));
    }
    expect(b._font.widths).toEqual(a._font.widths);
    expect(b._font.unicode).toEqual(a._font.unicode);
    expect(b._font.subset.glyphs).toEqual(a._font.subset.glyphs);
    expect(encodeServed({ font: {} }, 'x')).toBeUndefined();
  });
});
