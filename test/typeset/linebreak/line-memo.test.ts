import { describe, expect, it } from 'vitest';
import type { Content, Inline } from '../../../src/document/doc-definition.js';
import { applyFontFallback } from '../../../src/typeset/font-fallback.js';
import { loadFontSet, type Face, type FontSet } from '../../../src/typeset/font-set.js';
import type { SetInline, SetLine } from '../../../src/typeset/layout/frame.js';
import { setText, type TextEnv } from '../../../src/typeset/layout/set-text.js';
import { LineMemo, type ParagraphSetting } from '../../../src/typeset/linebreak/line-memo.js';

const rules = { hanLatinEm: 0.25, compress: true };
const text = '8月21日，中共郑州市二七区委召开第十二届委员会第四次全体会议。会议以贯彻落实省委、市委全会精神为主线，号召全区干部群众以敢想敢为的担当、善作善成的本领，推动现代化美好二七建设在高质量发展轨道上蔚然成势。';
const WIDTH = 33 * 14;

/** One paragraph, as the document stage hands it to the typeset stage, its runs given fonts. */
function paragraph(fonts: FontSet, opts: { bold?: boolean; paragraph?: string; font?: string } = {}): Content {
  const run: Inline = { text: opts.paragraph ?? text, font: opts.font ?? 'serif', fontSize: 14, leading: 1.6, bold: opts.bold };
  const node: Content = { text: [run], leadingIndent: 28, alignment: 'justify', margin: [0, 0, 0, 6] };
  applyFontFallback([node], fonts);
  return node;
}

function envOf(fonts: FontSet, memo: LineMemo): TextEnv {
  return { faceOf: (run) => { const f = fonts.roles.get(run.font)!; return run.bold && f.bold ? f.bold : f.normal; }, rules, memo };
}

/** One host's fonts for the tests that do not open their own: the memo knows fonts by the opened file. */
const shared = loadFontSet();

function setParagraph(memo: LineMemo, opts: Parameters<typeof paragraph>[1] & { width?: number } = {}, fonts = shared): SetLine[] {
  return setText(paragraph(fonts, opts), opts.width ?? WIDTH, envOf(fonts, memo));
}

const inlinesOf = (lines: SetLine[]): SetInline[][] => lines.map((l) => l.inlines);
/** What a line prints: each inline's text, place, face file, size and spacing. */
const printed = (lines: SetLine[]) => lines.map((l) => l.inlines.map((i) => ({ text: i.text, x: i.x, file: i.face.file, size: i.size, spacing: i.spacing })));
/** What the memo keeps for the paragraph: its lines as the line breaker emitted them. */
function kept(memo: LineMemo, fonts: FontSet, opts: Parameters<typeof paragraph>[1] = {}): Inline[][] | undefined {
  const node = paragraph(fonts, opts);
  return memo.take(memo.keyOf(node.text as Inline[], envOf(fonts, memo).faceOf, { width: WIDTH, indent: 28, align: 'justify', rules })!);
}

describe('the memo of finished lines', () => {
  it('knows fonts by their opened tables, never reading a whole font file', () => {
    const fonts = loadFontSet();
    let wholeFiles = 0;
    for (const { normal, bold } of fonts.roles.values()) {
      for (const face of [normal, bold]) {
        if (!face) continue;
        const bytes = face.bytes.bind(face);
        face.bytes = () => (wholeFiles++, bytes());
      }
    }
    setParagraph(new LineMemo(10), {}, fonts);
    setParagraph(new LineMemo(10), { bold: true, font: 'kai' }, fonts);
    expect(wholeFiles).toBe(0);
  });

  it('sets a repeated paragraph from the memo: equal lines, fresh objects', () => {
    const memo = new LineMemo(10);
    const first = setParagraph(memo);
    const second = setParagraph(memo);
    expect(memo.hits).toBe(1);
    expect(memo.misses).toBe(1);
    expect(printed(second)).toEqual(printed(first));
    const a = inlinesOf(first).flat();
    const b = inlinesOf(second).flat();
    expect(a.length).toBeGreaterThan(3);
    b.forEach((inline, i) => expect(inline).not.toBe(a[i]));
    expect(printed(second)).toEqual(printed(setParagraph(new LineMemo(10))));
  });

  it('misses for the same font opened by another host: ids belong to one set of caches', () => {
    const memo = new LineMemo(10);
    setParagraph(memo);
    setParagraph(memo, {}, loadFontSet());
    expect(memo.hits).toBe(0);
    expect(memo.size).toBe(2);
  });

  it('misses for another width, weight or text', () => {
    const memo = new LineMemo(10);
    const base = setParagraph(memo);
    const narrower = setParagraph(memo, { width: 30 * 14 });
    setParagraph(memo, { bold: true });
    setParagraph(memo, { paragraph: `${text}再加一句。` });
    expect(memo.hits).toBe(0);
    expect(memo.size).toBe(4);
    expect(narrower.length).toBeGreaterThan(base.length - 1);
    expect(inlinesOf(narrower).map((l) => l.map((i) => i.text).join(''))).not.toEqual(inlinesOf(base).map((l) => l.map((i) => i.text).join('')));
  });

  it('hands out copies that a caller may change without touching the memo', () => {
    const memo = new LineMemo(10);
    const fonts = loadFontSet();
    setParagraph(memo, { bold: true }, fonts);
    const pristine = structuredClone(kept(memo, fonts, { bold: true }));
    const used = kept(memo, fonts, { bold: true })!;
    for (const inline of used.flat()) {
      inline.text = 'changed';
      inline.characterSpacing = 99;
      // fontkit adds the features it chose to the object it is given.
      if (inline.fontFeatures) inline.fontFeatures.liga = true;
    }
    expect(kept(memo, fonts, { bold: true })).toEqual(pristine);
  });

  it('keeps the features objects shared as the line breaker shared them', () => {
    // Synthetic bold (仿宋 has no bold face) rides in fontFeatures: one object per run.
    const fonts = loadFontSet();
    const memo = new LineMemo(10);
    setParagraph(memo, { bold: true, font: 'fangsong' }, fonts);
    const first = kept(memo, fonts, { bold: true, font: 'fangsong' })!;
    const again = kept(memo, fonts, { bold: true, font: 'fangsong' })!;
    const sharing = (lines: Inline[][]) => {
      const objects = lines.flat().map((i) => i.fontFeatures).filter(Boolean);
      return objects.map((o) => objects.indexOf(o));
    };
    expect(sharing(again).length).toBeGreaterThan(1);
    expect(sharing(again)).toEqual(sharing(first));
  });

  it('forgets the least recently used paragraph beyond its bound', () => {
    const memo = new LineMemo(2);
    const line = (t: string): Inline[][] => [[{ text: t, font: 'serif', fontSize: 12, leading: 1 }]];
    memo.keep('a', line('a'));
    memo.keep('b', line('b'));
    expect(memo.take('a')).toEqual(line('a'));
    memo.keep('c', line('c'));
    expect(memo.size).toBe(2);
    expect(memo.take('b')).toBeUndefined();
    expect(memo.take('a')).toEqual(line('a'));
    expect(memo.take('c')).toEqual(line('c'));
  });
});

describe('paragraphKey', () => {
  const fonts = loadFontSet();
  const faceOf = (run: Inline): Face => fonts.roles.get(run.font)!.normal;
  const setting: ParagraphSetting = { width: 400, indent: 28, align: 'justify', rules };
  const run = (extra: Partial<Inline> = {}): Inline => ({ text: '二七区', font: 'serif', fontSize: 14, leading: 1.5, ...extra });
  const memo = new LineMemo(10);
  const key = (runs: Inline[], s: Partial<ParagraphSetting> = {}, face = faceOf) => memo.keyOf(runs, face, { ...setting, ...s });

  it('is equal for equal paragraphs and differs with anything the lines depend on', () => {
    const base = key([run()]);
    expect(key([run()])).toBe(base);
    const others = [
      key([run()], { width: 401 }),
      key([run()], { indent: 0 }),
      key([run()], { align: 'center' }),
      key([run()], { rules: { hanLatinEm: 0, compress: true } }),
      key([run()], { rules: { hanLatinEm: 0.25, compress: false } }),
      key([run({ text: '二七' })]),
      key([run({ text: '二七' }), run({ text: '区' })]),
      key([run({ text: '二' }), run({ text: '七区' })]),
      key([run({ fontSize: 15 })]),
      key([run({ characterSpacing: 1 })]),
      key([run({ characterSpacing: 0 })]),
      key([run({ characterSpacing: -0 })]),
      key([run({ color: '#c00' })]),
      key([run({ bold: true })]),
      key([run({ leading: 1.6 })]),
      key([run({ fontFeatures: { syntheticBold: 0.5 } })]),
      key([run({ font: 'sans' })]),
      key([run(), run()]),
      // One run object twice is not two equal runs: its glyphs may join across the seam.
      (() => {
        const twice = run();
        return key([twice, twice]);
      })(),
      // The same role measured with another font file.
      key([run()], {}, () => fonts.roles.get('sans')!.normal),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('declines what it cannot spell exactly', () => {
    expect(key([run({ fontFeatures: { nested: { a: 1 } } })])).toBeUndefined();
    expect(key([run({ fontSize: '14' as unknown as number })])).toBeUndefined();
  });
});
