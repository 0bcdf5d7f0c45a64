import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  str: string;
  x: number;
  /** Distance from the page top, in pt. */
  y: number;
  width: number;
  height: number;
  fontName: string;
  /** With readPdf's `fonts` option: the font's PostScript name without the subset tag ("NotoSerifCJKsc-Regular"). */
  baseFont?: string;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfTextItem[];
  /** The page's text in reading order (top to bottom, left to right), without spaces between items. */
  text: string;
}

export interface PdfRead {
  pages: PdfPage[];
  info: Record<string, unknown>;
  outline: { title: string; items: { title: string }[] }[];
  /** Font resources as written in the file: BaseFont names and whether their program is embedded. */
  fonts: { baseFont: string; subset: boolean; embedded: boolean }[];
  bytes: Buffer;
}

/** Read a PDF back the way a reader's viewer would: text with positions, metadata, fonts. */
export async function readPdf(file: string, opts: { fonts?: boolean } = {}): Promise<PdfRead> {
  const bytes = readFileSync(file);
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    // Fonts are loaded (and their names known) only when the page's drawing is parsed.
    if (opts.fonts) await page.getOperatorList();
    const content = await page.getTextContent();
    const items: PdfTextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      items.push({ str: it.str, x: it.transform[4], y: y1 - it.transform[5], width: it.width, height: it.height, fontName: it.fontName, ...(opts.fonts ? { baseFont: baseFontOf(page, it.fontName) } : {}) });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, items, text: readingOrder(items) });
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []) as PdfRead['outline'];
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown>, outline, fonts: fontsOf(bytes), bytes };
}

/** pdf.js names a font by its load id; the loaded font object knows the BaseFont it came from. */
function baseFontOf(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, id: string): string {
  const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
  return (font?.name ?? '').replace(/^[A-Z]{6}\+/, '');
}

function readingOrder(items: PdfTextItem[]): string {
  const sorted = [...items].sort((a, b) => (Math.abs(a.y - b.y) > 2 ? a.y - b.y : a.x - b.x));
  return sorted.map((i) => i.str).join('').replace(/\s+/g, '');
}

/** pdfkit writes font dictionaries uncompressed, so their names can be read from the bytes. */
function fontsOf(bytes: Buffer): PdfRead['fonts'] {
  const text = bytes.toString('latin1');
  const fonts: PdfRead['fonts'] = [];
  const descriptors = text.match(/\/FontFile[23]?/g) ?? [];
  for (const m of text.matchAll(/\/Type \/Font\s*\/Subtype \/CIDFontType[02]\s*\/BaseFont \/([A-Za-z0-9+\-_]+)/g)) {
    const baseFont = m[1]!;
    fonts.push({ baseFont, subset: /^[A-Z]{6}\+/.test(baseFont), embedded: descriptors.length > 0 });
  }
  return fonts;
}
