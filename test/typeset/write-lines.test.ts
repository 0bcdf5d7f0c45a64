import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/build/build-briefing.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { typesetPdf } from '../../src/typeset/typeset-pdf.js';
import { setLineWriting } from '../../src/typeset/write-lines.js';
import { readPdf, type PdfRead } from '../helpers/read-pdf.js';
import { repoRoot } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'briefing-write-lines-'));

/** A sample typeset with briefing's line writing on or off (pdfmake's own renderer for every line). */
async function typeset(template: string, lineWriting: boolean): Promise<{ read: PdfRead; content: string }> {
  const prepared = prepareDocument({ dataFile: join(repoRoot, 'templates', template, 'sample.yaml'), force: true }, { writeCache: false });
  setLineWriting(lineWriting);
  try {
    const { pdf } = await typesetPdf(prepared.definition, loadFontSet(prepared.fonts), { readableRoots: [prepared.projectRoot] });
    const file = join(dir, `${template}-${lineWriting}.pdf`);
    writeFileSync(file, pdf);
    return { read: await readPdf(file), content: pageContents(pdf) };
  } finally {
    setLineWriting(true);
  }
}

/** Every Flate stream of the file that draws text, inflated. */
function pageContents(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const body = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (/\bBT\b/.test(body)) out.push(body);
    } catch {
      // not a Flate stream (an image), or not a content stream
    }
  }
  return out.join('\n');
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('writing finished lines as one text object each', () => {
  afterAll(() => setLineWriting(true));

  for (const template of ['bulletin', 'handout']) {
    it(`${template}: every glyph where pdfmake's own renderer puts it, in far fewer operators`, async () => {
      const plain = await typeset(template, false);
      const written = await typeset(template, true);
      expect(written.read.pages.length).toBe(plain.read.pages.length);
      for (let p = 0; p < plain.read.pages.length; p++) {
        const a = plain.read.pages[p]!;
        const b = written.read.pages[p]!;
        expect(b.text).toBe(a.text);
        // Each inline starts a text item at the same point, in the same font, as wide as before.
        const key = (i: { x: number; y: number }) => `${i.x.toFixed(2)},${i.y.toFixed(2)}`;
        const before = new Map(a.items.map((i) => [key(i), i]));
        expect(b.items.length).toBe(a.items.length);
        for (const item of b.items) {
          const twin = before.get(key(item));
          expect(twin, `${item.str} at ${key(item)} on page ${p + 1}`).toBeDefined();
          expect(item.str).toBe(twin!.str);
          // pdfjs names fonts per loaded document (g_d2_f1): the font is the part after it.
          expect(item.fontName.replace(/^g_d\d+_/, '')).toBe(twin!.fontName.replace(/^g_d\d+_/, ''));
          expect(Math.abs(item.width - twin!.width)).toBeLessThan(0.01);
        }
      }
      expect(written.read.fonts).toEqual(plain.read.fonts);
      // One text object per line rather than per inline; justified runs state their spacing once.
      expect(count(written.content, /\bBT\b/g)).toBeLessThan(count(plain.content, /\bBT\b/g));
      expect(count(written.content, / Tc\b/g)).toBeGreaterThan(0);
      expect(written.content.length).toBeLessThan(plain.content.length * 0.9);
      // pdfmake's stray fill after each colour setting is gone; colour is still set per line.
      expect(count(written.content, /^f$/gm)).toBeLessThan(count(plain.content, /^f$/gm));
      expect(count(written.content, / scn\b/g)).toBeGreaterThan(0);
    });
  }
});
