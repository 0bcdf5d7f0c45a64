import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfTextItem } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';

/**
 * Forty characters of personal and place names (刘䶮, 㮾梨, 𬩽城, 韦𬀩 …): 35 from the 通用规范汉字表
 * (Unihan kTGH) across Extensions A–E, and four from Extensions F and G, which Noto CJK SC also has.
 */
const RARE = [...'䶮㛃㛚㙍㮾㳇䢺䓫䜣㬊𠅤𡐓𣲗𣲘𣸣𤩽𥕢𨙸𪟝𪣻𪤗𪩘𪾢𫞩𫟅𫠆𫠊𫵷𬀩𬀪𬇹𬍤𬘡𬩽𬸚𬭎𭕄𮉸𰻝𰻞'];

const EXTENSIONS: [string, number, number][] = [
  ['A', 0x3400, 0x4dbf], ['B', 0x20000, 0x2a6df], ['C', 0x2a700, 0x2b73f], ['D', 0x2b740, 0x2b81f],
  ['E', 0x2b820, 0x2ceaf], ['F', 0x2ceb0, 0x2ebef], ['G', 0x30000, 0x3134f],
];
const extensionOf = (ch: string) => EXTENSIONS.find(([, lo, hi]) => ch.codePointAt(0)! >= lo && ch.codePointAt(0)! <= hi)?.[0];

describe('rare name characters print in the style of their text', () => {
  const data = join(fixtures, 'projects/specimen/rare-names.yaml');
  let headings: { title: string; items: PdfTextItem[] }[];

  beforeAll(async () => {
    const out = join(tempDir(), 'rare.pdf');
    // --strict: a character no font has would fail the build.
    const run = await runInProcess(['build', data, '-t', join(fixtures, 'templates/specimen'), '-o', out, '--strict']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pdf = await readPdf(out, { fonts: true });
    const items = pdf.pages.flatMap((p, i) => p.items.map((it) => ({ ...it, y: it.y + i * 10_000 }))).sort((a, b) => a.y - b.y || a.x - b.x);
    // Each block's items, from its heading to the next.
    headings = [];
    for (const item of items) {
      if (/^[一二三四]、/.test(item.str)) headings.push({ title: item.str, items: [] });
      else headings[headings.length - 1]?.items.push(item);
    }
  });

  it('the list spans Extensions A to G, forty characters', () => {
    expect(RARE).toHaveLength(40);
    expect(new Set(RARE).size).toBe(40);
    expect(new Set(RARE.map(extensionOf))).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F', 'G']));
  });

  const fontsOf = (block: number, ch: string) => headings[block]!.items.filter((i) => i.str.includes(ch)).map((i) => i.baseFont);

  it('takes every one from Noto Serif CJK SC in 宋 text and Noto Sans CJK SC in 黑 text', () => {
    expect(headings.map((h) => h.title[0])).toEqual(['一', '二', '三', '四']);
    for (const ch of RARE) {
      expect(fontsOf(0, ch), ch).toEqual(['NotoSerifCJKsc-Regular']);
      expect(fontsOf(1, ch), ch).toEqual(['NotoSansCJKsc-Regular']);
    }
  });

  it('fills what 仿宋 lacks from 宋 (the same family of styles), not from 楷 or the fallback', () => {
    for (const ch of RARE) expect(fontsOf(2, ch), ch).toEqual(['NotoSerifCJKsc-Regular']);
  });

  it('sets them in bold 宋 text from the regular Noto face (drawn bold), not from the fallback', () => {
    for (const ch of RARE) expect(fontsOf(3, ch), ch).toEqual(['NotoSerifCJKsc-Regular']);
  });

  it('uses no fallback font anywhere (no Hanazono Mincho, no tofu)', () => {
    const all = headings.flatMap((h) => h.items);
    expect(all.filter((i) => /HanaMin/.test(i.baseFont ?? '')).map((i) => i.str)).toEqual([]);
  });

  it('and `briefing fonts --check` agrees: every character is covered', async () => {
    const run = await runInProcess(['fonts', '--check', data]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/every character is covered by a font/);
    expect(run.code).toBe(0);
  });
});
