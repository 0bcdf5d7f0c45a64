import {
  decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRawStream,
  PDFRef, PDFStream, PDFString, type PDFObject,
} from 'pdf-lib';

/**
 * A PDF's objects as plain values, for tests that check structure (boxes, fonts, output intents,
 * metadata) rather than what a viewer shows. Read with pdf-lib, an independent parser: nothing
 * here knows how pdfkit formats its output.
 *
 * Names read `/Name`, strings their text, references stay `{ ref }` until `resolve`d, streams
 * are `{ dict, bytes }` with their filters undone.
 */
export type PdfValue = string | number | boolean | null | PdfValue[] | PdfDictValue | PdfRefValue | PdfStreamValue;
export interface PdfDictValue { [key: string]: PdfValue }
export interface PdfRefValue { ref: string }
export interface PdfStreamValue { dict: PdfDictValue; bytes: Buffer }

export interface PdfStructure {
  trailer: PdfDictValue;
  catalog: PdfDictValue;
  info: PdfDictValue;
  /** Page dictionaries in order, with inherited entries (Resources, MediaBox) filled in from the tree. */
  pages: PdfDictValue[];
  /** Every indirect object, resolved one level. */
  objects: Map<string, PdfValue>;
  resolve(value: PdfValue | undefined): PdfValue | undefined;
}

export async function readStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const { context } = doc;
  const objects = new Map<string, PdfValue>();
  for (const [ref, obj] of context.enumerateIndirectObjects()) objects.set(ref.toString(), convert(obj));
  const resolve = (value: PdfValue | undefined): PdfValue | undefined =>
    value && typeof value === 'object' && 'ref' in value ? objects.get((value as PdfRefValue).ref) : value;
  const t = context.trailerInfo;
  const trailer: PdfDictValue = {};
  if (t.Root) trailer.Root = convert(t.Root);
  if (t.Info) trailer.Info = convert(t.Info);
  if (t.Encrypt) trailer.Encrypt = convert(t.Encrypt);
  if (t.ID) trailer.ID = convert(t.ID);
  const catalog = resolve(trailer.Root) as PdfDictValue;
  const info = (resolveDeep(resolve(trailer.Info), resolve) ?? {}) as PdfDictValue;
  const pages = doc.getPages().map((page) => {
    const own = convert(page.node) as PdfDictValue;
    for (const key of ['Resources', 'MediaBox', 'CropBox', 'Rotate']) {
      const inherited = page.node.getInheritableAttribute(PDFName.of(key));
      if (!(key in own) && inherited) own[key] = convert(inherited);
    }
    return own;
  });
  return { trailer, catalog, info, pages, objects, resolve };
}

/** A value with its references followed, for small dictionaries such as Info. */
export function resolveDeep(value: PdfValue | undefined, resolve: (v: PdfValue | undefined) => PdfValue | undefined, depth = 4): PdfValue | undefined {
  const v = resolve(value);
  if (depth === 0 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => resolveDeep(x, resolve, depth - 1)!);
  if ('bytes' in v) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveDeep(x, resolve, depth - 1)!]));
}

function convert(obj: PDFObject): PdfValue {
  if (obj instanceof PDFRef) return { ref: obj.toString() };
  if (obj instanceof PDFName) return obj.asString();
  if (obj instanceof PDFNumber) return obj.asNumber();
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  if (obj instanceof PDFBool) return obj.asBoolean();
  if (obj === PDFNull) return null;
  if (obj instanceof PDFArray) return obj.asArray().map(convert);
  if (obj instanceof PDFStream) {
    const dict = convert(obj.dict) as PdfDictValue;
    const bytes = obj instanceof PDFRawStream ? Buffer.from(dict.Filter ? decodePDFRawStream(obj).decode() : obj.contents) : Buffer.from(obj.getContents());
    return { dict, bytes };
  }
  if (obj instanceof PDFDict) {
    const out: PdfDictValue = {};
    for (const [key, value] of obj.entries()) out[key.asString().slice(1)] = convert(value);
    return out;
  }
  return String(obj);
}

export const isStream = (v: PdfValue | undefined): v is PdfStreamValue => !!v && typeof v === 'object' && 'bytes' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDictValue => !!v && typeof v === 'object' && !Array.isArray(v) && !('bytes' in v) && !('ref' in v);
