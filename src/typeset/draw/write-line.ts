import type { SetInline, SetLine } from '../layout/frame.js';
import { encodeServed, type EncodedRun } from './pdfkit-patches.js';
import type { PdfKit, PdfKitFont } from './pdfkit-types.js';

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
    const run = encode(pdfFont, text, inline);
    const { xAdvance } = run;
    // The space the line breaker decided after each character, in thousandths of an em. A glyph
    // may stand for several characters ("——" is one 2-em rule): it takes the space after its last.
    const perMille = 1000 / inline.size;
    const glyphChars = xAdvance.length === inline.spacing.length ? undefined : run.chars;
    for (let i = 0, c = 0; i < xAdvance.length; i++) {
      c += glyphChars ? glyphChars[i]! : 1;
      xAdvance[i] = xAdvance[i]! + (inline.spacing[Math.min(c - 1, inline.spacing.length - 1)] ?? 0) * perMille;
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
    const common = commonSpacing(run);
    const charSpacing = num((common * size) / 1000);
    if (charSpacing !== tc) ops.push(`${(tc = charSpacing)} Tc`);
    ops.push(showGlyphs(run, common));
    doc.addContent(ops.join('\n'));
  }
  if (open) doc.addContent('ET\nQ');
}

/** Glyph ids and positions of a run, positions the caller may change, and how many characters each glyph is. */
function encode(pdfFont: PdfKitFont, text: string, inline: SetInline): EncodedRun {
  const served = encodeServed(pdfFont, text, inline.features);
  if (served) return served;
  const [hex, encoded] = pdfFont.encode(text, inline.features) as [string[], { xAdvance: number; advanceWidth: number }[]];
  // pdfkit caches the positions of a word it has laid out before: copied, never changed.
  const xAdvance = Float64Array.from(encoded, (p) => p.xAdvance);
  const advanceWidth = Float64Array.from(encoded, (p) => p.advanceWidth);
  const chars = encoded.length === inline.spacing.length ? [] : pdfFont.layout(text, inline.features).glyphs.map((g) => g.codePoints.length);
  return { hex, xAdvance, advanceWidth, chars };
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
function commonSpacing({ xAdvance, advanceWidth }: EncodedRun): number {
  const n = xAdvance.length;
  if (n < 3) return 0;
  let candidate = 0;
  let count = 0;
  // Boyer–Moore majority vote; a run with no majority keeps its numbers in TJ.
  for (let i = 0; i < n; i++) {
    const space = xAdvance[i]! - advanceWidth[i]!;
    if (count === 0) candidate = space;
    count += space === candidate ? 1 : -1;
  }
  let votes = 0;
  for (let i = 0; i < n; i++) if (xAdvance[i]! - advanceWidth[i]! === candidate) votes++;
  return votes * 2 > n ? candidate : 0;
}

/** TJ: hex strings split where a glyph's advance differs from the run's Tc spacing. */
function showGlyphs({ hex, xAdvance, advanceWidth }: EncodedRun, common: number): string {
  const commands: string[] = [];
  let ids = '';
  for (let i = 0; i < xAdvance.length; i++) {
    ids += hex[i]!;
    const extra = xAdvance[i]! - advanceWidth[i]! - common;
    if (Math.abs(extra) > 1e-9) {
      commands.push(`<${ids}> ${num(-extra)}`);
      ids = '';
    }
  }
  if (ids) commands.push(`<${ids}>`);
  return `[${commands.join(' ')}] TJ`;
}
