import type { SetInline, SetLine } from '../layout/frame.js';
import { encodeServed, type EncodedGlyph } from './pdfkit-patches.js';
import type { PdfKit, PdfKitFont } from './pdfkit-types.js';

type GlyphPosition = EncodedGlyph;

/** pdfkit's number format: six decimals at most. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * A finished line as one text object: colour set when it changes, the font when it changes, and a
 * run whose glyphs mostly share one spacing — a justified line — states it once as Tc, leaving TJ
 * numbers only where a glyph differs (a compressed or hanging mark). Glyph ids, subsets and
 * ToUnicode maps are pdfkit's own (its font objects encode the text). `y` is the line's top in
 * page coordinates (pt from the top left); the baseline sits `line.ascent` below it.
 */
export function writeLine(doc: PdfKit, line: SetLine, x: number, y: number, fontOf: (inline: SetInline) => PdfKitFont, textOf: (inline: SetInline) => string | undefined): void {
  const baseline = y + line.ascent;
  const pageHeight = doc.page.height;
  let font: PdfKitFont | undefined;
  let size = 0;
  let tc = 0;
  let color: unknown;
  let stroke = 0;
  let open = false;
  for (const inline of line.inlines) {
    const text = textOf(inline);
    if (!text) continue;
    if (inline.background) drawBackground(doc, inline, x, y, line.height);
    const pdfFont = fontOf(inline);
    const { hex, positions, glyphChars } = encode(pdfFont, text, inline);
    // The space the line breaker decided after each character, in thousandths of an em. A glyph
    // may stand for several characters ("——" is one 2-em rule): it takes the space after its last.
    const perMille = 1000 / inline.size;
    for (let i = 0, c = 0; i < positions.length; i++) {
      c += glyphChars ? glyphChars[i]! : 1;
      positions[i]!.xAdvance += (inline.spacing[Math.min(c - 1, inline.spacing.length - 1)] ?? 0) * perMille;
    }
    const c = inline.color ?? '#000000';
    const bold = inline.syntheticBold ?? 0;
    if (!open || c !== color || bold !== stroke) {
      if (open) doc.addContent('ET\nQ');
      doc.fillColor((color = c));
      if (bold) doc.strokeColor(c);
      doc.addContent(`q\n${bold ? `${num(bold)} w\n` : ''}1 0 0 -1 0 ${num(pageHeight)} cm\nBT${bold ? '\n2 Tr' : ''}`);
      stroke = bold;
      open = true;
      font = undefined;
      tc = 0;
    }
    const ops: string[] = [];
    ops.push(`1 0 0 1 ${num(x + inline.x)} ${num(pageHeight - baseline)} Tm`);
    if (pdfFont !== font || inline.size !== size) {
      font = pdfFont;
      size = inline.size;
      doc.page.fonts[font.id] ??= font.ref();
      ops.push(`/${font.id} ${num(size)} Tf`);
    }
    const common = commonSpacing(positions);
    const charSpacing = num((common * size) / 1000);
    if (charSpacing !== tc) ops.push(`${(tc = charSpacing)} Tc`);
    ops.push(showGlyphs(hex, positions, common));
    doc.addContent(ops.join('\n'));
  }
  if (open) doc.addContent('ET\nQ');
}

/** Glyph ids and positions of a run, positions the caller may change; how many characters each glyph is, when not one each. */
function encode(pdfFont: PdfKitFont, text: string, inline: SetInline): { hex: string[]; positions: GlyphPosition[]; glyphChars?: number[] } {
  const served = encodeServed(pdfFont, text, inline.features);
  if (served) return { hex: served.hex, positions: served.positions, ...(served.positions.length === inline.spacing.length ? {} : { glyphChars: served.chars }) };
  const [hex, encoded] = pdfFont.encode(text, inline.features) as [string[], GlyphPosition[]];
  // pdfkit caches the positions of a word it has laid out before: change copies only.
  const positions = encoded.map((p) => ({ ...p }));
  const glyphChars = positions.length === inline.spacing.length ? undefined : pdfFont.layout(text, inline.features).glyphs.map((g) => g.codePoints.length);
  return { hex, positions, ...(glyphChars ? { glyphChars } : {}) };
}

function drawBackground(doc: PdfKit, inline: SetInline, x: number, y: number, height: number): void {
  doc.save();
  doc.rect(x + inline.x, y, inline.width, height).fill(inline.background!);
  doc.restore();
}

/**
 * The spacing most glyphs of a run have after them (1/1000 em), which Tc then states once; a
 * glyph's TJ number is its difference from it. Tc is written to six decimals of a point, so a run
 * of 40 glyphs lands within 2e-5 pt of where per-glyph numbers would put it.
 */
function commonSpacing(positions: GlyphPosition[]): number {
  if (positions.length < 3) return 0;
  let candidate = 0;
  let count = 0;
  // Boyer–Moore majority vote; a run with no majority keeps its numbers in TJ.
  for (const p of positions) {
    const space = p.xAdvance - p.advanceWidth;
    if (count === 0) candidate = space;
    count += space === candidate ? 1 : -1;
  }
  let votes = 0;
  for (const p of positions) if (p.xAdvance - p.advanceWidth === candidate) votes++;
  return votes * 2 > positions.length ? candidate : 0;
}

/** TJ: hex strings split where a glyph's advance differs from the run's Tc spacing. */
function showGlyphs(hex: string[], positions: GlyphPosition[], common: number): string {
  const commands: string[] = [];
  let last = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const extra = p.xAdvance - p.advanceWidth - common;
    if (Math.abs(extra) > 1e-9) {
      commands.push(`<${hex.slice(last, i + 1).join('')}> ${num(-extra)}`);
      last = i + 1;
    }
  }
  if (last < positions.length) commands.push(`<${hex.slice(last).join('')}>`);
  return `[${commands.join(' ')}] TJ`;
}
