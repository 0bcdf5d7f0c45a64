import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A painted path as pdf.js reads it: its bounding box (pt, y from the page top), paint, colour and line width. */
export interface PdfPath {
  paint: 'stroke' | 'fill' | 'fillStroke';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The colour the path is painted in, as pdf.js gives it (#rrggbb). */
  color: string;
  lineWidth: number;
}

export interface PdfPagePaths {
  paths: PdfPath[];
  /** Named graphics states set on the page with their blend modes, in order of use. */
  blendModes: string[];
  /** Blend mode in force when each image was painted. */
  imageBlends: string[];
}

const PAINT: Record<number, PdfPath['paint']> = { [OPS.stroke]: 'stroke', [OPS.fill]: 'fill', [OPS.fillStroke]: 'fillStroke' };

/**
 * The rules, frames and fills of every page, from pdf.js's operator list. pdfkit writes pages in a
 * top-down coordinate system (a page-wide `1 0 0 -1 0 H cm`), which the boxes here keep: the one
 * transform is undone, so y grows downwards from the page top as in readPdf's text items.
 */
export async function readPaths(file: string): Promise<PdfPagePaths[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const out: PdfPagePaths[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = (page.view as number[])[3]!;
    const ops = await page.getOperatorList();
    const paths: PdfPath[] = [];
    const blendModes: string[] = [];
    const imageBlends: string[] = [];
    const stack: { stroke: string; fill: string; lineWidth: number; flipped: boolean; blend: string }[] = [];
    let state = { stroke: '#000000', fill: '#000000', lineWidth: 1, flipped: false, blend: 'Normal' };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ...state });
      else if (fn === OPS.restore) state = stack.pop() ?? state;
      else if (fn === OPS.transform) {
        const [a, b, c, d] = args as number[];
        if (a === 1 && b === 0 && c === 0 && d === -1) state.flipped = !state.flipped;
      } else if (fn === OPS.setStrokeRGBColor) state.stroke = String(args[0]);
      else if (fn === OPS.setFillRGBColor) state.fill = String(args[0]);
      else if (fn === OPS.setLineWidth) state.lineWidth = Number(args[0]);
      else if (fn === OPS.setGState) {
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'BM') {
            const mode = typeof value === 'string' ? value : String((value as { name?: string }).name ?? value);
            state.blend = mode.replace(/^\//, '');
            blendModes.push(state.blend);
          }
        }
      } else if (fn === OPS.paintImageXObject) imageBlends.push(state.blend);
      else if (fn === OPS.constructPath) {
        const paint = PAINT[args[0] as number];
        const box = Array.from(args[2] as ArrayLike<number>);
        if (!paint || box.length < 4) continue;
        // The box is in the user space of the path; pdfkit's pages are drawn flipped, so y counts from the top.
        const [x0, yA, x1, yB] = box as [number, number, number, number];
        const [y0, y1] = state.flipped ? [yA, yB] : [height - yB, height - yA];
        paths.push({ paint, x0, y0, x1, y1, color: paint === 'stroke' ? state.stroke : state.fill, lineWidth: state.lineWidth });
      }
    }
    out.push({ paths, blendModes, imageBlends });
  }
  await doc.destroy();
  return out;
}
