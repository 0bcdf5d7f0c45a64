import { TrueTypeFont } from './sfnt/truetype-font.js';

/**
 * Writing a laid-out line of text to the page, for lines set entirely in fonts briefing serves
 * (sfnt/truetype-font.ts). pdfmake's Renderer hands pdfkit one inline at a time, and for each one
 * pdfkit writes a complete text object with its own state around it:
 *
 *   /Gs1 gs /DeviceRGB cs 0 0 0 scn f q 1 0 0 -1 0 841.89 cm BT … Tm /F3 14 Tf [<00ac> -7.565961 …] TJ ET Q
 *
 * (the `f` paints nothing: pdfmake sets the colour with pdfkit's fill()). Here a line is one text
 * object: opacity and colour are set when they change, the font when it changes, and a run whose
 * glyphs mostly share one spacing — a justified line — states it once as Tc, leaving TJ numbers only
 * where a glyph differs (a compressed or hanging mark). The glyphs, their positions and the fonts'
 * subsets and ToUnicode maps are the same as pdfkit's; the page's content is about half as long,
 * which is less to build, to copy and to compress.
 *
 * A line this does not cover (links, destinations, outlines, page references, decorations,
 * backgrounds, sub/superscripts, synthetic bold, fonts fontkit opened) is left to pdfmake.
 */

export interface PdfKitFont {
  id: string;
  font: unknown;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: Record<string, unknown>): [string[], GlyphPosition[]];
}

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

export interface RenderedInline {
  text: string;
  x: number;
  font: PdfKitFont;
  fontSize: number;
  color?: unknown;
  opacity?: number;
  fontFeatures?: Record<string, unknown>;
  characterSpacing?: number;
  [other: string]: unknown;
}

export interface RenderedLine {
  inlines: RenderedInline[];
  getHeight(): number;
  getAscenderHeight(): number;
  [other: string]: unknown;
}

export interface PdfKitPage {
  height: number;
  fonts: Record<string, unknown>;
}

export interface PdfKitWriter {
  page: PdfKitPage;
  _font: unknown;
  _fontSize: number;
  opacity(value: number): unknown;
  fillColor(color: unknown): unknown;
  resolveColor(color: unknown, fallback: string): unknown;
  addContent(data: string): unknown;
}

/** Inline properties that need pdfmake's own path: each adds something besides the glyphs. */
const hasExtras = (i: RenderedInline): boolean =>
  !!(i.link || i.linkToPage || i.linkToDestination || i._pageNodeRef || i.sup || i.sub || i.decoration || i.background);

let enabled = true;

/** Off: every line goes through pdfmake's own renderer (tests compare the two). */
export function setLineWriting(on: boolean): void {
  enabled = on;
}

/** Whether `writeLine` can write this line; `extraFeature` is a features key it must not see. */
export function canWriteLine(line: RenderedLine, extraFeature: string): boolean {
  if (!enabled) return false;
  // Outline entries, named destinations and page references are pdfmake's to write.
  if (line._outline || line._pageNodeRef || line.id) return false;
  for (const inline of line.inlines) {
    if (!(inline.font?.font instanceof TrueTypeFont)) return false;
    if (inline.characterSpacing) return false;
    if (inline.opacity != null && typeof inline.opacity !== 'number') return false;
    if (inline.fontFeatures && extraFeature in inline.fontFeatures) return false;
    if (hasExtras(inline)) return false;
  }
  return true;
}

/** pdfkit's number format: six decimals at most. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * The line at (x, y) — pdfmake's top-left page coordinates — as one text object. Returns false,
 * having written nothing, when a glyph is positioned off its baseline (left to pdfkit).
 */
export function writeLine(doc: PdfKitWriter, line: RenderedLine, x: number, y: number): boolean {
  const lineHeight = line.getHeight();
  const descent = lineHeight - line.getAscenderHeight();
  const pageHeight = doc.page.height;
  // Everything is encoded first, so a line left to pdfkit has written nothing.
  const pieces: { inline: RenderedInline; hex: string[]; positions: GlyphPosition[] }[] = [];
  for (const inline of line.inlines) {
    const text = inline.text.replace(/\n/g, '');
    if (!text) continue;
    const [hex, positions] = inline.font.encode(text, inline.fontFeatures);
    for (const p of positions) if (p.xOffset || p.yOffset) return false;
    pieces.push({ inline, hex, positions });
  }
  let font: PdfKitFont | undefined;
  let size = 0;
  let tc = 0;
  let color: unknown;
  let opacity: number | undefined;
  let open = false;
  for (const { inline, hex, positions } of pieces) {
    // Colour and opacity as pdfmake sets them, outside the text object so they outlast it as
    // pdfmake's do, and only when they change.
    const o = inline.opacity ?? 1;
    const c = doc.resolveColor(inline.color, 'black');
    if (!open || o !== opacity || c !== color) {
      if (open) doc.addContent('ET\nQ');
      if (o !== opacity) doc.opacity((opacity = o));
      doc.fillColor((color = c));
      doc.addContent(`q\n1 0 0 -1 0 ${num(pageHeight)} cm\nBT`);
      open = true;
      font = undefined;
      tc = 0;
    }
    const ops: string[] = [];
    // pdfkit's placement: the baseline sits the font's ascender below the inline's top.
    const ascent = (inline.font.ascender / 1000) * inline.fontSize;
    const top = y + lineHeight - ascent - descent;
    ops.push(`1 0 0 1 ${num(x + inline.x)} ${num(pageHeight - top - ascent)} Tm`);
    if (inline.font !== font || inline.fontSize !== size) {
      font = inline.font;
      size = inline.fontSize;
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
  doc._font = font ?? doc._font;
  doc._fontSize = size || doc._fontSize;
  return true;
}

/**
 * The spacing most glyphs of a run have after them (1/1000 em), which Tc then states once; a
 * glyph's TJ number is its difference from it. Tc is written to six decimals of a point, so a run
 * of 40 glyphs lands within 2e-5 pt of where pdfkit's per-glyph numbers put it.
 */
function commonSpacing(positions: GlyphPosition[]): number {
  if (positions.length < 3) return 0;
  let best = 0;
  let bestCount = 0;
  let candidate = 0;
  let count = 0;
  // Boyer–Moore majority vote; a run with no majority keeps its numbers in TJ.
  for (const p of positions) {
    const space = p.xAdvance - p.advanceWidth;
    if (count === 0) candidate = space;
    count += space === candidate ? 1 : -1;
  }
  for (const p of positions) if (p.xAdvance - p.advanceWidth === candidate) bestCount++;
  if (bestCount * 2 > positions.length) best = candidate;
  return best;
}

/** pdfkit's TJ: hex strings split where a glyph's advance differs from the run's Tc spacing. */
function showGlyphs(hex: string[], positions: GlyphPosition[], common: number): string {
  const commands: string[] = [];
  let last = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const extra = p.xAdvance - p.advanceWidth - common;
    if (extra !== 0) {
      commands.push(`<${hex.slice(last, i + 1).join('')}> ${num(-extra)}`);
      last = i + 1;
    }
  }
  if (last < positions.length) commands.push(`<${hex.slice(last).join('')}>`);
  return `[${commands.join(' ')}] TJ`;
}
