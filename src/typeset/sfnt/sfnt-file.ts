import type { FontSource } from './font-source.js';

/**
 * One font in an OpenType/TrueType file or collection: its table directory, and each table read
 * from the source when first asked for. Opening a 30 MB font reads a few hundred bytes.
 */
export interface TableSpan {
  at: number;
  length: number;
}

export type SfntOpen = { ok: true; font: SfntFile } | { ok: false; reason: string; reasonZh: string };

export class SfntFile {
  private readonly read = new Map<string, Uint8Array>();

  private constructor(
    private readonly source: FontSource,
    private readonly tables: ReadonlyMap<string, TableSpan>,
  ) {}

  /**
   * The font in `source`; in a collection (.ttc) the one whose PostScript name is
   * `postscriptName`, the first when none is given. A reason when it is not a font briefing reads.
   */
  static open(source: FontSource, postscriptName?: string): SfntOpen {
    const head = source.read(0, 12);
    if (head.length < 12) return { ok: false, reason: 'file is too short to be a font', reasonZh: '文件太短，不是字体文件' };
    const tag = String.fromCharCode(...head.subarray(0, 4));
    if (tag === 'wOFF' || tag === 'wOF2') return { ok: false, reason: 'WOFF web fonts are not supported; use the .ttf or .otf file', reasonZh: '不支持 WOFF 网页字体；请使用 .ttf 或 .otf 文件' };
    if (tag !== 'ttcf') return SfntFile.at(source, 0);
    const count = viewOf(head).getUint32(8);
    const offsets = viewOf(source.read(12, count * 4));
    if (offsets.byteLength < count * 4) return { ok: false, reason: 'truncated font collection', reasonZh: '字体集文件不完整' };
    for (let i = 0; i < count; i++) {
      const opened = SfntFile.at(source, offsets.getUint32(i * 4));
      if (!opened.ok) return opened;
      if (postscriptName === undefined || opened.font.postscriptName() === postscriptName) return opened;
    }
    return { ok: false, reason: `the collection has no font named ${postscriptName}`, reasonZh: `字体集中没有名为 ${postscriptName} 的字体` };
  }

  private static at(source: FontSource, offset: number): SfntOpen {
    const header = source.read(offset, 12);
    if (header.length < 12) return { ok: false, reason: 'truncated font file', reasonZh: '字体文件不完整' };
    const view = viewOf(header);
    const version = view.getUint32(0);
    if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
      return { ok: false, reason: 'not a TrueType or OpenType font', reasonZh: '不是 TrueType 或 OpenType 字体' };
    }
    const numTables = view.getUint16(4);
    const records = source.read(offset + 12, numTables * 16);
    if (records.length < numTables * 16) return { ok: false, reason: 'truncated font file (table directory)', reasonZh: '字体文件不完整（表目录）' };
    const dir = viewOf(records);
    const tables = new Map<string, TableSpan>();
    for (let i = 0; i < numTables; i++) {
      const name = String.fromCharCode(...records.subarray(i * 16, i * 16 + 4));
      const at = dir.getUint32(i * 16 + 8);
      const length = dir.getUint32(i * 16 + 12);
      if (at + length > source.size) return { ok: false, reason: `truncated font file (table ${name.trim()} runs past the end)`, reasonZh: `字体文件不完整（${name.trim()} 表超出文件末尾）` };
      tables.set(name, { at, length });
    }
    if (!tables.has('head') || !tables.has('hhea') || !tables.has('cmap')) {
      return { ok: false, reason: 'the font lacks required tables (head, hhea, cmap)', reasonZh: '字体缺少必需的表（head、hhea、cmap）' };
    }
    return { ok: true, font: new SfntFile(source, tables) };
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  /** A table's length in bytes, without reading it (0 when the font has none). */
  tableLength(tag: string): number {
    return this.tables.get(tag)?.length ?? 0;
  }

  /** A whole table, read once and kept. Not for glyf: see range(). */
  table(tag: string): Uint8Array {
    let bytes = this.read.get(tag);
    if (!bytes) {
      const span = this.tables.get(tag);
      if (!span) throw new Error(`font has no ${tag} table`);
      this.read.set(tag, (bytes = this.source.read(span.at, span.length)));
    }
    return bytes;
  }

  view(tag: string): DataView {
    return viewOf(this.table(tag));
  }

  /** Bytes `start`–`end` of a table, read from the source each time (single glyphs of glyf). */
  range(tag: string, start: number, end: number): Uint8Array {
    const span = this.tables.get(tag)!;
    return this.source.read(span.at + start, Math.max(0, Math.min(end, span.length) - start));
  }

  /** The PostScript name (name ID 6), from a Windows Unicode or Macintosh Roman record. */
  postscriptName(): string | undefined {
    if (!this.has('name')) return undefined;
    const bytes = this.table('name');
    const v = viewOf(bytes);
    const count = v.getUint16(2);
    const strings = v.getUint16(4);
    for (let i = 0; i < count && 6 + i * 12 + 12 <= bytes.length; i++) {
      const rec = 6 + i * 12;
      if (v.getUint16(rec + 6) !== 6) continue;
      const platform = v.getUint16(rec);
      const length = v.getUint16(rec + 8);
      const start = strings + v.getUint16(rec + 10);
      if (start + length > bytes.length) continue;
      if (platform === 3 || platform === 0) {
        let s = '';
        for (let j = 0; j + 1 < length; j += 2) s += String.fromCharCode(v.getUint16(start + j));
        return s;
      }
      if (platform === 1) return String.fromCharCode(...bytes.subarray(start, start + length));
    }
    return undefined;
  }
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
