import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfRead } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';

/** Every content stream of a PDF, inflated: what a viewer draws, operator by operator. */
function contentStreams(bytes: Buffer): string {
  const out: string[] = [];
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // font programs and images that are not zlib text: not content streams
    }
  }
  return out.join('\n');
}

describe('type specimen: rare characters, fallback, synthetic bold, punctuation', () => {
  let pdf: PdfRead;
  let text: string;
  let out: string;

  beforeAll(async () => {
    out = join(tempDir(), 'specimen.pdf');
    const run = await runInProcess(['build', join(fixtures, 'projects/specimen/specimen.yaml'), '-t', join(fixtures, 'templates/specimen'), '-o', out, '--strict']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(out);
    text = pdf.pages.map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '');
  });

  it('prints every rare name character with a real glyph (--strict passed)', () => {
    for (const ch of '堃喆玥燊犇淼翀䶮𠮷𡈼') expect(text).toContain(ch);
  });

  it('takes Extension B name characters from the Noto face of their text, embedded and subset', async () => {
    const names = pdf.fonts.map((f) => f.baseFont);
    expect(names.some((n) => /\+HanaMin[AB]$/.test(n)), names.join(', ')).toBe(false);
    expect(pdf.fonts.every((f) => f.subset && f.embedded)).toBe(true);
    const withFonts = await readPdf(out, { fonts: true });
    const ext = withFonts.pages[0]!.items.filter((i) => i.str.includes('𠮷') || i.str.includes('𡈼'));
    expect(ext.length).toBeGreaterThan(0);
    expect(new Set(ext.map((i) => i.baseFont))).toEqual(new Set(['NotoSerifCJKsc-Regular']));
  });

  it('draws bold 仿宋 by filling and stroking the outline', () => {
    const streams = contentStreams(pdf.bytes);
    expect(streams).toMatch(/\b2 Tr\b/);
    // Only the bold 仿宋 paragraph is stroked; regular text is filled only.
    expect((streams.match(/\b2 Tr\b/g) ?? []).length).toBeLessThan((streams.match(/\bBT\b/g) ?? []).length / 4);
  });

  it('numbers pages 第 N 页 共 M 页 on the outside', () => {
    const page = pdf.pages[0]!;
    const foot = page.items.filter((i) => i.y > page.height - 100);
    expect(foot.map((i) => i.str).join('').replace(/\s/g, '')).toBe('第1页共1页');
    expect(Math.max(...foot.map((i) => i.x + i.width))).toBeGreaterThan(page.width / 2);
  });
});

describe('bulletin lines as printed', () => {
  it('start no line with closing punctuation and fill justified lines to the block edge', async () => {
    const out = join(tempDir(), 'sample.pdf');
    expect((await runInProcess(['build', 'templates/bulletin/sample.yaml', '-o', out])).code).toBe(0);
    const pdf = await readPdf(out);
    const right = 595.28 - 23.5 * (72 / 25.4);
    let lines = 0;
    let flush = 0;
    for (const page of pdf.pages) {
      const byLine = new Map<number, typeof page.items>();
      for (const item of page.items.filter((i) => i.height > 13.9 && i.height < 14.1)) {
        const key = Math.round(item.y);
        byLine.set(key, [...(byLine.get(key) ?? []), item]);
      }
      for (const items of byLine.values()) {
        items.sort((a, b) => a.x - b.x);
        const str = items.map((i) => i.str).join('').trim();
        if (str.length < 8) continue;
        lines++;
        expect(str[0], str).not.toMatch(/[，。、；：！？”’）》」』】%]/);
        expect(str[str.length - 1], str).not.toMatch(/[“‘（《「『【]/);
        const end = Math.max(...items.map((i) => i.x + i.width));
        // Justified body lines end at the block edge (a hung mark's blank half may reach past it).
        expect(end).toBeLessThanOrEqual(right + 14 / 2 + 0.5);
        if (Math.abs(end - right) < 0.5 || Math.abs(end - right - 7) < 0.5) flush++;
      }
    }
    expect(lines).toBeGreaterThan(60);
    // All but the last line of each paragraph meet the edge.
    expect(flush / lines).toBeGreaterThan(0.75);
  });
});
