import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { Coverage } from '../../src/typeset/coverage.js';
import { BytesSource } from '../../src/typeset/sfnt/font-source.js';
import { SfntFile } from '../../src/typeset/sfnt/sfnt-file.js';

const readSfntHeader = (bytes: Uint8Array) => SfntFile.open(new BytesSource(bytes));

describe('Coverage', () => {
  it('parses the manifest form and answers membership', () => {
    const c = Coverage.parse('20-7e,3000-303f,4e00-9fff,20bb7');
    expect(c.has(0x41)).toBe(true);
    expect(c.has(0x7f)).toBe(false);
    expect(c.has('堃'.codePointAt(0)!)).toBe(true);
    expect(c.has('𠮷'.codePointAt(0)!)).toBe(true);
    expect(c.has('𡈼'.codePointAt(0)!)).toBe(false);
    expect(c.size).toBe(95 + 64 + 20992 + 1);
  });

  it('reads every bundled font\'s coverage in the manifest as the plain reading of the form does', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'fonts/manifest.json'), 'utf8')) as { fonts: Record<string, { coverage: string }> };
    for (const [id, { coverage }] of Object.entries(manifest.fonts)) {
      const ranges = coverage.split(',').filter(Boolean).map((r) => r.split('-').map((h) => Number.parseInt(h, 16)));
      const c = Coverage.parse(coverage);
      const plain = Coverage.fromCodePoints(ranges.flatMap(([a, b = a]) => Array.from({ length: b! - a! + 1 }, (_, k) => a! + k)));
      expect(c.size, id).toBe(plain.size);
      const edges = ranges.flatMap(([a, b = a]) => [a! - 1, a!, b!, b! + 1]);
      expect(edges.filter((cp) => c.has(cp) !== plain.has(cp)), id).toEqual([]);
    }
    expect(() => Coverage.parse('20-7e,30g0')).toThrow(/not a coverage range/);
  });

  it('builds ranges from loose code points', () => {
    const c = Coverage.fromCodePoints([5, 3, 4, 10, 4]);
    expect([2, 3, 4, 5, 6, 9, 10, 11].map((n) => c.has(n))).toEqual([false, true, true, true, false, false, true, false]);
  });
});

describe('SfntFile.open', () => {
  it('refuses what is not a font, and truncated fonts', () => {
    expect(readSfntHeader(Buffer.from('<html>not a font</html>'))).toMatchObject({ ok: false, reason: 'not a TrueType or OpenType font' });
    const header = Buffer.alloc(12 + 16);
    header.writeUInt32BE(0x4f54544f, 0);
    header.writeUInt16BE(1, 4);
    header.write('head', 12, 'latin1');
    header.writeUInt32BE(1000, 12 + 8);
    header.writeUInt32BE(54, 12 + 12);
    expect(readSfntHeader(header)).toMatchObject({ ok: false });
    expect((readSfntHeader(header) as { reason: string }).reason).toContain('truncated');
  });
});
