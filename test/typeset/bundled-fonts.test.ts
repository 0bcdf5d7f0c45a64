import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

/** The fonts/ files of the manifest; scripts/fonts/prepare.py makes them. */
const fontsDir = join(repoRoot, 'fonts');
const manifest = JSON.parse(readFileSync(join(fontsDir, 'manifest.json'), 'utf8')) as {
  fonts: Record<string, { file: string; unitsPerEm: number; ascender: number; descender: number }>;
};

function readAt(file: string, at: number, length: number): DataView {
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, at);
  } finally {
    closeSync(fd);
  }
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** sfnt version and table offsets, from the table directory only (the files are up to 29 MB). */
function tableDirectory(file: string): { version: number; tables: Map<string, number> } {
  const header = readAt(file, 0, 12);
  const numTables = header.getUint16(4);
  const dir = readAt(file, 12, numTables * 16);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((k) => dir.getUint8(i * 16 + k)));
    tables.set(tag, dir.getUint32(i * 16 + 8));
  }
  return { version: header.getUint32(0), tables };
}

describe('bundled fonts', () => {
  // briefing's own subsetter embeds TrueType outlines only; a CFF face would fall back to fontkit.
  it.each(Object.entries(manifest.fonts))('%s has TrueType (glyf) outlines', (_id, entry) => {
    expect(entry.file).toMatch(/\.ttf$/);
    const { version, tables } = tableDirectory(join(fontsDir, entry.file));
    expect(version).toBe(0x00010000);
    expect(tables.has('glyf') && tables.has('loca')).toBe(true);
    expect(tables.has('CFF ')).toBe(false);
  });

  it.each(Object.entries(manifest.fonts))('%s has the metrics the manifest records', (_id, entry) => {
    const file = join(fontsDir, entry.file);
    const { tables } = tableDirectory(file);
    const head = readAt(file, tables.get('head')!, 54);
    const hhea = readAt(file, tables.get('hhea')!, 36);
    expect({ unitsPerEm: head.getUint16(18), ascender: hhea.getInt16(4), descender: hhea.getInt16(6) }).toEqual({
      unitsPerEm: entry.unitsPerEm,
      ascender: entry.ascender,
      descender: entry.descender,
    });
  });

  it('fonts/ holds no font file the manifest does not name', () => {
    const named = new Set(Object.values(manifest.fonts).map((f) => f.file));
    const fontFiles = readdirSync(fontsDir).filter((f) => /\.(ttf|otf|ttc)$/i.test(f));
    expect(fontFiles.filter((f) => !named.has(f))).toEqual([]);
  });
});
