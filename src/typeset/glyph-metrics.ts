import { createRequire } from 'node:module';
import type { Face } from './font-set.js';

interface FontkitFont {
  unitsPerEm: number;
  _cmapProcessor?: { lookup(cp: number): number };
  hmtx?: { metrics: { get(i: number): { advance: number } | undefined; length: number } };
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

const require = createRequire(import.meta.url);
/**
 * Keyed by the font's bytes (which font-set.ts keeps per file) and, for a collection, the face's
 * name: one parse per face per process, however many documents and FontSets use it.
 */
const fonts = new WeakMap<Buffer, Map<string, FontkitFont>>();
const advances = new WeakMap<Buffer, Map<string, Map<number, number>>>();

function perFace<T>(store: WeakMap<Buffer, Map<string, T>>, face: Face, make: () => T): T {
  let byName = store.get(face.bytes());
  if (!byName) store.set(face.bytes(), (byName = new Map()));
  const key = face.postscriptName ?? '';
  let value = byName.get(key);
  if (value === undefined) byName.set(key, (value = make()));
  return value;
}

/**
 * Advance widths in font units, read straight from cmap and hmtx: the numbers pdfkit uses when
 * it lays out CJK text (which has no kerning), without fontkit's per-call shaping cost.
 */
export function advanceOf(face: Face, cp: number): number {
  const cache = perFace(advances, face, () => new Map<number, number>());
  let adv = cache.get(cp);
  if (adv === undefined) {
    const font = fontkitFont(face);
    const cmap = font._cmapProcessor;
    const metrics = font.hmtx?.metrics;
    if (cmap && metrics) {
      const gid = cmap.lookup(cp);
      // hmtx may list fewer advances than glyphs: the last one repeats.
      adv = (metrics.get(gid) ?? metrics.get(metrics.length - 1))?.advance ?? font.unitsPerEm;
    } else {
      adv = font.glyphForCodePoint(cp).advanceWidth;
    }
    cache.set(cp, adv);
  }
  return adv;
}

/** Width of a string in pt at `size`, as the sum of its characters' advances. */
export function widthOf(face: Face, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += advanceOf(face, ch.codePointAt(0)!);
  return (units * size) / face.metrics().unitsPerEm;
}

function fontkitFont(face: Face): FontkitFont {
  return perFace(fonts, face, () => {
    const fontkit = require('fontkit') as { create(b: Buffer, name?: string): FontkitFont };
    return fontkit.create(face.bytes(), face.postscriptName);
  });
}
