/**
 * The table directory of one font in an OpenType/TrueType file or collection: where each table
 * lies in the bytes. Nothing is decoded until asked for, so opening a 30 MB font costs microseconds.
 */
export interface TableSpan {
  at: number;
  length: number;
}

export class SfntFile {
  readonly view: DataView;

  private constructor(
    readonly bytes: Uint8Array,
    readonly tables: ReadonlyMap<string, TableSpan>,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The font in `bytes`; in a collection (.ttc) the one whose PostScript name is `postscriptName`
   * (the first when no name is given). Undefined when the bytes are not a font it can read.
   */
  static open(bytes: Uint8Array, postscriptName?: string): SfntFile | undefined {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 12) return undefined;
    if (view.getUint32(0) !== 0x74746366 /* ttcf */) return SfntFile.at(bytes, view, 0);
    const count = view.getUint32(8);
    for (let i = 0; i < count && 16 + i * 4 <= bytes.length; i++) {
      const font = SfntFile.at(bytes, view, view.getUint32(12 + i * 4));
      if (font && (postscriptName === undefined || font.postscriptName() === postscriptName)) return font;
    }
    return undefined;
  }

  private static at(bytes: Uint8Array, view: DataView, offset: number): SfntFile | undefined {
    if (offset + 12 > bytes.length) return undefined;
    const version = view.getUint32(offset);
    if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return undefined;
    const numTables = view.getUint16(offset + 4);
    if (offset + 12 + numTables * 16 > bytes.length) return undefined;
    const tables = new Map<string, TableSpan>();
    for (let i = 0; i < numTables; i++) {
      const rec = offset + 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      const at = view.getUint32(rec + 8);
      const length = view.getUint32(rec + 12);
      if (at + length > bytes.length) return undefined;
      tables.set(tag, { at, length });
    }
    return new SfntFile(bytes, tables);
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  /** Where table `tag` starts; throws for a table the caller should have checked with has(). */
  offset(tag: string): number {
    const span = this.tables.get(tag);
    if (!span) throw new Error(`font has no ${tag} table`);
    return span.at;
  }

  /** A copy-free view of a table's bytes. */
  slice(tag: string): Uint8Array {
    const span = this.tables.get(tag)!;
    return this.bytes.subarray(span.at, span.at + span.length);
  }

  /** The PostScript name (name ID 6), from a Windows Unicode or Macintosh Roman record. */
  postscriptName(): string | undefined {
    const span = this.tables.get('name');
    if (!span) return undefined;
    const v = this.view;
    const count = v.getUint16(span.at + 2);
    const strings = span.at + v.getUint16(span.at + 4);
    for (let i = 0; i < count; i++) {
      const rec = span.at + 6 + i * 12;
      if (v.getUint16(rec + 6) !== 6) continue;
      const platform = v.getUint16(rec);
      const length = v.getUint16(rec + 8);
      const start = strings + v.getUint16(rec + 10);
      if (start + length > this.bytes.length) continue;
      if (platform === 3 || platform === 0) {
        let s = '';
        for (let j = 0; j + 1 < length; j += 2) s += String.fromCharCode(v.getUint16(start + j));
        return s;
      }
      if (platform === 1) return String.fromCharCode(...this.bytes.subarray(start, start + length));
    }
    return undefined;
  }
}
