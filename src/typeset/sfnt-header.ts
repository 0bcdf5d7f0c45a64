/**
 * Just enough of a TrueType/OpenType file to check it is one and read its vertical metrics,
 * without parsing outlines: a few dozen bytes instead of a full font parse.
 */
export interface SfntMetrics {
  unitsPerEm: number;
  /** hhea ascent/descent, as pdfkit uses them for line height. */
  ascent: number;
  descent: number;
}

export type SfntCheck = { ok: true; metrics: SfntMetrics } | { ok: false; reason: string };

export function readSfntHeader(bytes: Uint8Array): SfntCheck {
  if (bytes.length < 12) return { ok: false, reason: 'file is too short to be a font' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (tag === 'ttcf') {
    if (bytes.length < 16) return { ok: false, reason: 'truncated font collection' };
    offset = view.getUint32(12);
  } else if (tag === 'wOFF' || tag === 'wOF2') {
    return { ok: false, reason: 'WOFF web fonts are not supported; use the .ttf or .otf file' };
  }
  if (offset + 12 > bytes.length) return { ok: false, reason: 'truncated font file' };
  const version = view.getUint32(offset);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
    return { ok: false, reason: 'not a TrueType or OpenType font' };
  }
  const numTables = view.getUint16(offset + 4);
  if (offset + 12 + numTables * 16 > bytes.length) return { ok: false, reason: 'truncated font file (table directory)' };
  const tables = new Map<string, { at: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const rec = offset + 12 + i * 16;
    const name = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
    const at = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    if (at + length > bytes.length) return { ok: false, reason: `truncated font file (table ${name.trim()} runs past the end)` };
    tables.set(name, { at, length });
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  if (!head || !hhea || !tables.has('cmap')) return { ok: false, reason: 'the font lacks required tables (head, hhea, cmap)' };
  return {
    ok: true,
    metrics: { unitsPerEm: view.getUint16(head.at + 18), ascent: view.getInt16(hhea.at + 4), descent: view.getInt16(hhea.at + 6) },
  };
}
