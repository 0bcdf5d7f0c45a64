import { createRequire } from 'node:module';
import type { Face } from './font-set.js';
import { readCmap } from './sfnt/cmap.js';
import { HorizontalMetrics } from './sfnt/hmtx.js';
import type { SfntFile } from './sfnt/sfnt-file.js';

type AdvanceReader = (cp: number) => number;

/** Keyed by the opened font (font-set.ts opens each once per process), so batches share it. */
const readers = new WeakMap<SfntFile, AdvanceReader>();

/**
 * Advance widths in font units, read straight from cmap and hmtx: the numbers the PDF is set
 * with (see sfnt/truetype-font.ts), without parsing the font's outlines.
 */
export function advanceOf(face: Face, cp: number): number {
  return readerOf(face)(cp);
}

/** Width of a string in pt at `size`, as the sum of its characters' advances. */
export function widthOf(face: Face, text: string, size: number): number {
  const advance = readerOf(face);
  let units = 0;
  // By code point, as for…of would walk the string, without a string per character.
  for (let at = 0; at < text.length; ) {
    const cp = text.codePointAt(at)!;
    at += cp > 0xffff ? 2 : 1;
    units += advance(cp);
  }
  return (units * size) / face.metrics().unitsPerEm;
}

function readerOf(face: Face): AdvanceReader {
  const file = face.sfnt();
  let reader = readers.get(file);
  if (!reader) readers.set(file, (reader = makeReader(face, file)));
  return reader;
}

function makeReader(face: Face, file: SfntFile): AdvanceReader {
  // A font briefing serves to pdfkit measures with the very glyphs it prints (and caches them).
  const served = face.truetype();
  if (served) return (cp) => served.advanceOf(cp);
  const cache = new Map<number, number>();
  const cmap = readCmap(file);
  let advance: AdvanceReader;
  if (cmap && HorizontalMetrics.canRead(file)) {
    const metrics = new HorizontalMetrics(file);
    advance = (cp) => metrics.advance(cmap(cp));
  } else {
    // A font whose cmap briefing cannot read itself (a symbol or legacy encoding): ask fontkit.
    const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer, name?: string): { glyphForCodePoint(cp: number): { advanceWidth: number } } };
    const font = fontkit.create(face.bytes(), face.postscriptName);
    advance = (cp) => font.glyphForCodePoint(cp).advanceWidth;
  }
  return (cp) => {
    let adv = cache.get(cp);
    if (adv === undefined) cache.set(cp, (adv = advance(cp)));
    return adv;
  };
}
