import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { DocDefinition, Inline } from '../document/doc-definition.js';
import { isWithin } from '../host/gate.js';
import { applyFontFallback, type MissingGlyph } from './font-fallback.js';
import type { Face, FontSet } from './font-set.js';
import { layoutParagraphs } from './layout-paragraphs.js';
import { applyPdfmakePatches, handleOf } from './pdfmake-patches.js';

export interface TypesetOptions {
  /** Folders pdfmake may read images from (the project). Fonts are handed over as bytes. */
  readableRoots: string[];
  /** 份号 printed in every <copy-number/> slot. */
  copyNumber?: string;
  /** Printed faintly across every page (a recipient's name on a controlled copy). */
  watermark?: string;
  /** Several copies in one PDF, each `pages` long and starting on an odd page: number pages per copy. */
  copyPages?: number;
}

export interface TypesetResult {
  pdf: Buffer;
  pages: number;
  missing: MissingGlyph[];
  fontFiles: string[];
}

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void; existsSync(name: string): boolean };
  setFonts(f: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

/** pdfmake is loaded here and only here, so commands that do not typeset never pay for it. */
function engine(): PdfMake {
  if (!pdfmake) {
    const require = createRequire(import.meta.url);
    applyPdfmakePatches();
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setUrlAccessPolicy(() => false);
  }
  return pdfmake;
}

/** Lay out and write the PDF in memory: fonts chosen per character, page numbers, 份号. */
export async function typesetPdf(def: DocDefinition, fonts: FontSet, options: TypesetOptions): Promise<TypesetResult> {
  const pm = engine();
  if (options.copyNumber !== undefined) {
    for (const slot of def.copyNumberSlots) (slot.text as Inline[])[0]!.text = options.copyNumber;
  }
  let pages = 0;
  const footer = pageNumberFooter(def, (n) => (pages = n), options.copyPages);
  const mark = options.watermark ? { text: [{ text: options.watermark, font: 'sans', fontSize: 12, leading: 1 }] } : undefined;
  const { used, missing } = applyFontFallback([def.content, footer.sample, mark ?? []], fonts);
  layoutParagraphs(def.content, fonts, def.typography);

  const families: Record<string, Record<string, string | [string, string]>> = {};
  for (const face of used) register(pm, face, families);
  for (const [role, faces] of fonts.roles) {
    // pdfmake resolves a family's faces eagerly by name; roles nobody used get their normal key.
    if (!families[role]) families[role] = { normal: faces.normal.key };
  }
  for (const fam of Object.values(families)) {
    fam.bold ??= fam.normal!;
    fam.italics = fam.normal!;
    fam.bolditalics = fam.bold;
  }
  pm.setFonts(families);
  pm.setLocalAccessPolicy((path) => options.readableRoots.some((root) => isWithin(root, resolve(path))));

  const { pageNumber: _pn, copyNumberSlots: _slots, typography: _t, ...definition } = def;
  const watermark = mark && { text: options.watermark, font: (mark.text[0] as Inline).font, color: '#888888', opacity: 0.12, fontSize: 48 };
  const pdf = await pm.createPdf({ ...definition, footer: footer.fn, compress: true, ...(watermark ? { watermark } : {}) }).getBuffer();
  return { pdf, pages, missing, fontFiles: [...used].map((f) => f.file) };
}

function register(pm: PdfMake, face: Face, families: Record<string, Record<string, string | [string, string]>>): void {
  if (!pm.virtualfs.existsSync(face.key)) {
    const served = face.truetype();
    pm.virtualfs.writeFileSync(face.key, served ? handleOf(served) : face.bytes());
  }
  const family = (families[face.role] ??= {});
  family[face.weight] = face.postscriptName ? [face.key, face.postscriptName] : face.key;
}

/**
 * The footer pdfmake calls for every page. Its runs are built once from a sample so font
 * fallback has seen them (digits and dashes), then copied per page with the number filled in.
 */
function pageNumberFooter(def: DocDefinition, onCount: (n: number) => void, copyPages?: number) {
  const pn = def.pageNumber;
  const sample = pn ? { text: [{ ...pn.inline, text: pn.format.replace(/\{(page|pages)\}/g, '0123456789') }] } : { text: [] };
  const [left, , right] = def.pageMargins;
  const stride = copyPages ? copyPages + (copyPages % 2) : 0;
  const fn = (absolutePage: number, absoluteCount: number) => {
    onCount(absoluteCount);
    // In combined copies each copy counts its own pages; the blank page after an odd copy has none.
    const page = stride ? ((absolutePage - 1) % stride) + 1 : absolutePage;
    const count = stride ? copyPages! : absoluteCount;
    if (!pn || page > count || (pn.skipFirst && page === 1)) return null;
    const text = pn.format.replaceAll('{page}', String(page)).replaceAll('{pages}', String(count));
    const runs = (sample.text as Inline[]).map((r) => ({ ...r, text: '' }));
    const first = runs[0] ?? { ...pn.inline, text: '' };
    const alignment = pn.align === 'outside' ? (page % 2 ? 'right' : 'left') : pn.align;
    // One character's space from the block edge on the outside, as GB/T 9704 places it.
    const inset = pn.align === 'outside' ? pn.inline.fontSize : 0;
    return { text: [{ ...first, text }], alignment, margin: [left + (alignment === 'left' ? inset : 0), pn.offset, right + (alignment === 'right' ? inset : 0), 0] };
  };
  return { fn, sample };
}
