import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { glyphLines, readGlyphs, type PdfGlyph } from '../helpers/pdf-glyphs.js';
import { runInProcess } from '../helpers/in-process.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';

/**
 * Dashes, ranges, numbers, the Han–Latin space, full-width indentation and a centred title, in
 * every bundled role, read back glyph by glyph from the PDF the CLI wrote.
 */
describe('typesetting details, as printed', () => {
  let lines: PdfGlyph[][];
  let pageWidth: number;
  const textOf = (line: PdfGlyph[]) => line.map((g) => g.ch).join('');

  beforeAll(async () => {
    const out = join(tempDir(), 'typesetting.pdf');
    const run = await runInProcess(['build', join(fixtures, 'projects/typesetting/typesetting.yaml'), '-t', join(fixtures, 'templates/typesetting'), '-o', out, '--strict']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pages = await readGlyphs(out);
    lines = pages.flatMap((glyphs) => glyphLines(glyphs));
    pageWidth = 595.28;
  });

  /** Body lines: 四号 text of some length (not headings, the title or table cells). */
  const body = () => lines.filter((l) => l.length >= 8 && l.every((g) => Math.abs(g.size - 14) < 0.01));

  it('draws —— as one continuous rule of 2 em in every font', () => {
    const fonts = new Set<string>();
    let dashes = 0;
    for (const line of body()) {
      line.forEach((g, k) => {
        if (g.ch === '——') {
          // One glyph (the font's 2-em dash), read back as the two dashes it stands for.
          expect(g.advance / g.size).toBeCloseTo(2, 1);
          expect(Math.abs(g.advance / g.size - 2)).toBeLessThanOrEqual(0.05);
          fonts.add(g.font);
          dashes++;
        } else if (g.ch === '—' && line[k + 1]?.ch === '—') {
          // A font without a 2-em dash: two dashes set touching, 2 em from the first's start to the second's end.
          const next = line[k + 1]!;
          expect(next.x - (g.x + g.advance), textOf(line)).toBeCloseTo(0, 2);
          expect(Math.abs((next.x + next.advance - g.x) / g.size - 2)).toBeLessThanOrEqual(0.05);
          fonts.add(g.font);
          dashes++;
        }
      });
    }
    expect([...fonts].sort()).toEqual(['BriefingKai-Regular', 'FandolFang-Regular', 'NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Regular']);
    expect(dashes).toBeGreaterThan(20);
  });

  it('never ends a line inside a range: 1—9月 and 1～9月 stay on one line', () => {
    const texts = body().map(textOf);
    let ranges = 0;
    texts.forEach((t, i) => {
      ranges += (t.match(/\d[—～]\d/g) ?? []).length;
      expect(t, t).not.toMatch(/\d[—～]$/);
      expect(t, t).not.toMatch(/^[—～]\d/);
      if (/[—～]$/.test(t) && texts[i + 1]) expect(texts[i + 1], t).not.toMatch(/^\d/);
    });
    expect(ranges).toBeGreaterThan(20);
  });

  it('spreads justified lines only between characters: digits of a number and a number and its unit stay as set', () => {
    for (const line of body()) {
      line.forEach((g, k) => {
        const next = line[k + 1];
        if (!next) return;
        const gap = (next.x - (g.x + g.advance)) / g.size;
        if (/[0-9.,]/.test(g.ch) && /[0-9.,%]/.test(next.ch)) expect(gap, `${textOf(line)}: ${g.ch}${next.ch}`).toBeCloseTo(0, 2);
        if (/[0-9%]/.test(g.ch) && /[年月日亿项]/.test(next.ch)) expect(gap, `${textOf(line)}: ${g.ch}${next.ch}`).toBeCloseTo(0.25, 2);
      });
    }
  });

  it('gives the Han–digit gap one value everywhere: before 95, after 95%, around 2023, in every font', () => {
    const gaps: number[] = [];
    for (const line of body()) {
      line.forEach((g, k) => {
        const next = line[k + 1];
        if (!next) return;
        const hanDigit = /[\u4e00-\u9fff]/.test(g.ch) && /\d/.test(next.ch);
        const digitHan = /[\d%]/.test(g.ch) && /[\u4e00-\u9fff]/.test(next.ch);
        if (hanDigit || digitHan) gaps.push((next.x - (g.x + g.advance)) / g.size);
      });
    }
    expect(gaps.length).toBeGreaterThan(100);
    // Justification may add to a Han–digit gap, never take from it, and never more than a Han gap gets.
    expect(Math.min(...gaps)).toBeCloseTo(0.25, 2);
    expect(Math.max(...gaps)).toBeLessThan(0.25 + 0.07);
  });

  it('keeps a leading full-width space as a 1 em indent: a paragraph and (through pdfmake) a table cell', () => {
    const start = (word: string) => {
      const line = lines.find((l) => textOf(l).replace(/\u3000/g, '').startsWith(word))!;
      expect(line, word).toBeDefined();
      return line.find((g) => g.ch !== '\u3000')!;
    };
    const para = start('其中：高技术制造业增加值');
    expect((para.x - start('规模以上工业增加值增长').x) / para.size).toBeCloseTo(1, 2);
    const cell = lines.flatMap((l) => l).filter((g) => Math.abs(g.size - 12) < 0.01);
    const cellStart = (word: string) => {
      const line = glyphLines(cell).find((l) => textOf(l).replace(/\u3000/g, '').startsWith(word))!;
      return line.find((g) => g.ch !== '\u3000')!;
    };
    expect((cellStart('其中：高技术制造业').x - cellStart('规模以上工业增加值').x) / 12).toBeCloseTo(1, 2);
    expect((cellStart('其中：电子信息').x - cellStart('规模以上工业增加值').x) / 12).toBeCloseTo(2, 2);
  });

  it('centres a title that starts with 《 on its ink, not on the blank half of the bracket', () => {
    const title = lines.find((l) => textOf(l).startsWith('《'))!;
    const first = title[0]!;
    const last = title[title.length - 1]!;
    const inkLeft = first.x + first.size / 2;
    const inkRight = last.x + last.advance;
    expect(Math.abs((inkLeft + inkRight) / 2 - pageWidth / 2) / first.size).toBeLessThan(0.05);
  });
});
