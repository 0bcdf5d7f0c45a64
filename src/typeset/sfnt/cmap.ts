import { viewOf, type SfntFile } from './sfnt-file.js';

/** Code point → glyph id, read straight from the font's cmap; 0 (.notdef) when unmapped. */
export type CmapLookup = (cp: number) => number;

/**
 * The best Unicode subtable the font has: format 12 (full Unicode) before format 4 (BMP only),
 * as PDF readers and fontkit prefer. Undefined when the font has neither.
 */
export function readCmap(font: SfntFile): CmapLookup | undefined {
  if (lookups.has(font)) return lookups.get(font);
  const table = bestSubtable(font);
  const lookup = table && (table.view.getUint16(table.at) === 12 ? format12(table.view, table.at) : format4(table.view, table.at));
  lookups.set(font, lookup);
  return lookup;
}

/** One lookup per opened font: the line breaker, pdfkit's font and coverage all ask for it. */
const lookups = new WeakMap<SfntFile, CmapLookup | undefined>();

/** Every code point the font maps to a glyph other than .notdef, ascending. */
export function mappedCodePoints(font: SfntFile): number[] | undefined {
  const table = bestSubtable(font);
  const lookup = table && readCmap(font);
  if (!table || !lookup) return undefined;
  const { view: v, at } = table;
  const out: number[] = [];
  if (v.getUint16(at) === 12) {
    const groups = v.getUint32(at + 12);
    for (let i = 0; i < groups; i++) {
      const g = at + 16 + i * 12;
      for (let cp = v.getUint32(g), end = Math.min(v.getUint32(g + 4), 0x10ffff); cp <= end; cp++) if (lookup(cp)) out.push(cp);
    }
  } else {
    const segments = v.getUint16(at + 6) / 2;
    for (let i = 0; i < segments; i++) {
      const end = v.getUint16(at + 14 + i * 2);
      for (let cp = v.getUint16(at + 16 + segments * 2 + i * 2); cp <= end && cp < 0xffff; cp++) if (lookup(cp)) out.push(cp);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

function bestSubtable(font: SfntFile): { view: DataView; at: number } | undefined {
  if (!font.has('cmap')) return undefined;
  const view = viewOf(font.table('cmap'));
  const count = view.getUint16(2);
  let best: { rank: number; at: number } | undefined;
  for (let i = 0; i < count && 4 + i * 8 + 8 <= view.byteLength; i++) {
    const rec = 4 + i * 8;
    const at = view.getUint32(rec + 4);
    if (at + 2 > view.byteLength) continue;
    const rank = rankOf(view.getUint16(rec), view.getUint16(rec + 2), view.getUint16(at));
    if (rank > 0 && (!best || rank > best.rank)) best = { rank, at };
  }
  return best && { view, at: best.at };
}

function rankOf(platform: number, encoding: number, format: number): number {
  const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
  if (!unicode) return 0;
  if (format === 12) return 2;
  if (format === 4) return 1;
  return 0;
}

function format12(v: DataView, at: number): CmapLookup {
  const groups = v.getUint32(at + 12);
  const starts = new Uint32Array(groups);
  const ends = new Uint32Array(groups);
  const glyphs = new Uint32Array(groups);
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    starts[i] = v.getUint32(g);
    ends[i] = v.getUint32(g + 4);
    glyphs[i] = v.getUint32(g + 8);
  }
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < starts[mid]!) hi = mid - 1;
      else if (cp > ends[mid]!) lo = mid + 1;
      else return glyphs[mid]! + cp - starts[mid]!;
    }
    return 0;
  };
}

function format4(v: DataView, at: number): CmapLookup {
  const segments = v.getUint16(at + 6) / 2;
  const endsAt = at + 14;
  const startsAt = endsAt + segments * 2 + 2;
  const deltasAt = startsAt + segments * 2;
  const rangesAt = deltasAt + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segments - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const end = v.getUint16(endsAt + mid * 2);
      const start = v.getUint16(startsAt + mid * 2);
      if (cp > end) lo = mid + 1;
      else if (cp < start) hi = mid - 1;
      else {
        const delta = v.getInt16(deltasAt + mid * 2);
        const rangeOffset = v.getUint16(rangesAt + mid * 2);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const glyph = v.getUint16(rangesAt + mid * 2 + rangeOffset + (cp - start) * 2);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
    }
    return 0;
  };
}
