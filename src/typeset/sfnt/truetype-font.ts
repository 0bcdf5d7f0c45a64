import { readCmap, type CmapLookup } from './cmap.js';
import { BytesSource } from './font-source.js';
import { HorizontalMetrics } from './hmtx.js';
import { SfntFile } from './sfnt-file.js';
import { TrueTypeSubset } from './truetype-subset.js';

/**
 * A TrueType font as pdfkit uses it, read directly from the font's bytes: the part of fontkit's
 * font interface pdfkit's EmbeddedFont calls (metrics, layout, getGlyph, createSubset).
 *
 * Why not fontkit: fontkit decodes whole tables through restructure and re-parses glyphs to
 * subset, the largest cost of a build. briefing's own line breaker has already decided every
 * glyph's place, so text needs no OpenType shaping here: a character is its cmap glyph with its
 * hmtx advance, which is also exactly what the line breaker measured (glyph-metrics.ts).
 */
/** The features key a run's per-character spacing rides under (see layout()). */
export const GLYPH_SPACING = 'briefingGlyphSpacing';

const EM_DASH = 0x2014;
const TWO_EM_DASH = 0x2e3a;

export interface LaidOutGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** fontkit's GlyphRun: pdfkit scales the positions in place, then reads advanceWidth. */
class GlyphRun {
  constructor(
    readonly glyphs: LaidOutGlyph[],
    readonly positions: Position[],
  ) {}

  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

export class TrueTypeFont {
  readonly postscriptName: string | undefined;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly capHeight: number | undefined;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly head: { macStyle: { italic: boolean }; checkSumAdjustment: number };
  readonly post: { isFixedPitch: boolean };
  readonly 'OS/2': { sFamilyClass: number } | undefined;
  /** pdfkit compares fonts of one name through these before reusing one. */
  readonly _tables: { head: { checkSumAdjustment: number } };

  readonly metrics: HorizontalMetrics;
  private readonly glyphByCodePoint = new Map<number, LaidOutGlyph>();
  /** The glyph "——" is drawn with; null until asked, undefined when the font has none. */
  private dashPair: LaidOutGlyph | undefined | null = null;
  /** Outlines read so far: a batch reads each glyph it prints once. */
  private readonly outlines = new Map<number, Uint8Array>();
  private readonly loca: DataView;
  private readonly longLoca: boolean;

  private constructor(
    readonly file: SfntFile,
    readonly lookup: CmapLookup,
  ) {
    const head = file.view('head');
    const hhea = file.view('hhea');
    this.metrics = new HorizontalMetrics(file);
    this.loca = file.view('loca');
    this.longLoca = head.getInt16(50) === 1;
    this.postscriptName = file.postscriptName();
    this.unitsPerEm = head.getUint16(18);
    this.bbox = { minX: head.getInt16(36), minY: head.getInt16(38), maxX: head.getInt16(40), maxY: head.getInt16(42) };
    const checkSumAdjustment = head.getUint32(8);
    this.head = { macStyle: { italic: (head.getUint16(44) & 2) !== 0 }, checkSumAdjustment };
    this._tables = { head: { checkSumAdjustment } };
    this.ascent = hhea.getInt16(4);
    this.descent = hhea.getInt16(6);
    this.lineGap = hhea.getInt16(8);
    const post = file.has('post') ? file.view('post') : undefined;
    this.italicAngle = post ? post.getInt32(4) / 65536 : 0;
    this.post = { isFixedPitch: post !== undefined && post.getUint32(12) !== 0 };
    // As fontkit reads OS/2: x-height and cap height exist from version 2 on.
    const os2 = file.has('OS/2') ? file.view('OS/2') : undefined;
    const os2Version = os2 ? os2.getUint16(0) : -1;
    this['OS/2'] = os2 && { sFamilyClass: os2.getInt16(30) };
    this.xHeight = os2Version >= 2 ? os2!.getInt16(86) : 0;
    this.capHeight = !os2 ? this.ascent : os2Version >= 2 ? os2.getInt16(88) : undefined;
  }

  /**
   * The font when briefing can serve it itself: TrueType outlines, a Unicode cmap, horizontal
   * metrics, no variations. Otherwise undefined, and fontkit handles it (CFF, variable fonts).
   */
  static from(file: SfntFile): TrueTypeFont | undefined {
    for (const tag of ['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf']) if (!file.has(tag)) return undefined;
    if (file.has('fvar')) return undefined;
    const lookup = readCmap(file);
    return lookup && new TrueTypeFont(file, lookup);
  }

  /** A font handed over as bytes (a user's font pdfkit was given directly). */
  static open(bytes: Uint8Array, postscriptName?: string): TrueTypeFont | undefined {
    const opened = SfntFile.open(new BytesSource(bytes), postscriptName);
    return opened.ok ? TrueTypeFont.from(opened.font) : undefined;
  }

  /** A glyph's outline as stored in glyf (empty for a blank glyph). */
  outline(gid: number): Uint8Array {
    let data = this.outlines.get(gid);
    if (!data) {
      const at = (i: number) => (this.longLoca ? this.loca.getUint32(i * 4) : this.loca.getUint16(i * 2) * 2);
      this.outlines.set(gid, (data = this.file.range('glyf', at(gid), at(gid + 1))));
    }
    return data;
  }

  /** Advance of the glyph a code point maps to, in font units. */
  advanceOf(cp: number): number {
    return this.glyphFor(cp).advanceWidth;
  }

  getGlyph(gid: number): { id: number; advanceWidth: number } {
    return { id: gid, advanceWidth: this.metrics.advance(gid) };
  }

  /**
   * One glyph per character; variation selectors choose no glyph of their own. A run may carry,
   * under GLYPH_SPACING in its features, the space after each character in em: the line breaker's
   * decisions, which pdfkit then measures and writes as TJ adjustments in one text operation.
   */
  layout(text: string, features?: Record<string, unknown>): GlyphRun {
    const { glyphs, advances } = this.glyphsOf(text, features);
    return new GlyphRun(glyphs, advances.map((xAdvance) => ({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 })));
  }

  /**
   * layout()'s glyphs and their advances in font units, without a position object per glyph:
   * what briefing's own line writer reads (draw/write-line.ts), a glyph at a time.
   */
  glyphsOf(text: string, features?: Record<string, unknown>): { glyphs: LaidOutGlyph[]; advances: number[] } {
    const glyphs: LaidOutGlyph[] = [];
    const advances: number[] = [];
    const spacing = features?.[GLYPH_SPACING] as readonly number[] | undefined;
    const extraAt = (k: number) => (spacing ? (spacing[k] ?? 0) * this.unitsPerEm : 0);
    let i = 0;
    let pendingDash = false;
    // By code point, as for…of would walk the string, without a string per character.
    let at = 0;
    while (at < text.length) {
      const cp = text.codePointAt(at)!;
      at += cp > 0xffff ? 2 : 1;
      const extra = extraAt(i);
      i++;
      if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) continue;
      // The second dash of ——: the pair becomes the font's 2-em rule (see twoEmDash).
      if (pendingDash && cp === EM_DASH) {
        pendingDash = false;
        const last = advances.length - 1;
        glyphs[last] = this.twoEmDash()!;
        advances[last] = advances[last]! + (this.glyphFor(EM_DASH).advanceWidth + extra);
        continue;
      }
      const glyph = this.glyphFor(cp);
      pendingDash = cp === EM_DASH && this.twoEmDash() !== undefined;
      glyphs.push(glyph);
      advances.push(glyph.advanceWidth + extra);
    }
    return { glyphs, advances };
  }

  /**
   * "——" drawn as one glyph: the font's two-em dash (U+2E3A) when it is exactly two of its em
   * dashes wide, so the rule is continuous where two dashes side by side would leave a gap between
   * their side bearings (Noto CJK, WenKai). It still reads as "——" (its ToUnicode entry holds both
   * dashes) and measures as two dashes, which is what the line breaker counted.
   */
  private twoEmDash(): LaidOutGlyph | undefined {
    if (this.dashPair === null) {
      const id = this.lookup(TWO_EM_DASH);
      const ok = id !== 0 && this.metrics.advance(id) === 2 * this.glyphFor(EM_DASH).advanceWidth;
      this.dashPair = ok ? Object.freeze({ id, advanceWidth: this.metrics.advance(id), codePoints: [EM_DASH, EM_DASH] }) : undefined;
    }
    return this.dashPair;
  }

  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this);
  }

  private glyphFor(cp: number): LaidOutGlyph {
    let glyph = this.glyphByCodePoint.get(cp);
    if (!glyph) {
      const id = this.lookup(cp);
      glyph = Object.freeze({ id, advanceWidth: this.metrics.advance(id), codePoints: [cp] });
      this.glyphByCodePoint.set(cp, glyph);
    }
    return glyph;
  }
}
