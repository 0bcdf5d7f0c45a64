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

type Matrix = [number, number, number, number, number, number];
/** m × n: first m, then n (PDF's `cm` premultiplies the current matrix). */
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const PAINT: Record<number, PdfPath['paint']> = { [OPS.stroke]: 'stroke', [OPS.fill]: 'fill', [OPS.fillStroke]: 'fillStroke' };

/**
 * The rules, frames and fills of every page, from pdf.js's operator list: each path's box taken
 * through the transforms in force (pdfkit's page-wide `1 0 0 -1 0 H cm`, a print sheet's move to
 * the trim, a chart's placement) to the page, with y growing downwards from the page top as in
 * readPdf's text items.
 */
export async function readPaths(file: string): Promise<PdfPagePaths[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const out: PdfPagePaths[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = page.view[3]!;
    const ops = await page.getOperatorList();
    const paths: PdfPath[] = [];
    const blendModes: string[] = [];
    const imageBlends: string[] = [];
    const stack: { stroke: string; fill: string; lineWidth: number; ctm: Matrix; blend: string }[] = [];
    let state = { stroke: '#000000', fill: '#000000', lineWidth: 1, ctm: [1, 0, 0, 1, 0, 0] as Matrix, blend: 'Normal' };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ...state });
      else if (fn === OPS.restore) state = stack.pop() ?? state;
      else if (fn === OPS.transform) state.ctm = multiply(args as Matrix, state.ctm);
      else if (fn === OPS.setStrokeRGBColor) state.stroke = String(args[0]);
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
        // The box is in the user space of the path: through the transforms to the page, then y from its top.
        const [bx0, by0, bx1, by1] = box as [number, number, number, number];
        const corners = [[bx0, by0], [bx1, by0], [bx0, by1], [bx1, by1]].map(([x, y]) => apply(state.ctm, x!, y!));
        const xs = corners.map((p) => p[0]);
        const ys = corners.map((p) => height - p[1]);
        paths.push({ paint, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), color: paint === 'stroke' ? state.stroke : state.fill, lineWidth: state.lineWidth });
      }
    }
    out.push({ paths, blendModes, imageBlends });
  }
  await doc.destroy();
  return out;
}
