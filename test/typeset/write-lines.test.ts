import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/orchestrate/build-briefing.js';
import { buildDocument } from '../../src/document/build-document.js';
import type { DocDefinition } from '../../src/document/doc-definition.js';
import { loadStyle } from '../../src/document/style.js';
import { parseMarkup } from '../../src/markup/parse-markup.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { typesetPdf } from '../../src/typeset/typeset-pdf.js';
import { setLineWriting } from '../../src/typeset/write-lines.js';
import { readPdf, type PdfRead } from '../helpers/read-pdf.js';
import { repoRoot } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'briefing-write-lines-'));

const sample = (template: string) => () => prepareDocument({ dataFile: join(repoRoot, 'templates', template, 'sample.yaml'), force: true }, { writeCache: false }).definition;

/** A document from markup, set with the handout's style sheet. */
const fromMarkup = (body: string) => () => {
  const markup = parseMarkup(`<document>${body}</document>`, { file: 'test.hbs' });
  const sheet = loadStyle(join(repoRoot, 'templates/handout/style.yaml'));
  return buildDocument(markup, sheet, { baseDir: repoRoot, projectRoot: repoRoot, origin: 'test.hbs', creationDate: new Date(0) }).definition;
};

/** A document typeset with briefing's line writing on or off (pdfmake's own renderer for every line). */
async function typeset(name: string, definition: () => DocDefinition, lineWriting: boolean, watermark?: string): Promise<{ read: PdfRead; content: string }> {
  const def = definition();
  setLineWriting(lineWriting);
  try {
    const { pdf } = await typesetPdf(def, loadFontSet(), { readableRoots: [repoRoot], watermark });
    const file = join(dir, `${name}-${lineWriting}.pdf`);
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

  const mixed = fromMarkup(
    '<toc title="目录"/><h1>一级标题带书签</h1>'
    + '<p>正文里有<strong>加粗</strong>、<em>强调</em>、<span color="#c00000">红色的一段文字</span>和<span font="fangsong" bold="true">仿宋加粗</span>，'
    + '还有 Latin text 与数字 2023 混排，一行之内颜色与字体都在变化，段落足够长，可以折成好几行来检查对齐。</p>'
    // No bold here: the handout's body is 仿宋, whose bold is synthetic and left to pdfmake.
    + '<p>这一行只换颜色：<span color="#c00000">红字</span>之后回到黑字，<span font="sans">换成黑体</span>也在同一行。</p>'
    + '<table><tr><th>目标</th><th>进度</th></tr><tr><td>重大项目</td><td><span color="#c00000">62.2%</span></td></tr></table>',
  );
  const cases: [string, () => DocDefinition, string?][] = [
    ...['bulletin', 'handout', 'gongwen', 'stats'].map((t) => [t, sample(t)] as [string, () => DocDefinition]),
    ['mixed markup, watermarked', mixed, '张三 专用'],
  ];
  for (const [name, definition, watermark] of cases) {
    it(`${name}: every glyph where pdfmake's own renderer puts it, in fewer operators`, async () => {
      const plain = await typeset(name, definition, false, watermark);
      const written = await typeset(name, definition, true, watermark);
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
      if (definition === mixed) {
        // The red run inside a line: briefing closes the text object, sets the colour, opens another.
        expect(written.content).toMatch(/ET\nQ\n\/DeviceRGB cs\n0\.75294\d* 0 0 scn\nq\n/);
        expect(plain.content).not.toMatch(/0\.75294\d* 0 0 scn\nq\n/);
      }
    });
  }
});
