import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Inline } from '../../src/document/doc-definition.js';
import { applyFontFallback } from '../../src/typeset/font-fallback.js';
import { loadFontSet, type Face } from '../../src/typeset/font-set.js';
import { widthOf } from '../../src/typeset/glyph-metrics.js';
import { GLYPH_SPACING } from '../../src/typeset/sfnt/truetype-font.js';
import { toAtoms } from '../../src/typeset/linebreak/atoms.js';
import { breakLines } from '../../src/typeset/linebreak/break-lines.js';
import { emitLine } from '../../src/typeset/linebreak/emit-lines.js';
import { noEnd, noStart } from '../../src/typeset/linebreak/char-class.js';
import { repoRoot } from '../helpers/run-cli.js';

const fonts = loadFontSet();
const faceOf = (r: Inline): Face => {
  const f = fonts.roles.get(r.font)!;
  return r.bold && f.bold ? f.bold : f.normal;
};

interface Glyph { ch: string; x: number; advance: number; size: number }

/**
 * Lay out a paragraph as the typeset stage does and return every glyph's position, computed the
 * way pdfkit places them: each glyph's advance, then the inline's characterSpacing after it.
 */
function layOut(text: string, opts: { width: number; size?: number; indent?: number; font?: string; hanLatinEm?: number; justify?: boolean; letterSpacing?: number; grid?: boolean }) {
  const size = opts.size ?? 16;
  const run = { text, font: opts.font ?? 'serif', fontSize: size, leading: 1.5 } as Inline;
  if (opts.letterSpacing) run.characterSpacing = opts.letterSpacing;
  const node = { text: [run] };
  const rules = { hanLatinEm: opts.hanLatinEm ?? 0.25, compress: !opts.grid };
  applyFontFallback([node], fonts);
  const atoms = toAtoms(node.text, faceOf, opts.width);
  const breaks = breakLines(atoms, { width: opts.width, indent: opts.indent ?? 0, justify: opts.justify ?? true, rules });
  return breaks.map((b, i) => {
    const inlines = emitLine(atoms, b, rules);
    let x = i === 0 ? opts.indent ?? 0 : 0;
    const glyphs: Glyph[] = [];
    for (const inline of inlines) {
      const face = faceOf(inline);
      // The space after each glyph: per glyph in em under GLYPH_SPACING (fonts briefing serves), else
      // the inline's characterSpacing.
      const spacing = inline.fontFeatures?.[GLYPH_SPACING] as number[] | undefined;
      [...inline.text].forEach((ch, k) => {
        const advance = widthOf(face, ch, inline.fontSize);
        glyphs.push({ ch, x, advance, size: inline.fontSize });
        x += advance + (spacing ? spacing[k]! * inline.fontSize : inline.characterSpacing ?? 0);
      });
    }
    return { glyphs, end: x, last: b.last, text: glyphs.map((g) => g.ch).join('') };
  });
}

const isHan = (ch: string) => /[\u3400-\u9fff]/.test(ch);

/** The largest gap between neighbouring Han characters on justified lines of 8+ characters, in em. */
function maxHanGap(lines: ReturnType<typeof layOut>): number {
  let max = 0;
  for (const line of lines) {
    if (line.glyphs.length < 8) continue;
    line.glyphs.forEach((g, i) => {
      const prev = line.glyphs[i - 1];
      if (prev && isHan(prev.ch) && isHan(g.ch)) max = Math.max(max, (g.x - (prev.x + prev.advance)) / g.size);
    });
  }
  return max;
}

const sample = parse(readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8')) as { sections: { paragraphs: string[] }[]; lead: { paragraphs: string[] } };
const paragraphs = [...sample.lead.paragraphs, ...sample.sections.flatMap((s) => s.paragraphs)];
/** A paragraph built to be hard: long unbreakable quoted numbers, dashes, ellipses, mark clusters. */
const hard = '建立了产业发展“1+1+12”、群众安置“1+7”等工作体系——把规划图变成施工图，把时间表变成计程表……截至7月底，全区360个重大项目完成投资186.6亿元，完成率62.2%。“三个一批”签约总额68亿元。（见附表）“安居”“乐业”两大工程，“0到1”“1到N”的裂变。';

describe('CJK line breaking', () => {
  const width = 33 * 14;
  const all = [...paragraphs, hard].map((p) => layOut(p, { width, size: 14, indent: 28 }));

  it('never starts a line with closing punctuation nor ends one with an opening mark', () => {
    for (const lines of all) {
      lines.forEach((line, i) => {
        if (i > 0) expect(noStart(line.text[0]!), `line starts "${line.text}"`).toBe(false);
        expect(noEnd(line.text[line.text.length - 1]!), `line ends "${line.text}"`).toBe(false);
      });
    }
  });

  it('keeps —— and ……, numbers and their units together', () => {
    const text = layOut(hard, { width: 20 * 16 }).map((l) => l.text);
    const joinedAtBreaks = text.slice(0, -1).map((t, i) => `${t.slice(-1)}|${text[i + 1]![0]}`);
    for (const pair of joinedAtBreaks) {
      expect(['—|—', '…|…']).not.toContain(pair);
      expect(pair).not.toMatch(/^[0-9.]\|[0-9.%亿元个]$/);
    }
    // Pushed through every width from 10 to 40 characters, no unit or pair is ever split.
    for (let chars = 10; chars <= 40; chars++) {
      const lines = layOut(hard, { width: chars * 16 }).map((l) => l.text);
      for (let i = 1; i < lines.length; i++) {
        const seam = `${lines[i - 1]!.slice(-1)}${lines[i]![0]}`;
        expect(['——', '……', '6亿', '2%', '8亿', '0个'], `width ${chars}: ${seam}`).not.toContain(seam);
      }
    }
  });

  it('fills every justified line to the edge of the text block', () => {
    for (const lines of all) {
      for (const line of lines.filter((l) => !l.last)) {
        const last = line.glyphs[line.glyphs.length - 1]!;
        // A closing mark at the end hangs its blank half: its ink, not its advance, meets the edge.
        const inkEnd = /[，。、；：！？”’）》」』】]/.test(last.ch) ? last.x + last.advance / 2 : last.x + last.advance;
        expect(Math.abs(inkEnd - width), line.text).toBeLessThan(0.05);
      }
    }
  });

  it('hands pdfmake one inline per run and line, the spacing of each glyph riding with it', () => {
    const run = { text: '全会审议通过了两份文件，会议由区委常委会主持，区委书记发表讲话并对下半年各项任务作出部署。', font: 'serif', fontSize: 16, leading: 1.5 } as Inline;
    const node = { text: [run] };
    applyFontFallback([node], fonts);
    const atoms = toAtoms(node.text, faceOf, 16 * 12);
    const rules = { hanLatinEm: 0.25, compress: true };
    const lines = breakLines(atoms, { width: 16 * 12, indent: 0, justify: true, rules }).map((b) => emitLine(atoms, b, rules));
    expect(lines.length).toBeGreaterThan(2);
    for (const inlines of lines) {
      expect(inlines).toHaveLength(1);
      expect((inlines[0]!.fontFeatures![GLYPH_SPACING] as number[]).length).toBe([...inlines[0]!.text].length);
    }
  });

  it('leaves no gap over 0.1 em between neighbouring Han characters', () => {
    for (const lines of all) expect(maxHanGap(lines)).toBeLessThanOrEqual(0.1);
  });

  it('sets two adjacent marks in 1.5 em, not 2', () => {
    const [line] = layOut('他说：“好。”然后走了。', { width: 40 * 16, justify: false });
    const at = (ch: string) => line!.glyphs.findIndex((g) => g.ch === ch);
    const period = line!.glyphs[at('。')]!;
    const close = line!.glyphs[at('”')]!;
    const next = line!.glyphs[at('”') + 1]!;
    expect((next.x - period.x) / 16).toBeCloseTo(1.5, 5);
    expect((close.x - period.x) / 16).toBeCloseTo(0.5, 5);
  });

  it('puts a quarter em between Han characters and Latin letters or digits', () => {
    const [line] = layOut('共360个项目', { width: 40 * 16, justify: false });
    const g = line!.glyphs;
    expect((g[1]!.x - (g[0]!.x + g[0]!.advance)) / 16).toBeCloseTo(0.25, 5);
    const six = g.findIndex((x) => x.ch === '0');
    expect((g[six + 1]!.x - (g[six]!.x + g[six]!.advance)) / 16).toBeCloseTo(0.25, 5);
    const [plain] = layOut('共360个项目', { width: 40 * 16, justify: false, hanLatinEm: 0 });
    expect(plain!.glyphs[1]!.x).toBeCloseTo(16, 5);
  });

  it('does not end a paragraph with a single character', () => {
    for (let chars = 12; chars <= 40; chars++) {
      for (const p of paragraphs.slice(0, 4)) {
        const lines = layOut(p, { width: chars * 14, size: 14, indent: 28 });
        const tail = lines[lines.length - 1]!.text.replace(/[，。、；：！？”’）》]/g, '');
        if (lines.length > 1) expect(tail.length, `width ${chars}: "${lines[lines.length - 1]!.text}"`).toBeGreaterThan(1);
      }
    }
  });

  it('sets GB/T 9704 grid text on a 28-character pitch, punctuation in full cells', () => {
    const width = 156 * (72 / 25.4);
    const pitch = width / 28;
    const lines = layOut(paragraphs[4]!, { width, size: 16, indent: 2 * pitch, grid: true, hanLatinEm: 0, letterSpacing: pitch - 16 });
    const cells = (l: (typeof lines)[number]) => l.glyphs.length + (l === lines[0] ? 2 : 0);
    // Lines that hold exactly 28 characters sit on the grid, cell by cell; kinsoku may move one character.
    const onGrid = lines.filter((l) => !l.last && cells(l) === 28 && l.glyphs.every((g) => Math.abs(g.advance - 16) < 0.01));
    expect(onGrid.length).toBeGreaterThan(lines.length / 2);
    for (const line of onGrid) line.glyphs.forEach((g, k) => expect(g.x).toBeCloseTo((k + (line === lines[0] ? 2 : 0)) * pitch, 1));
    for (const line of lines.filter((l) => !l.last)) expect(Math.abs(cells(line) - 28)).toBeLessThanOrEqual(1);
  });

  it('breaks a 100,000-character run with no break opportunity without failing', () => {
    const lines = layOut('a'.repeat(100_000), { width: 400, size: 12 });
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.every((l) => l.end <= 400.05)).toBe(true);
  });
});

describe('dashes, ranges and numbers in justified lines', () => {
  const text = '截至2023年8月21日，表中为1—9月数据——其中1～9月累计增长62.2%，到95以上的有3项（2023）——比去年同期多出1,230亿元。'.repeat(4);

  it('sets —— as one unit of exactly 2 em, never spread nor parted', () => {
    for (let chars = 12; chars <= 40; chars++) {
      for (const font of ['serif', 'sans', 'kai', 'fangsong']) {
        const lines = layOut(text, { width: chars * 16, font });
        for (const line of lines) {
          line.glyphs.forEach((g, k) => {
            const next = line.glyphs[k + 1];
            if (g.ch === '—' && next?.ch === '—') expect(next.x + next.advance - g.x, `${font} ${chars}: ${line.text}`).toBeCloseTo(32, 5);
          });
        }
        for (let i = 1; i < lines.length; i++) expect(`${lines[i - 1]!.text.slice(-1)}${lines[i]!.text[0]}`).not.toBe('——');
      }
    }
  });

  it('never ends a line inside a range (1—9月, 1～9月) nor splits a number from its unit; a narrow measure may break after the range mark', () => {
    let narrowBreaks = 0;
    for (let chars = 8; chars <= 40; chars++) {
      const lines = layOut(text, { width: chars * 16 }).map((l) => l.text);
      for (let i = 1; i < lines.length; i++) {
        const seam = `${lines[i - 1]!.slice(-2)}|${lines[i]!.slice(0, 2)}`;
        expect(seam, `width ${chars}`).not.toMatch(/\d\|[—～]|\d\|[年月日%亿]/);
        if (chars >= 20) expect(seam, `width ${chars}`).not.toMatch(/\d[—～]\||[—～]\|\d/);
        else if (/[—～]\|\d/.test(seam)) narrowBreaks++;
      }
    }
    expect(narrowBreaks).toBeGreaterThan(0);
  });

  it('spreads a justified line between characters, never inside a number or between a number and its unit', () => {
    let spread = 0;
    for (let chars = 12; chars <= 40; chars++) {
      for (const line of layOut(text, { width: chars * 16 }).filter((l) => !l.last)) {
        line.glyphs.forEach((g, k) => {
          const next = line.glyphs[k + 1];
          if (!next) return;
          const gap = next.x - (g.x + g.advance);
          if (gap > 0.01 && /[\u4e00-\u9fff]/.test(g.ch) && /[\u4e00-\u9fff]/.test(next.ch)) spread++;
          // Inside 2023, 21, 62.2%, 1,230: glyphs touch.
          if (/[0-9.,%]/.test(g.ch) && /[0-9.,%]/.test(next.ch)) expect(gap, `${line.text} at ${g.ch}${next.ch}`).toBeCloseTo(0, 5);
          // Number and unit, and the range mark: only the fixed Han–Latin space, the same on every line.
          if (/[0-9%]/.test(g.ch) && /[年月日亿]/.test(next.ch)) expect(gap / 16, `${line.text} at ${g.ch}${next.ch}`).toBeCloseTo(0.25, 5);
          if (/[0-9]/.test(g.ch) && /[—～]/.test(next.ch)) expect(gap, line.text).toBeCloseTo(0, 5);
          if (/[—～]/.test(g.ch) && /[0-9]/.test(next.ch)) expect(gap, line.text).toBeCloseTo(0, 5);
        });
      }
    }
    // The lines were spread, just elsewhere.
    expect(spread).toBeGreaterThan(100);
  });

  it('puts the same space after % as before the number: 到 95 and 62.2% 以上, none at full-width brackets', () => {
    const [line] = layOut('到95，增长62.2%以上（2023）见(附表)共3项', { width: 60 * 16, justify: false });
    const g = line!.glyphs;
    const gapAfter = (ch: string, from = 0) => {
      const k = g.findIndex((x, i) => i >= from && x.ch === ch);
      return (g[k + 1]!.x - (g[k]!.x + g[k]!.advance)) / 16;
    };
    expect(gapAfter('到')).toBeCloseTo(0.25, 5);
    expect(gapAfter('%')).toBeCloseTo(0.25, 5);
    expect(gapAfter('长')).toBeCloseTo(0.25, 5);
    expect(gapAfter('（')).toBeCloseTo(0, 5);
    expect(gapAfter('3')).toBeCloseTo(0, 5); // 2023）
    expect(gapAfter('见')).toBeCloseTo(0.25, 5); // Western brackets take the space outside
    expect(gapAfter('(')).toBeCloseTo(0, 5);
    expect(gapAfter(')')).toBeCloseTo(0.25, 5);
    // With no Han–Latin space in the style, none anywhere.
    const [plain] = layOut('到95，增长62.2%以上', { width: 60 * 16, justify: false, hanLatinEm: 0 });
    plain!.glyphs.forEach((x, k) => k && expect(x.x).toBeCloseTo(plain!.glyphs[k - 1]!.x + plain!.glyphs[k - 1]!.advance, 5));
  });
});
