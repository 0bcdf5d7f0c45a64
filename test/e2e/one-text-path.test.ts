import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/orchestrate/build-briefing.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { typesetPdf } from '../../src/typeset/typeset-pdf.js';
import { glyphLines, readGlyphs, type PdfGlyph } from '../helpers/pdf-glyphs.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

/**
 * One text path (issue 15): table cells, captions and KPI notes follow the rules body text
 * follows, read back glyph by glyph from the bulletin sample as printed.
 */
describe('every text of a document by the same rules', () => {
  let lines: PdfGlyph[][];
  const textOf = (line: PdfGlyph[]) => line.map((g) => g.ch).join('');
  /** The printed line holding `text`, at `size` pt. */
  const lineWith = (text: string, size?: number) => {
    const line = lines.find((l) => textOf(l).includes(text) && (size === undefined || Math.abs(l[0]!.size - size) < 0.01));
    if (!line) throw new Error(`no line with "${text}"${size ? ` at ${size} pt` : ''}`);
    return line;
  };
  /** In em: what each glyph of a pair advances the pen before the next one. */
  const step = (line: PdfGlyph[], pair: string) => {
    const at = textOf(line).indexOf(pair);
    const [a, b] = [line[at]!, line[at + 1]!];
    return (b.x - a.x) / a.size;
  };
  /** Gaps in em between an ideograph and a digit (or % and an ideograph) within `text` on a line (a row's other cells aside). */
  const hanDigitGaps = (line: PdfGlyph[], text: string) => {
    const gaps: number[] = [];
    const from = textOf(line).indexOf(text);
    line.slice(from, from + [...text].length).forEach((g, k, part) => {
      const next = part[k + 1];
      if (!next) return;
      if ((/[\u4e00-\u9fff]/.test(g.ch) && /\d/.test(next.ch)) || (/[\d%]/.test(g.ch) && /[\u4e00-\u9fff]/.test(next.ch))) gaps.push((next.x - (g.x + g.advance)) / g.size);
    });
    return gaps;
  };

  beforeAll(async () => {
    const prepared = prepareDocument({ dataFile: join(repoRoot, 'templates/bulletin/sample.yaml') });
    const { pdf } = await typesetPdf(prepared.definition, loadFontSet(prepared.fonts));
    const file = join(tempDir(), 'bulletin.pdf');
    writeFileSync(file, pdf);
    lines = (await readGlyphs(file)).flatMap((glyphs) => glyphLines(glyphs));
  });

  it('compresses ”， to 1.5 em in a table cell as in body text', () => {
    const cell = lineWith('“三区三轴”，推进', 12);
    const body = lineWith('“三区三轴”，推动', 14);
    for (const line of [cell, body]) {
      expect(step(line, '”，')).toBeLessThanOrEqual(0.5 + 0.02);
      expect(step(line, '”，') + step(line, '，推')).toBeLessThanOrEqual(1.5 + 0.08);
    }
  });

  it('puts the same Han–digit space in a paragraph, a table cell, a caption and a KPI note', () => {
    const places = {
      paragraph: '进入2023年',
      cell: '360个重大项目累计',
      caption: '主要指标一览（截至7月底）',
      note: '全区360个重大项目',
    };
    for (const [place, text] of Object.entries(places)) {
      const gaps = hanDigitGaps(lineWith(text), text);
      expect(gaps.length, place).toBeGreaterThan(0);
      // ¼ em, the bulletin style's hanLatinSpace; a justified line may add to it, never take from it.
      expect(Math.min(...gaps), place).toBeCloseTo(0.25, 2);
      expect(Math.max(...gaps), place).toBeLessThan(0.25 + 0.07);
    }
  });
});
