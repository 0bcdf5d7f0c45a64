import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { BriefingError, type SourceLocation } from '../../errors/briefing-error.js';
import type { Cmyk, PrintColorSpec } from '../../document/print-options.js';
import type { PdfKitDocument, PdfKitReference } from './pdfkit-document.js';
import { rgbToCmyk } from './print-colors.js';

export type ImageModel = 'gray' | 'rgb' | 'indexed' | 'cmyk' | 'unknown';

/** What an image file holds, read from its header alone (PNG IHDR, JPEG SOFn). */
export function imageColorModel(bytes: Uint8Array): { format: 'png' | 'jpeg' | 'other'; model: ImageModel; alpha: boolean } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 26 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    const type = b[25]!;
    const model: ImageModel = type === 0 || type === 4 ? 'gray' : type === 2 || type === 6 ? 'rgb' : type === 3 ? 'indexed' : 'unknown';
    // A palette image may carry transparency in a tRNS chunk: decoding tells (embedCmykImage).
    return { format: 'png', model, alpha: type === 4 || type === 6 };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return { format: 'jpeg', model: jpegModel(b), alpha: false };
  return { format: 'other', model: 'unknown', alpha: false };
}

/** Components of the first frame header: 1 grey, 3 YCbCr (RGB), 4 CMYK or YCCK. */
function jpegModel(b: Buffer): ImageModel {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return 'unknown';
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      const components = b[at + 9];
      return components === 1 ? 'gray' : components === 3 ? 'rgb' : components === 4 ? 'cmyk' : 'unknown';
    }
    at += 2 + length;
  }
  return 'unknown';
}

/**
 * How an image goes into a CMYK print file: grey and CMYK as they are, PNG in colour converted by
 * briefing (`embedCmykImage`), an RGB JPEG refused — decoding and re-compressing a photograph would
 * cost quality silently, and a photograph deserves the print shop's own separation.
 * `where` locates the image for the user: the data value that named it.
 */
export function cmykImagePlan(bytes: Uint8Array, path: string, where: SourceLocation = {}): 'as-is' | 'convert' {
  const { format, model } = imageColorModel(bytes);
  if (model === 'gray' || model === 'cmyk') return 'as-is';
  if (format === 'png' && (model === 'rgb' || model === 'indexed')) return 'convert';
  throw new BriefingError('E_RGB_IMAGE', { path, model: model === 'unknown' ? 'of an unknown colour model' : model.toUpperCase() }, where);
}

export interface CmykImage {
  ref: PdfKitReference;
  label: string;
  width: number;
  height: number;
}

interface ImageDocument extends PdfKitDocument {
  __briefingCmykImages?: number;
}

/**
 * An RGB or palette PNG as a DeviceCMYK image XObject (8 bits, deflated), its alpha as a soft mask.
 * Each pixel converts as a flat colour would: a colour the style fixes (`print.colors`, by exact
 * `#rrggbb`) gets its mix — a spot ink's CMYK equivalent, since an image has no spot channel — and
 * any other the rgbToCmyk rule. Call once per image per document; draw it with `drawCmykImage`.
 */
export function embedCmykImage(doc: PdfKitDocument, png: Uint8Array, fixed: Record<string, PrintColorSpec> = {}): CmykImage {
  // pngjs (some 25 files) loads with the first image converted, not with every build.
  const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs');
  const image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  const { width, height, data } = image;
  const cmyk = Buffer.alloc(width * height * 4);
  const alpha = Buffer.alloc(width * height);
  const cache = new Map<number, Cmyk>();
  let transparent = false;
  for (let i = 0, p = 0; p < width * height; p++, i += 4) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    let mix = cache.get(key);
    if (!mix) {
      const hex = `#${key.toString(16).padStart(6, '0')}`;
      mix = fixed[hex]?.cmyk ?? rgbToCmyk(data[i]!, data[i + 1]!, data[i + 2]!);
      cache.set(key, mix);
    }
    for (let c = 0; c < 4; c++) cmyk[p * 4 + c] = Math.round((mix[c]! / 100) * 255);
    alpha[p] = data[i + 3]!;
    if (data[i + 3]! < 255) transparent = true;
  }
  const dict: Record<string, unknown> = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8, ColorSpace: 'DeviceCMYK', Filter: 'FlateDecode' };
  if (transparent) {
    const mask = doc.ref({ Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' });
    mask.end(deflateSync(alpha));
    dict.SMask = mask;
  }
  const ref = doc.ref(dict);
  ref.end(deflateSync(cmyk));
  const d = doc as ImageDocument;
  d.__briefingCmykImages = (d.__briefingCmykImages ?? 0) + 1;
  return { ref, label: `ICmyk${d.__briefingCmykImages}`, width, height };
}

/** Draw an embedded CMYK image at (x, y), w × h pt, in pdfkit's coordinates (y down), on the current page. */
export function drawCmykImage(doc: PdfKitDocument, image: CmykImage, x: number, y: number, w: number, h: number): void {
  const xObjects = (doc.page.resources.data.XObject ??= {}) as Record<string, unknown>;
  xObjects[image.label] = image.ref;
  doc.save();
  doc.transform(w, 0, 0, -h, x, y + h);
  doc.addContent(`/${image.label} Do`);
  doc.restore();
}
