import { MM } from '../../document/units.js';
import type { MarkKind } from '../../document/print-options.js';
import type { PdfKitDocument } from './pdfkit-document.js';

/**
 * The geometry of a printed sheet: the trimmed page (what the reader holds), the bleed that
 * backgrounds run into beyond it, and — when marks are asked for — a slug around it where crop
 * and registration marks stand. All in pt.
 *
 * Coordinates in `trimOrigin`, `marks` and `extendToBleed` are pdfkit's (y down from the media's
 * top); the boxes are PDF's (y up), which for these centred rectangles is the same numbers.
 */
export interface PageGeometry {
  trim: { width: number; height: number };
  /** Bleed on every side. */
  bleed: number;
  /** Distance from the trim to the media's edge on every side: the bleed, or more for marks. */
  slug: number;
  media: { width: number; height: number };
  /** The trimmed page's top-left corner on the media: translate the page's drawing by this. */
  trimOrigin: { x: number; y: number };
  /** [llx, lly, urx, ury] as written into the page dictionary. */
  boxes: { MediaBox: Box; BleedBox: Box; TrimBox: Box };
  marks: MarkKind[];
}
export type Box = [number, number, number, number];

/** Crop marks begin this far outside the trim (or at the bleed's edge, if that is further). */
const MARK_OFFSET = 3 * MM;
const MARK_LENGTH = 5 * MM;
/** Room between the marks and the media's edge. */
const MARK_MARGIN = 1 * MM;
/** Hairline, as print shops' own marks are drawn. */
const MARK_WIDTH = 0.25;
/** pdfkit's spot colour name for ink on every separation (ISO 32000-1 §8.6.6.4). */
const REGISTRATION = 'All';

export function pageGeometry(trim: { width: number; height: number }, options: { bleed?: number; marks?: MarkKind[] } = {}): PageGeometry {
  const bleed = options.bleed ?? 0;
  const marks = options.marks ?? [];
  const slug = marks.length ? markOffset(bleed) + MARK_LENGTH + MARK_MARGIN : bleed;
  const media = { width: trim.width + 2 * slug, height: trim.height + 2 * slug };
  return {
    trim,
    bleed,
    slug,
    media,
    trimOrigin: { x: slug, y: slug },
    boxes: {
      MediaBox: [0, 0, media.width, media.height],
      BleedBox: [slug - bleed, slug - bleed, slug + trim.width + bleed, slug + trim.height + bleed],
      TrimBox: [slug, slug, slug + trim.width, slug + trim.height],
    },
    marks,
  };
}

function markOffset(bleed: number): number {
  return Math.max(bleed, MARK_OFFSET);
}

/** True when the sheet differs from a plain page: then the page needs its boxes written. */
function isPrintSheet(g: PageGeometry): boolean {
  return g.slug > 0;
}

/**
 * Write TrimBox and BleedBox (MediaBox is pdfkit's, from the size given to addPage). Call once per
 * page, right after `doc.addPage({ size: [g.media.width, g.media.height], margin: 0 })`. A plain page
 * (no bleed, no marks) gets nothing unless `always` — PDF/X wants a TrimBox on every page.
 */
export function setPageBoxes(doc: PdfKitDocument, g: PageGeometry, { always = false } = {}): void {
  if (!isPrintSheet(g) && !always) return;
  const page = doc.page.dictionary.data;
  page.TrimBox = g.boxes.TrimBox;
  page.BleedBox = g.boxes.BleedBox;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A background or full-bleed image drawn in trim coordinates: every edge that reaches the trim's
 * edge is pushed out by the bleed, so the print shop's cut never shows white paper.
 */
export function extendToBleed(rect: Rect, g: PageGeometry, tolerance = 0.5): Rect {
  const { width: tw, height: th } = g.trim;
  const left = rect.x <= tolerance ? g.bleed : 0;
  const top = rect.y <= tolerance ? g.bleed : 0;
  const right = rect.x + rect.width >= tw - tolerance ? g.bleed : 0;
  const bottom = rect.y + rect.height >= th - tolerance ? g.bleed : 0;
  return { x: rect.x - left, y: rect.y - top, width: rect.width + left + right, height: rect.height + top + bottom };
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface Target {
  cx: number;
  cy: number;
  /** Circle radius; the cross reaches `arm` from the centre. */
  radius: number;
  arm: number;
}

/** Where the marks go on the media (pdfkit coordinates): all of them outside the bleed box. */
export function markGeometry(g: PageGeometry): { crop: Segment[]; registration: Target[] } {
  const o = markOffset(g.bleed);
  const [left, top] = [g.slug, g.slug];
  const [right, bottom] = [g.slug + g.trim.width, g.slug + g.trim.height];
  const crop: Segment[] = [];
  if (g.marks.includes('crop')) {
    for (const x of [left, right]) {
      for (const y of [top, bottom]) {
        const sx = x === left ? -1 : 1;
        const sy = y === top ? -1 : 1;
        // A horizontal line in line with the trim's horizontal edge, and a vertical one with its vertical edge.
        crop.push({ x1: x + sx * o, y1: y, x2: x + sx * (o + MARK_LENGTH), y2: y });
        crop.push({ x1: x, y1: y + sy * o, x2: x, y2: y + sy * (o + MARK_LENGTH) });
      }
    }
  }
  const registration: Target[] = [];
  if (g.marks.includes('registration')) {
    const d = o + MARK_LENGTH / 2;
    const arm = MARK_LENGTH / 2;
    const radius = arm * 0.6;
    const [cx, cy] = [(left + right) / 2, (top + bottom) / 2];
    registration.push({ cx, cy: top - d, radius, arm }, { cx, cy: bottom + d, radius, arm }, { cx: left - d, cy, radius, arm }, { cx: right + d, cy, radius, arm });
  }
  return { crop, registration };
}

/**
 * Draw the marks on the current page in the registration colour (every separation). Call once per
 * page after the page's own drawing, with pdfkit's page coordinates restored (outside the
 * translate to `trimOrigin`). The colour is registered on first use.
 */
export function drawMarks(doc: PdfKitDocument, g: PageGeometry): void {
  const { crop, registration } = markGeometry(g);
  if (!crop.length && !registration.length) return;
  if (!doc.spotColors[REGISTRATION]) doc.addSpotColor(REGISTRATION, 100, 100, 100, 100);
  doc.save();
  doc.lineWidth(MARK_WIDTH).strokeColor(REGISTRATION);
  for (const s of crop) doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2);
  if (crop.length) doc.stroke();
  for (const t of registration) {
    doc.circle(t.cx, t.cy, t.radius);
    doc.moveTo(t.cx - t.arm, t.cy).lineTo(t.cx + t.arm, t.cy);
    doc.moveTo(t.cx, t.cy - t.arm).lineTo(t.cx, t.cy + t.arm);
  }
  if (registration.length) doc.stroke();
  doc.restore();
}
