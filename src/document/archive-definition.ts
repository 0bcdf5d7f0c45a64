import type { DocDefinition } from './doc-definition.js';

/** The PDF/A part and level briefing writes: 2b, on PDF 1.7 (ISO 32000-1), as ISO 19005-2 asks. */
export const PDFA_SUBSET = 'PDF/A-2b';
const PDFA_VERSION = '1.7';

/**
 * What turns a document definition into a PDF/A-2b one. pdfmake hands `version`, `subset` and
 * `language` to pdfkit, which then writes the XMP packet (with pdfaid), the sRGB output intent and
 * the /Lang entry; the rest is making the Info dictionary one that pdfkit's XMP can match:
 * - no ModDate: pdfkit writes no xmp:ModifyDate, and ISO 19005-2 §6.6.3 wants every Info entry
 *   that has an XMP analogue mirrored there; a file without ModDate is still a valid PDF/A;
 * - `&` and `<` in Title, Author, Subject and Keywords are written as ＆ and ＜: pdfkit copies the
 *   text into the XMP without escaping it, and an unescaped `&` makes the packet invalid XML.
 */
export function archivalDefinition(def: DocDefinition): DocDefinition {
  const { modDate: _dropped, ...kept } = def.info;
  const info: Record<string, string | Date> = {};
  for (const [key, value] of Object.entries(kept)) info[key] = typeof value === 'string' ? xmpSafe(value) : value;
  return { ...def, info, version: PDFA_VERSION, subset: PDFA_SUBSET, language: def.language ?? 'zh-CN' };
}

function xmpSafe(text: string): string {
  return text.replaceAll('&', '＆').replaceAll('<', '＜');
}
