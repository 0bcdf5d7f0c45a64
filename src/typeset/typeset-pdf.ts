import type { DocDefinition, Inline } from '../document/doc-definition.js';
import type { PrintOptions } from '../document/print-options.js';
import { BriefingError } from '../errors/briefing-error.js';
import { cacheSlot, type Caches } from '../host/caches.js';
import { auditContent, type LostText } from './audit/content-audit.js';
import { drawCopies, type CopyMarks, type DrawSetup, type Furniture } from './draw/draw-pages.js';
import { handleOf, loadPdfKit } from './draw/pdfkit-patches.js';
import type { PdfKit, PdfKitFont, PdfKitImage } from './draw/pdfkit-types.js';
import { StructureWriter, type TaggingDocument } from './draw/structure-tree.js';
import { applyFontFallback, type MissingGlyph } from './font-fallback.js';
import type { Face, FontSet } from './font-set.js';
import type { LayoutEnv } from './layout/block.js';
import type { SetLine } from './layout/frame.js';
import { flowBlocks } from './layout/layout-node.js';
import { paginate, type PageLayout } from './layout/paginate.js';
import { setText } from './layout/set-text.js';
import { LineMemo } from './linebreak/line-memo.js';
import type { PdfKitDocument } from './print/pdfkit-document.js';
import { cmykImagePlan } from './print/print-images.js';
import { beginDocument, endDocument, pdfKitOptions, planPrintJob, type PrintJobInputs } from './print/print-job.js';

/** One copy to print: its 份号 and the watermark across its pages (a recipient's name). */
export interface CopyRequest {
  copyNumber?: string;
  watermark?: string;
}

export interface TypesetOptions {
  /** The copies to print into this one PDF, each starting on an odd page; one plain copy by default. */
  copies?: CopyRequest[];
  /** Called with the pages of one copy once they are laid out, before anything is drawn: a page limit throws here. */
  checkPages?: (pages: number) => void;
  /** PDF/A, tagged PDF, bleed, marks, CMYK (document/print-options.ts); paper is the document stage's. */
  print?: PrintOptions;
  /** The print shop's output profile, read by the caller, for `print.color: cmyk`. */
  outputProfile?: PrintJobInputs['outputProfile'];
  /** The host's caches (the batch's or session's): paragraphs set there before are not set again. */
  caches?: Caches;
}

export interface TypesetResult {
  pdf: Buffer;
  /** Pages of one copy. */
  pages: number;
  missing: MissingGlyph[];
  /** Texts that are not on a page in full (the content audit); the build refuses to write such a PDF. */
  lost: LostText[];
  fontFiles: string[];
  /** How each page of one copy was filled, for checks of page composition. */
  layout: { used: number; height: number; end: PageLayout['end'] }[];
  /** Milliseconds spent laying out, auditing and drawing (npm run bench reports them). */
  timings: { layout: number; audit: number; draw: number };
}

/**
 * Paragraphs set with these caches, for the documents after this one. A bulletin sets 30 to 40 and
 * a paragraph takes a few KB: the bound keeps some fifty different briefings' worth (about 10 MB).
 */
export const SET_PARAGRAPHS = cacheSlot('set paragraphs', () => new LineMemo(2000));

/**
 * The typeset stage: fonts chosen per character, every text set by briefing's line breaker, blocks
 * placed on pages by briefing's composer, the placement audited, then drawn through pdfkit once per
 * copy. pdfmake's document definition is the input; pdfmake itself is not run (docs/architecture.md).
 */
export async function typesetPdf(def: DocDefinition, fonts: FontSet, options: TypesetOptions = {}): Promise<TypesetResult> {
  const copies = options.copies?.length ? options.copies : [{}];
  const { width: pageWidth, height: pageHeight } = def.pageSize;
  const [ml, mt, mr, mb] = def.pageMargins;
  const pn = def.pageNumber;
  const numberSample: Inline[] = pn ? [{ ...pn.inline, text: pn.format.replace(/\{(page|pages)\}/g, '0123456789') }] : [];
  const marks = [...new Set(copies.map((c) => c.watermark).filter((w): w is string => !!w))].map((text) => ({ text: [{ text, font: 'sans', fontSize: 48, leading: 1, color: '#888888' }] as Inline[] }));
  const { used, missing } = applyFontFallback([def.content, { text: numberSample }, marks], fonts);

  const PDFDocument = loadPdfKit();
  const job = planPrintJob(options.print ?? {}, def.info, { printColors: def.printColors, language: def.language, outputProfile: options.outputProfile });
  // A print file's images are checked before any work: an RGB JPEG is refused at the data naming it.
  if (job.pdfx) for (const key of Object.keys(def.images)) refuseRgbImage(def, key);
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    ...pdfKitOptions(job),
    info: pdfInfo(def.info),
  }) as PdfKit;
  const printDoc = doc as unknown as PdfKitDocument;
  beginDocument(printDoc, job);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk!));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const pdfFonts = new Map<Face, PdfKitFont>();
  const fontOf = (face: Face): PdfKitFont => {
    let font = pdfFonts.get(face);
    if (!font) {
      const servedFont = face.truetype();
      doc.registerFont(face.key, servedFont ? handleOf(servedFont) : face.bytes(), face.postscriptName);
      doc.font(face.key);
      pdfFonts.set(face, (font = doc._font));
    }
    return font;
  };
  // One Buffer per image: a print file converts each image once (print-job.ts keeps them by their bytes).
  const imageFiles = new Map<string, ReturnType<DrawSetup['imageFile']>>();
  const imageFile = (key: string) => {
    let file = imageFiles.get(key);
    if (!file) imageFiles.set(key, (file = { bytes: dataUrlBytes(def.images[key]!), path: def.imageSources?.[key]?.path ?? key, where: def.imageSources?.[key]?.where }));
    return file;
  };
  const images = new Map<string, PdfKitImage>();
  const image = (key: string): PdfKitImage => {
    let img = images.get(key);
    // The document stage read and checked every image (document/check-image.ts): it hands over bytes.
    if (!img) images.set(key, (img = doc.openImage(def.images[key]!)));
    return img;
  };
  const env: LayoutEnv = {
    faceOf: (run) => {
      const faces = fonts.roles.get(run.font)!;
      return run.bold && faces.bold ? faces.bold : faces.normal;
    },
    rules: def.typography,
    // Without caches, a memo for this document alone: a paragraph repeated in it is still set once.
    memo: options.caches?.get(SET_PARAGRAPHS) ?? new LineMemo(2000),
    pageHeight: pageHeight - mt - mb,
    imageSize: image,
  };

  const contentWidth = pageWidth - ml - mr;
  const t0 = performance.now();
  const pages = paginate(flowBlocks(def.content, contentWidth, env), env.pageHeight, { keepSpaceAtBreak: !!def.grid });
  options.checkPages?.(pages.length);
  const t1 = performance.now();
  const lost = auditContent(def.content, pages, { width: pageWidth, height: pageHeight, origin: [ml, mt] });
  const t2 = performance.now();

  const furniture: Furniture = {};
  if (pn) {
    const sample = numberSample;
    furniture.pageNumber = (page, count) => {
      if (pn.skipFirst && page === 1) return undefined;
      const text = pn.format.replaceAll('{page}', String(page)).replaceAll('{pages}', String(count));
      const [line] = setText({ text: restyle(text, sample), noWrap: true }, contentWidth, env);
      if (!line) return undefined;
      const align = pn.align === 'outside' ? (page % 2 ? 'right' : 'left') : pn.align;
      // One character's space from the block edge on the outside, as GB/T 9704 places it.
      const inset = pn.align === 'outside' ? pn.inline.fontSize : 0;
      const x = align === 'left' ? ml + inset : align === 'right' ? pageWidth - mr - inset - line.width : ml + (contentWidth - line.width) / 2;
      return { line, x, y: pageHeight - mb + pn.offset };
    };
  }
  const markLines = new Map<string, SetLine>();
  marks.forEach((m) => markLines.set(m.text.map((r) => r.text).join(''), setText({ text: m.text, noWrap: true }, contentWidth, env)[0]!));
  const copyMarks: CopyMarks[] = copies.map((c, i) => ({
    ...(c.copyNumber !== undefined ? { copyNumber: c.copyNumber } : {}),
    ...(c.watermark ? { watermark: markLines.get(c.watermark) } : {}),
    idSuffix: i === 0 ? '' : `-copy${i + 1}`,
    outline: i === 0,
  }));
  const tags = job.tagged ? new StructureWriter(doc as unknown as TaggingDocument, def.content) : undefined;
  const sheet = job.geometry({ width: pageWidth, height: pageHeight });
  drawCopies({ doc, job, sheet, origin: [ml, mt], fontOf, image, imageFile, furniture, ...(def.band ? { band: def.band } : {}), ...(tags ? { tags } : {}) }, pages, copyMarks);
  endDocument(printDoc, job);
  doc.end();
  await finished;
  const t3 = performance.now();
  return {
    pdf: Buffer.concat(chunks),
    pages: pages.length,
    missing,
    lost,
    fontFiles: [...used].map((f) => f.file),
    layout: pages.map((p) => ({ used: p.used, height: env.pageHeight, end: p.end })),
    timings: { layout: t1 - t0, audit: t2 - t1, draw: t3 - t2 },
  };
}

/** pdfkit's Info keys from the document's (pdfmake's lower-case names). */
function pdfInfo(info: Record<string, string | Date>): Record<string, string | Date> {
  const out: Record<string, string | Date> = {};
  for (const [k, v] of Object.entries(info)) out[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  return out;
}

/** The bytes of an image the document stage handed over as a data: URL. */
function dataUrlBytes(url: string): Buffer {
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

/**
 * An image a CMYK print file cannot take (an RGB JPEG) stops the build before anything is drawn.
 * The error names the file as the data does, so the build can point at that value.
 */
function refuseRgbImage(def: DocDefinition, key: string): void {
  const source = def.imageSources?.[key];
  try {
    cmykImagePlan(dataUrlBytes(def.images[key]!), source?.path ?? key, source?.where);
  } catch (e) {
    if (e instanceof BriefingError && source) e.params.probe = source.path;
    throw e;
  }
}

/** `text` in the fonts font fallback chose for the same characters of `sample`. */
function restyle(text: string, sample: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const ch of text) {
    const run = sample.find((r) => r.text.includes(ch)) ?? sample[0]!;
    const last = out[out.length - 1];
    if (last && last.font === run.font && last.bold === run.bold) last.text += ch;
    else out.push({ ...run, text: ch });
  }
  return out;
}
