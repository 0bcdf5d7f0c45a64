import type { StyleSheet, TextStyle } from '../style.js';

/**
 * Geometry shared by the GB/T 9704 公文 blocks. The standard places things by character edges and
 * whole lines ("top edge 35 mm below the block", "two lines below", "4 mm under the 发文字号"), while
 * pdfkit sets a line's baseline at its top plus the font's ascender. These helpers translate.
 */

/** Top and bottom of the ideographic em box (字身框), in em above / below the baseline. */
export const EM_ASCENT = 0.88;
export const EM_DESCENT = 0.12;

/**
 * hhea ascender of the bundled face of each role (fonts/manifest.json), which is where pdfkit puts the
 * baseline below a line's top. The document stage reads no fonts, so these are constants: a project
 * that maps a role to another font moves its character edges by (that font's ascender − this) × size.
 */
const ASCENDER: Readonly<Record<string, number>> = { serif: 1.151, sans: 1.16, kai: 0.928, fangsong: 0.88 };

/** Where pdfkit sets the baseline of a line in `font` at `size`, below the line's top. */
export function baselineInLine(font: string, size: number): number {
  return (ASCENDER[font] ?? EM_ASCENT) * size;
}

/** How far below its line's top a character's em box starts. */
export function emTopInLine(font: string, size: number): number {
  return baselineInLine(font, size) - EM_ASCENT * size;
}

/** The body's line pitch: a grid row (225 mm / 22 for 公文), else the base text's leading. */
export function linePitch(sheet: StyleSheet): number {
  return sheet.page.grid?.pitchY ?? sheet.text.size * sheet.text.leading;
}

/** One character cell for `style`: a grid column when it is set in the body size, else its em. */
export function charCell(sheet: StyleSheet, style: TextStyle): number {
  const grid = sheet.page.grid;
  return grid && style.size === sheet.text.size ? grid.pitchX : style.size;
}

/** `style`, with the leading that makes one of its lines exactly `pitch` tall. */
export function onPitch<T extends TextStyle>(style: T, pitch: number): T {
  return { ...style, leading: pitch / style.size };
}

/** Page height and the text block's edges, in pt from the page's top left corner. */
export function textBlock(sheet: StyleSheet, pageHeight: number): { left: number; top: number; bottom: number } {
  const m = sheet.page.margins;
  return { left: m.left, top: m.top, bottom: pageHeight - m.bottom };
}
