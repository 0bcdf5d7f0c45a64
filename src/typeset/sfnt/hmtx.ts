import type { SfntFile } from './sfnt-file.js';

/** Advance widths and left side bearings by glyph id, in font units (hhea + hmtx). */
export class HorizontalMetrics {
  private readonly hmtx: DataView;
  private readonly longCount: number;
  private readonly glyphCount: number;

  constructor(font: SfntFile) {
    this.hmtx = font.view('hmtx');
    this.longCount = font.view('hhea').getUint16(34);
    this.glyphCount = font.has('maxp') ? font.view('maxp').getUint16(4) : this.longCount;
  }

  static canRead(font: SfntFile): boolean {
    return font.has('hhea') && font.has('hmtx');
  }

  /** Glyphs past the last full record share its advance (monospaced tails, per the spec). */
  advance(gid: number): number {
    return this.hmtx.getUint16(Math.min(gid, this.longCount - 1) * 4);
  }

  leftBearing(gid: number): number {
    if (gid < this.longCount) return this.hmtx.getInt16(gid * 4 + 2);
    return gid < this.glyphCount ? this.hmtx.getInt16(this.longCount * 4 + (gid - this.longCount) * 2) : 0;
  }
}
