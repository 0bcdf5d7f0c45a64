import type { PrintColorSpec, PrintOptions } from '../../document/print-options.js';
import { checkPressProfile, defaultPrintCondition, readIccProfile, writeOutputIntent, type PrintCondition } from './output-intent.js';
import { drawMarks, pageGeometry, setPageBoxes, type PageGeometry } from './page-boxes.js';
import type { PdfKitDocument } from './pdfkit-document.js';
import { applyColorMode, createColorMapper, type ColorMapper } from './print-colors.js';
import { cmykImagePlan, drawCmykImage, embedCmykImage, type CmykImage } from './print-images.js';
import type { BlendingSpace } from './transparency.js';
import type { SourceLocation } from '../../errors/briefing-error.js';
import { useMetadata, type DocumentMetadata } from './xmp.js';

/**
 * Everything the page composer needs to make a print or archive file, decided once per document
 * from the build's print options. The composer calls four hooks around its own drawing:
 *
 *     const job = planPrintJob(options, def.info, { printColors: def.printColors, language: def.language });
 *     const doc = new PDFDocument({ ...pdfKitOptions(job), autoFirstPage: false, bufferPages: … });
 *     beginDocument(doc, job);
 *     for each page:
 *       const g = job.geometry({ width, height });        // the trimmed page
 *       doc.addPage({ size: [g.media.width, g.media.height], margin: 0 });
 *       beginPage(doc, job, g);                            // boxes, then translate to the trim
 *       …draw the page in trim coordinates (extendToBleed for backgrounds)…
 *       endPage(doc, job, g);                              // restore, then marks
 *     endDocument(doc, job);                               // output intent, metadata
 *     doc.end();
 *
 * A plain build (no print options) changes nothing: plain geometry, no hooks with effect.
 */
export interface PrintJob {
  options: PrintOptions;
  /** A PDF/X-4 file for the press: `--color cmyk`. */
  pdfx: boolean;
  pdfa: boolean;
  /** A structure tree for screen readers; with `pdfa`, PDF/A-2a. */
  tagged: boolean;
  colors: ColorMapper;
  /** The blending space for transparency groups (the seal's Multiply, the watermark). */
  blendingSpace: BlendingSpace;
  /** PDF/X's printing condition; undefined otherwise. */
  condition?: PrintCondition;
  metadata: DocumentMetadata;
  language?: string;
  geometry(trim: { width: number; height: number }): PageGeometry;
}

export interface PrintJobInputs {
  /** style.yaml's print.colors, as the document definition carries them. */
  printColors?: Record<string, PrintColorSpec>;
  /** The print shop's own profile, when the project names one; else the bundled CGATS TR 006. */
  outputProfile?: { file: string; bytes: Buffer; identifier?: string; info?: string };
  language?: string;
}

export function planPrintJob(options: PrintOptions, info: Record<string, string | Date>, inputs: PrintJobInputs = {}): PrintJob {
  const pdfx = options.color === 'cmyk';
  const pdfa = !!options.pdfa;
  const tagged = !!options.tagged;
  let condition: PrintCondition | undefined;
  if (pdfx) {
    const own = inputs.outputProfile;
    condition = own
      ? { identifier: own.identifier ?? 'Custom', info: own.info ?? own.file, profile: checkPressProfile(readIccProfile(own.bytes, own.file), own.file) }
      : defaultPrintCondition();
  }
  const text = (key: string) => (typeof info[key] === 'string' ? info[key] : undefined);
  const created = info.creationDate instanceof Date ? info.creationDate : new Date(0);
  const metadata: DocumentMetadata = {
    title: text('title'), author: text('author'), subject: text('subject'), keywords: text('keywords'),
    creator: text('creator') ?? 'briefing', producer: text('producer') ?? 'briefing', created,
    // Level a: the level b file with a structure tree, Unicode for every glyph, and the language.
    ...(pdfa ? { pdfa: { part: 2, conformance: tagged ? 'A' : 'B' } } : {}),
    ...(pdfx ? { pdfx: 'PDF/X-4' } : {}),
  };
  return {
    options,
    pdfx,
    pdfa,
    tagged,
    colors: createColorMapper(pdfx ? 'cmyk' : 'rgb', inputs.printColors),
    blendingSpace: pdfx ? 'DeviceCMYK' : 'DeviceRGB',
    condition,
    metadata,
    language: inputs.language ?? (pdfa || tagged ? 'zh-CN' : undefined),
    geometry: (trim) => pageGeometry(trim, { bleed: options.bleed, marks: options.marks }),
  };
}

/**
 * Constructor options for pdfkit: PDF 1.6 for PDF/X-4, 1.7 with pdfkit's PDF/A-2 support (level a
 * when tagged) or for a tagged file, else pdfkit's default. Tagged: pdfkit's structure tree root
 * and MarkInfo, and the title shown in a viewer's title bar (what a screen reader announces).
 */
export function pdfKitOptions(job: PrintJob): Record<string, unknown> {
  return {
    ...(job.pdfx ? { pdfVersion: '1.6' } : job.pdfa ? { pdfVersion: '1.7', subset: job.tagged ? 'PDF/A-2a' : 'PDF/A-2b' } : job.tagged ? { pdfVersion: '1.7' } : {}),
    ...(job.tagged ? { tagged: true, displayTitle: true } : {}),
    ...(job.language ? { lang: job.language } : {}),
    // The file ID pdfkit derives from Info in its constructor: with the document's date, not the clock.
    info: { CreationDate: job.metadata.created },
  };
}

/** Once, right after `new PDFDocument(...)`, before any drawing. */
export function beginDocument(doc: PdfKitDocument, job: PrintJob): void {
  applyColorMode(doc, job.colors);
}

/** After each `doc.addPage(...)`: the page's boxes, then the origin moved to the trim's corner. */
export function beginPage(doc: PdfKitDocument, job: PrintJob, g: PageGeometry): void {
  setPageBoxes(doc, g, { always: job.pdfx });
  doc.save();
  if (g.trimOrigin.x || g.trimOrigin.y) doc.transform(1, 0, 0, 1, g.trimOrigin.x, g.trimOrigin.y);
}

/**
 * After the page's drawing: back to media coordinates, then the printer's marks. `around` wraps
 * the marks' drawing when there are any (a tagged PDF makes them artifacts).
 */
export function endPage(doc: PdfKitDocument, _job: PrintJob, g: PageGeometry, around?: (draw: () => void) => void): void {
  doc.restore();
  if (!g.marks.length) return;
  if (around) around(() => drawMarks(doc, g));
  else drawMarks(doc, g);
}

/** Once, just before `doc.end()`: the output intent (PDF/X) and metadata matching Info and XMP (PDF/X, PDF/A, tagged). */
export function endDocument(doc: PdfKitDocument, job: PrintJob): void {
  if (job.pdfx) writeOutputIntent(doc, 'GTS_PDFX', job.condition!);
  if (job.pdfx || job.pdfa || job.tagged) useMetadata(doc, job.metadata);
}

const converted = new WeakMap<PdfKitDocument, Map<Uint8Array, CmykImage>>();

/**
 * Draw an image (pdfkit coordinates, w × h pt) as the job's colour mode wants it: as it is, or in a
 * PDF/X file converted to CMYK (PNG; each image once per document) or refused (an RGB JPEG:
 * E_RGB_IMAGE at `where`, the data value that named it).
 */
export function placeImage(doc: PdfKitDocument, job: PrintJob, image: { bytes: Buffer; path: string; where?: SourceLocation }, x: number, y: number, w: number, h: number): void {
  if (!job.pdfx || cmykImagePlan(image.bytes, image.path, image.where) === 'as-is') {
    doc.image(image.bytes, x, y, { width: w, height: h });
    return;
  }
  let byImage = converted.get(doc);
  if (!byImage) converted.set(doc, (byImage = new Map<Uint8Array, CmykImage>()));
  let embedded = byImage.get(image.bytes);
  if (!embedded) byImage.set(image.bytes, (embedded = embedCmykImage(doc, image.bytes, job.colors.fixed)));
  drawCmykImage(doc, embedded, x, y, w, h);
}
