import { createRequire } from 'node:module';
import type { Face } from './font-set.js';

interface FontkitFont {
  unitsPerEm: number;
  _cmapProcessor?: { lookup(cp: number): number };
  hmtx?: { metrics: { get(i: number): { advance: number } | undefined; length: number } };
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

const require = createRequire(import.meta.url);
const fonts = new WeakMap<Face, FontkitFont>();
const advances = new WeakMap<Face, Map<number, number>>();

/**
 * Advance widths in font units, read straight from cmap and hmtx: the numbers pdfkit uses when
 * it lays out CJK text (which has no kerning), without fontkit's per-call shaping cost.
 */
export function advanceOf(face: Face, cp: number): number {
  let cache = advances.get(face);
  if (!cache) advances.set(face, (cache = new Map()));
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
  let font = fonts.get(face);
  if (!font) {
    const fontkit = require('fontkit') as { create(b: Buffer, name?: string): FontkitFont };
    font = fontkit.create(face.bytes(), face.postscriptName);
    fonts.set(face, font);
  }
  return font;
}
