import { createRequire } from 'node:module';
import type { PageBand } from '../../document/doc-definition.js';
import type { SourceLocation } from '../../errors/briefing-error.js';
import type { Face } from '../font-set.js';
import { widthOf } from '../glyph-metrics.js';
import type { Item, SetInline, SetLine } from '../layout/frame.js';
import type { PageLayout } from '../layout/paginate.js';
import { extendToBleed, type PageGeometry } from '../print/page-boxes.js';
import type { PdfKitDocument } from '../print/pdfkit-document.js';
import { cmykImagePlan } from '../print/print-images.js';
import { beginPage, endPage, placeImage, type PrintJob } from '../print/print-job.js';
import { addPageGroup, drawInBlendingSpace, setBlendMode } from '../print/transparency.js';
import type { PdfKit, PdfKitFont, PdfKitImage, PdfKitOutline } from './pdfkit-types.js';
import type { StructureWriter } from './structure-tree.js';
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
  /** The print job: page boxes, bleed and marks, colours, images and transparency as the build asks (typeset/print/). */
  job: PrintJob;
  /** The sheet every page is drawn on: the trimmed page (the document's paper), with bleed and marks around it. */
  sheet: PageGeometry;
  /** Top left of the text block on the trimmed page. */
  origin: [number, number];
  fontOf(face: Face): PdfKitFont;
  image(key: string): PdfKitImage;
  /** An image's bytes and the file the data named, for a print file's conversion (or refusal). */
  imageFile(key: string): { bytes: Buffer; path: string; where?: SourceLocation };
  furniture: Furniture;
  /** A colour band from the paper's top edge (style.yaml page.band). */
  band?: PageBand;
  /** With --tagged: the structure tree, told what each drawn piece is. */
  tags?: StructureWriter;
}

/**
 * Draw laid-out pages through pdfkit, once per copy. A copy with an odd number of pages is followed
 * by an empty page, so the next copy starts on an odd page when printed on both sides. Every page
 * is drawn in the coordinates of its trimmed page, on a sheet the print job sizes (bleed, marks).
 */
export function drawCopies(setup: DrawSetup, pages: PageLayout[], copies: CopyMarks[]): void {
  const pageOf = pageIndex(pages);
  const numbered = pages.filter((p) => !p.unnumbered).length;
  const tags = setup.tags;
  copies.forEach((copy, c) => {
    if (tags && copies.length > 1) tags.beginCopy(copy.copyNumber);
    const state = { outlines: new Map<string, PdfKitOutline>() };
    pages.forEach((page, i) => {
      startSheet(setup);
      const textOf = (inline: SetInline): string | undefined => {
        const v = inline.variable;
        if (!v) return inline.text;
        if ('copyNumber' in v) return copy.copyNumber;
        const p = pageOf.get(v.pageOf);
        return p === undefined ? '?' : String(p + 1);
      };
      if (setup.band && (setup.band.pages === 'all' || i === 0)) drawBand(setup, setup.band);
      const mark = copy.watermark ?? setup.furniture.watermark;
      if (mark) drawWatermark(setup, mark);
      drawItems(setup, page.items, setup.origin[0], setup.origin[1], textOf, copy, state);
      const number = page.unnumbered ? undefined : setup.furniture.pageNumber?.(i + 1, numbered);
      if (number) {
        tags?.artifact('Pagination');
        writeLine(setup.doc, number.line, number.x, number.y, (inl) => setup.fontOf(inl.face), (inl) => inl.text);
      }
      finishSheet(setup);
    });
    if (c < copies.length - 1 && pages.length % 2 === 1) {
      startSheet(setup);
      finishSheet(setup);
    }
  });
}

/** A new page the size of the sheet, its boxes written and the origin moved to the trimmed page's corner. */
function startSheet(setup: DrawSetup): void {
  const { media } = setup.sheet;
  setup.doc.addPage({ size: [media.width, media.height], margins: { top: 0, left: 0, right: 0, bottom: 0 } });
  beginPage(setup.doc as unknown as PdfKitDocument, setup.job, setup.sheet);
}

/**
 * The page's drawing done: its marked content closed, a transparency group when anything on it is
 * transparent (a seal, a watermark, an image with an alpha channel), then the printer's marks.
 */
function finishSheet(setup: DrawSetup): void {
  const doc = setup.doc as unknown as PdfKitDocument;
  setup.tags?.close();
  if (usesTransparency(doc)) addPageGroup(doc, setup.job.blendingSpace);
  endPage(doc, setup.job, setup.sheet, setup.tags && ((drawMarks) => {
    setup.tags!.artifact('Page');
    drawMarks();
    setup.tags!.close();
  }));
}

/** Any graphics state (opacity, blend mode) or soft-masked image among the page's resources. */
function usesTransparency(doc: PdfKitDocument): boolean {
  const resources = doc.page.resources.data;
  const states = resources.ExtGState as Record<string, unknown> | undefined;
  if (states && Object.keys(states).length) return true;
  const xobjects = (resources.XObject ?? {}) as Record<string, { data?: Record<string, unknown> }>;
  return Object.values(xobjects).some((x) => x?.data?.SMask !== undefined);
}

/** The style's band, under everything else, run out to the bleed on every edge of the trim it touches. */
function drawBand(setup: DrawSetup, band: PageBand): void {
  const { doc, sheet } = setup;
  setup.tags?.artifact('Background');
  const r = extendToBleed({ x: 0, y: 0, width: sheet.trim.width, height: Math.min(band.height, sheet.trim.height) }, sheet);
  doc.save();
  doc.rect(r.x, r.y, r.width, r.height).fill(band.color);
  doc.restore();
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

function drawItems(
  setup: DrawSetup, items: Item[], ox: number, oy: number, textOf: (i: SetInline) => string | undefined,
  copy: CopyMarks, state: { outlines: Map<string, PdfKitOutline> },
): void {
  const doc = setup.doc;
  const tags = setup.tags;
  // pdfkit's coordinates of a point on the trimmed page (destinations, a figure's box).
  const [mx, my] = [setup.sheet.trimOrigin.x, setup.sheet.trimOrigin.y];
  for (const it of items) {
    switch (it.kind) {
      case 'group':
        if (it.absolute) drawItems(setup, it.items, it.x, it.y, textOf, copy, state);
        else drawItems(setup, it.items, ox + it.x, oy + it.y, textOf, copy, state);
        break;
      case 'text': {
        tags?.text(it.line);
        const dx = variableShift(it.line, textOf);
        writeLine(doc, it.line, ox + it.x + dx, oy + it.y, (inl) => setup.fontOf(inl.face), textOf);
        break;
      }
      case 'rect':
        tags?.artifact('Layout');
        doc.save();
        if (it.opacity !== undefined) doc.fillOpacity(it.opacity);
        doc.rect(ox + it.x, oy + it.y, it.w, it.h);
        if (it.color && it.lineColor) doc.lineWidth(it.lineWidth ?? 1).fillAndStroke(it.color, it.lineColor);
        else if (it.color) doc.fill(it.color);
        else doc.lineWidth(it.lineWidth ?? 1).stroke(it.lineColor ?? '#000000');
        doc.restore();
        break;
      case 'line':
        tags?.artifact('Layout');
        doc.save();
        doc.lineWidth(it.width).lineCap('butt');
        if (it.dash) doc.dash(it.dash.length, { space: it.dash.space ?? it.dash.length });
        doc.moveTo(ox + it.x1, oy + it.y1).lineTo(ox + it.x2, oy + it.y2).stroke(it.color);
        doc.restore();
        break;
      case 'image': {
        const [x, y] = [ox + it.x, oy + it.y];
        tags?.node(it.source, [x + mx, y + my, x + mx + it.w, y + my + it.h]);
        const print = doc as unknown as PdfKitDocument;
        doc.save();
        // Ink, not paint: a seal multiplies with the 署名 and date under it, which stay readable.
        if (it.blend === 'multiply') setBlendMode(print, 'Multiply', setup.job.blendingSpace);
        // A print file's colour PNG is converted to CMYK (once); grey and CMYK images go in as they are.
        const file = setup.job.pdfx ? setup.imageFile(it.image) : undefined;
        if (file && cmykImagePlan(file.bytes, file.path, file.where) === 'convert') placeImage(print, setup.job, file, x, y, it.w, it.h);
        else doc.image(setup.image(it.image), x, y, { width: it.w, height: it.h });
        doc.restore();
        break;
      }
      case 'svg':
        tags?.node(it.source, [ox + it.x + mx, oy + it.y + my, ox + it.x + mx + it.w, oy + it.y + my + it.h]);
        svgToPdf ??= (createRequire(import.meta.url)('svg-to-pdfkit') as SvgToPdf);
        // Its clip masks and opacity groups blend in the print job's space (CMYK in a print file).
        drawInBlendingSpace(doc as unknown as PdfKitDocument, setup.job.blendingSpace, () => svgToPdf!(doc, it.svg, ox + it.x, oy + it.y, { width: it.w, height: it.h, assumePt: true }));
        break;
      case 'anchor': {
        doc.addNamedDestination(it.id + copy.idSuffix, 'XYZ', ox + it.x + mx, oy + it.y + my, null);
        if (it.outline && copy.outline) {
          const parent = (it.outline.parent && state.outlines.get(it.outline.parent)) || doc.outline;
          state.outlines.set(it.id, parent.addItem(it.outline.title, { top: oy + it.y + my }));
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

function drawWatermark(setup: DrawSetup, mark: SetLine): void {
  const doc = setup.doc;
  const { width: w, height: h } = setup.sheet.trim;
  setup.tags?.artifact('Pagination');
  doc.save();
  doc.fillOpacity(0.12);
  doc.rotate((Math.atan2(h, w) * -180) / Math.PI, { origin: [w / 2, h / 2] });
  writeLine(doc, mark, w / 2 - mark.width / 2, h / 2 - mark.height / 2, (inl) => setup.fontOf(inl.face), (inl) => inl.text);
  doc.restore();
}
