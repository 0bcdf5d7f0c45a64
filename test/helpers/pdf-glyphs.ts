import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One glyph as a viewer draws it: its text, where its advance starts and how wide it is, in pt. */
export interface PdfGlyph {
  /** The text the glyph stands for (its ToUnicode entry: "——" for a two-em dash drawn as one glyph). */
  ch: string;
  x: number;
  /** Baseline, measured from the page top. */
  y: number;
  /** Width of the glyph's advance (without the character spacing after it). */
  advance: number;
  size: number;
  /** PostScript name of its font, without the subset tag. */
  font: string;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * Every glyph of every page, placed by replaying the page's text operators as pdf.js parses them
 * (text and graphics state: Tm, Td, Tf, Tc, Tw, Tz, TJ adjustments, cm, q/Q). Horizontal text only.
 */
export async function readGlyphs(file: string): Promise<PdfGlyph[][]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const pages: PdfGlyph[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.view[3]!;
    const ops = await page.getOperatorList();
    const glyphs: PdfGlyph[] = [];
    // q/Q save and restore the text state too (Tc, Tw, Tz, Tf belong to the graphics state).
    const stack: { ctm: Matrix; font: string; size: number; charSpacing: number; wordSpacing: number; scale: number }[] = [];
    let ctm: Matrix = IDENTITY;
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    let font = '';
    let size = 0;
    let charSpacing = 0;
    let wordSpacing = 0;
    let scale = 1;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ctm, font, size, charSpacing, wordSpacing, scale });
      else if (fn === OPS.restore) ({ ctm, font, size, charSpacing, wordSpacing, scale } = stack.pop() ?? { ctm: IDENTITY, font, size, charSpacing: 0, wordSpacing: 0, scale: 1 });
      else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === OPS.beginText) tm = tlm = IDENTITY;
      else if (fn === OPS.setTextMatrix) tm = tlm = Object.values(args[0] as object).map(Number) as Matrix;
      else if (fn === OPS.moveText) tm = tlm = multiply([1, 0, 0, 1, args[0] as number, args[1] as number], tlm);
      else if (fn === OPS.setCharSpacing) charSpacing = args[0] as number;
      else if (fn === OPS.setWordSpacing) wordSpacing = args[0] as number;
      else if (fn === OPS.setHScale) scale = (args[0] as number) / 100;
      else if (fn === OPS.setFont) {
        const id = args[0] as string;
        font = page.commonObjs.has(id) ? String((page.commonObjs.get(id) as { name?: string }).name ?? '').replace(/^[A-Z]{6}\+/, '') : id;
        size = args[1] as number;
      } else if (fn === OPS.showText) {
        for (const g of args[0] as (number | { unicode: string; width: number; isSpace?: boolean })[]) {
          if (typeof g === 'number') {
            tm = multiply([1, 0, 0, 1, (-g / 1000) * size * scale, 0], tm);
            continue;
          }
          const at = multiply(tm, ctm);
          const advance = (g.width / 1000) * size * scale;
          glyphs.push({ ch: g.unicode, x: at[4], y: height - at[5], advance, size, font });
          tm = multiply([1, 0, 0, 1, advance + (charSpacing + (g.isSpace ? wordSpacing : 0)) * scale, 0], tm);
        }
      }
    }
    pages.push(glyphs);
  }
  await doc.destroy();
  return pages;
}

/** Glyphs grouped into lines (same baseline), each sorted left to right. */
export function glyphLines(glyphs: PdfGlyph[]): PdfGlyph[][] {
  const lines = new Map<number, PdfGlyph[]>();
  for (const g of glyphs) {
    const key = Math.round(g.y * 2) / 2;
    lines.set(key, [...(lines.get(key) ?? []), g]);
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line.sort((a, b) => a.x - b.x));
}
