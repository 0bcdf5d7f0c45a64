import type { HorizontalMetrics } from './hmtx.js';
import { viewOf, type SfntFile } from './sfnt-file.js';

/** What a subset needs of its font (truetype-font.ts). */
export interface GlyphSource {
  readonly file: SfntFile;
  readonly metrics: HorizontalMetrics;
  outline(gid: number): Uint8Array;
}

/**
 * Font programs made here, which pdfkit then embeds: draw/pdfkit-patches.ts has them compressed faster
 * than the rest of the file, since glyph outlines hardly compress at any level.
 */
export const subsetPrograms = new WeakSet<Uint8Array>();

/**
 * A TrueType font holding only the glyphs a document printed, numbered in the order first used,
 * as a PDF embeds it (FontFile2 with CIDToGIDMap Identity: no cmap, name or post needed). Glyph
 * outlines are copied byte for byte; composite glyphs bring their components along.
 */
export class TrueTypeSubset {
  private readonly glyphs: number[] = [0];
  private readonly newIds = new Map<number, number>([[0, 0]]);
  /** pdfkit tells a CFF subset by this property; a TrueType one has none. */
  readonly cff = undefined;

  constructor(private readonly font: GlyphSource) {}

  /** The glyph's id in the subset, adding it on first use (pdfkit passes an id or a glyph). */
  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    let id = this.newIds.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.newIds.set(gid, id);
    }
    return id;
  }

  encode(): Buffer {
    const { file, metrics } = this.font;
    const parts: Uint8Array[] = [];
    const offsets: number[] = [0];
    let size = 0;
    // Components found in composite glyphs are appended while this loop runs.
    for (let i = 0; i < this.glyphs.length; i++) {
      let data = this.font.outline(this.glyphs[i]!);
      if (data.length >= 10 && viewOf(data).getInt16(0) < 0) data = this.renumberComponents(data);
      const padded = (data.length + 3) & ~3;
      parts.push(data);
      if (padded > data.length) parts.push(new Uint8Array(padded - data.length));
      size += padded;
      offsets.push(size);
    }
    const count = this.glyphs.length;

    const newLoca = Buffer.alloc(offsets.length * 4);
    offsets.forEach((o, i) => newLoca.writeUInt32BE(o, i * 4));
    const hmtx = Buffer.alloc(count * 4);
    this.glyphs.forEach((gid, i) => {
      hmtx.writeUInt16BE(metrics.advance(gid), i * 4);
      hmtx.writeInt16BE(metrics.leftBearing(gid), i * 4 + 2);
    });
    const head = Buffer.from(file.table('head'));
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set once the whole file is known
    head.writeInt16BE(1, 50); // long loca offsets
    const hhea = Buffer.from(file.table('hhea'));
    hhea.writeUInt16BE(count, 34);
    const maxp = Buffer.from(file.table('maxp'));
    maxp.writeUInt16BE(count, 4);

    const tables: [string, Uint8Array][] = [
      ['glyf', Buffer.concat(parts, size)],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', newLoca],
      ['maxp', maxp],
    ];
    // Hinting programs stay with the outlines they hint.
    for (const tag of ['cvt ', 'fpgm', 'prep']) if (file.has(tag)) tables.push([tag, file.table(tag)]);
    const program = writeSfnt(tables);
    subsetPrograms.add(program);
    return program;
  }

  private renumberComponents(source: Uint8Array): Uint8Array {
    const data = Buffer.from(source);
    let at = 10;
    for (;;) {
      const flags = data.readUInt16BE(at);
      data.writeUInt16BE(this.includeGlyph(data.readUInt16BE(at + 2)), at + 2);
      at += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
      if (flags & 0x0008) at += 2; // WE_HAVE_A_SCALE
      else if (flags & 0x0040) at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
      else if (flags & 0x0080) at += 8; // WE_HAVE_A_TWO_BY_TWO
      if (!(flags & 0x0020) || at + 4 > data.length) return data; // MORE_COMPONENTS
    }
  }
}

/** An sfnt file from tables: directory sorted by tag, 4-byte aligned, checksums filled in. */
export function writeSfnt(tables: [string, Uint8Array][]): Buffer {
  tables.sort(([a], [b]) => (a < b ? -1 : 1));
  const n = tables.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const body: Uint8Array[] = [];
  let offset = header.length;
  let headAt = 0;
  tables.forEach(([tag, data], i) => {
    const rec = 12 + i * 16;
    header.write(tag, rec, 'latin1');
    header.writeUInt32BE(checksum(data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    if (tag === 'head') headAt = offset;
    const padded = (data.length + 3) & ~3;
    body.push(data);
    if (padded > data.length) body.push(new Uint8Array(padded - data.length));
    offset += padded;
  });
  const file = Buffer.concat([header, ...body], offset);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}

function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  let tail = 0;
  for (let i = whole; i < data.length; i++) tail |= data[i]! << (24 - (i - whole) * 8);
  return (sum + tail) >>> 0;
}
