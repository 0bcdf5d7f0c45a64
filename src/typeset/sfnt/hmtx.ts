import type { SfntFile } from './sfnt-file.js';

/** Advance widths and left side bearings by glyph id, in font units (hhea + hmtx). */
export class HorizontalMetrics {
  private readonly at: number;
  private readonly longCount: number;
  private readonly glyphCount: number;

  constructor(private readonly font: SfntFile) {
    this.at = font.offset('hmtx');
    this.longCount = font.view.getUint16(font.offset('hhea') + 34);
    this.glyphCount = font.has('maxp') ? font.view.getUint16(font.offset('maxp') + 4) : this.longCount;
  }

  static canRead(font: SfntFile): boolean {
    return font.has('hhea') && font.has('hmtx');
  }

  /** Glyphs past the last full record share its advance (monospaced tails, per the spec). */
  advance(gid: number): number {
    const i = Math.min(gid, this.longCount - 1);
    return this.font.view.getUint16(this.at + i * 4);
  }

  leftBearing(gid: number): number {
    if (gid < this.longCount) return this.font.view.getInt16(this.at + gid * 4 + 2);
    const extra = this.at + this.longCount * 4 + (gid - this.longCount) * 2;
    return gid < this.glyphCount ? this.font.view.getInt16(extra) : 0;
  }
}
