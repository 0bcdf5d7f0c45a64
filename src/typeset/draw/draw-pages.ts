import { createRequire } from 'node:module';
import type { Face } from '../font-set.js';
import { widthOf } from '../glyph-metrics.js';
import type { Item, SetInline, SetLine } from '../layout/frame.js';
import type { PageLayout } from '../layout/paginate.js';
import type { PdfKit, PdfKitFont, PdfKitImage, PdfKitOutline } from './pdfkit-types.js';
import { writeLine } from './write-line.js';

type SvgToPdf = (doc: PdfKit, svg: string, x: number, y: number, options: Record<string, unknown>) => void;

/** Page furniture drawn on every page around the laid-out content. */
export interface Furniture {
  /** The page number line for a page, with where its top left goes; undefined: none on that page. */
  pageNumber?(page: number, count: number): { line: SetLine; x: number; y: number } | undefined;
  /** Printed faintly across every page, rotated along the diagonal. */
  watermark?: SetLine;
}

/** One copy of the document: its 份号 and watermark, and whether it carries the bookmarks. */
export interface CopyMarks {
  copyNumber?: string;
  watermark?: SetLine;
  /** Suffix for named destinations of a later copy in one PDF, which must not repeat. */
  idSuffix: string;
  outline: boolean;
}

export interface DrawSetup {
  doc: PdfKit;
  pageSize: [number, number];
  /** Top left of the text block on the page. */
  origin: [number, number];
  fontOf(face: Face): PdfKitFont;
  image(key: string): PdfKitImage;
  furniture: Furniture;
}

/**
 * Draw laid-out pages through pdfkit, once per copy. A copy with an odd number of pages is followed
 * by an empty page, so the next copy starts on an odd page when printed on both sides.
 */
export function drawCopies(setup: DrawSetup, pages: PageLayout[], copies: CopyMarks[]): void {
  const pageOf = pageIndex(pages);
  const numbered = pages.filter((p) => !p.unnumbered).length;
  copies.forEach((copy, c) => {
    const state = { outlines: new Map<string, PdfKitOutline>() };
    pages.forEach((page, i) => {
      setup.doc.addPage({ size: setup.pageSize, margins: { top: 0, left: 0, right: 0, bottom: 0 } });
      const textOf = (inline: SetInline): string | undefined => {
        const v = inline.variable;
        if (!v) return inline.text;
        if ('copyNumber' in v) return copy.copyNumber;
        const p = pageOf.get(v.pageOf);
        return p === undefined ? '?' : String(p + 1);
      };
      const mark = copy.watermark ?? setup.furniture.watermark;
      if (mark) drawWatermark(setup, mark);
      drawItems(setup, page.items, setup.origin[0], setup.origin[1], textOf, copy, state);
      const number = page.unnumbered ? undefined : setup.furniture.pageNumber?.(i + 1, numbered);
      if (number) writeLine(setup.doc, number.line, number.x, number.y, (inl) => setup.fontOf(inl.face), (inl) => inl.text);
    });
    if (c < copies.length - 1 && pages.length % 2 === 1) setup.doc.addPage({ size: setup.pageSize, margins: { top: 0, left: 0, right: 0, bottom: 0 } });
  });
}

/** The page each named node landed on (for page references in a 目录). */
function pageIndex(pages: PageLayout[]): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (items: Item[], page: number) => {
    for (const it of items) {
      if (it.kind === 'anchor' && !out.has(it.id)) out.set(it.id, page);
      else if (it.kind === 'group') visit(it.items, page);
    }
  };
  pages.forEach((p, i) => visit(p.items, i));
  return out;
}

let svgToPdf: SvgToPdf | undefined;
/** The ExtGState that makes an image multiply with what is under it, one per document. */
const multiplyStates = new WeakMap<PdfKit, unknown>();

function drawItems(
  setup: DrawSetup, items: Item[], ox: number, oy: number, textOf: (i: SetInline) => string | undefined,
  copy: CopyMarks, state: { outlines: Map<string, PdfKitOutline> },
): void {
  const doc = setup.doc;
  for (const it of items) {
    switch (it.kind) {
      case 'group':
        if (it.absolute) drawItems(setup, it.items, it.x, it.y, textOf, copy, state);
        else drawItems(setup, it.items, ox + it.x, oy + it.y, textOf, copy, state);
        break;
      case 'text': {
        const dx = variableShift(it.line, textOf);
        writeLine(doc, it.line, ox + it.x + dx, oy + it.y, (inl) => setup.fontOf(inl.face), textOf);
        break;
      }
      case 'rect':
        doc.save();
        if (it.opacity !== undefined) doc.fillOpacity(it.opacity);
        doc.rect(ox + it.x, oy + it.y, it.w, it.h);
        if (it.color && it.lineColor) doc.lineWidth(it.lineWidth ?? 1).fillAndStroke(it.color, it.lineColor);
        else if (it.color) doc.fill(it.color);
        else doc.lineWidth(it.lineWidth ?? 1).stroke(it.lineColor ?? '#000000');
        doc.restore();
        break;
      case 'line':
        doc.save();
        doc.lineWidth(it.width).lineCap('butt');
        if (it.dash) doc.dash(it.dash.length, { space: it.dash.space ?? it.dash.length });
        doc.moveTo(ox + it.x1, oy + it.y1).lineTo(ox + it.x2, oy + it.y2).stroke(it.color);
        doc.restore();
        break;
      case 'image':
        doc.save();
        // Ink, not paint: a seal multiplies with the 署名 and date under it, which stay readable.
        if (it.blend === 'multiply') setMultiply(doc);
        doc.image(setup.image(it.image), ox + it.x, oy + it.y, { width: it.w, height: it.h });
        doc.restore();
        break;
      case 'svg':
        svgToPdf ??= (createRequire(import.meta.url)('svg-to-pdfkit') as SvgToPdf);
        svgToPdf(doc, it.svg, ox + it.x, oy + it.y, { width: it.w, height: it.h, assumePt: true });
        break;
      case 'anchor': {
        doc.addNamedDestination(it.id + copy.idSuffix, 'XYZ', ox + it.x, oy + it.y, null);
        if (it.outline && copy.outline) {
          const parent = (it.outline.parent && state.outlines.get(it.outline.parent)) || doc.outline;
          state.outlines.set(it.id, parent.addItem(it.outline.title, { top: oy + it.y }));
        }
        break;
      }
    }
  }
}

/** A line whose page number or 份号 is filled in now: keep its right edge (or centre) where it was. */
function variableShift(line: SetLine, textOf: (i: SetInline) => string | undefined): number {
  if (line.align === 'left') return 0;
  let delta = 0;
  for (const inline of line.inlines) {
    if (!inline.variable) continue;
    const now = textOf(inline) ?? '';
    delta += widthOf(inline.face, now, inline.size) - widthOf(inline.face, inline.text, inline.size);
  }
  return line.align === 'right' ? -delta : -delta / 2;
}

function setMultiply(doc: PdfKit): void {
  let state = multiplyStates.get(doc);
  if (!state) {
    const ref = doc.ref({ Type: 'ExtGState', BM: 'Multiply' });
    ref.end();
    multiplyStates.set(doc, (state = ref));
  }
  doc.page.ext_gstates.GsMultiply = state;
  doc.addContent('/GsMultiply gs');
}

function drawWatermark(setup: DrawSetup, mark: SetLine): void {
  const doc = setup.doc;
  const [w, h] = setup.pageSize;
  doc.save();
  doc.fillOpacity(0.12);
  doc.rotate((Math.atan2(h, w) * -180) / Math.PI, { origin: [w / 2, h / 2] });
  writeLine(doc, mark, w / 2 - mark.width / 2, h / 2 - mark.height / 2, (inl) => setup.fontOf(inl.face), (inl) => inl.text);
  doc.restore();
}
