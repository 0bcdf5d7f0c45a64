import { describe, expect, it } from 'vitest';
import { estimateLines } from '../../../src/document/blocks/record.js';
import type { Content } from '../../../src/document/doc-definition.js';
import { BriefingError } from '../../../src/errors/briefing-error.js';
import { build, MM, PITCH, textOf, WIDTH } from './gongwen-build.js';

const A4_HEIGHT = 297 * MM;
const BLOCK_BOTTOM = A4_HEIGHT - 35 * MM;

describe('estimateLines', () => {
  it('counts full-width characters as one em and others as 0.6 em, a character lost per break', () => {
    expect(estimateLines('区政府党组，区政协党组。', 26 * 14, 14)).toBe(1);
    expect(estimateLines('甲'.repeat(26), 26 * 14, 14)).toBe(1);
    expect(estimateLines('甲'.repeat(27), 26 * 14, 14)).toBe(2);
    // Two lines hold 26 + 25: a break may push one character down.
    expect(estimateLines('甲'.repeat(52), 26 * 14, 14)).toBe(3);
    expect(estimateLines('a'.repeat(43), 26 * 14, 14)).toBe(1);
    expect(estimateLines('a'.repeat(44), 26 * 14, 14)).toBe(2);
  });
});

describe('<record>', () => {
  const cc = '市发展改革委，市自然资源和规划局，市住房保障局，市城乡建设局，市财政局，市生态环境局，市城市管理局，市商务局。';
  const content = build(`<p>正文</p><record issuer="郑州市二七区人民政府办公室" issued="2023年8月25日印发"><to kind="抄送">${cc}</to></record>`).content;
  const [, reserve, canvas, ...rows] = content;
  const ccLines = estimateLines(cc, WIDTH - 2 * 14 - 3 * 14, 14);
  const height = (ccLines + 1) * PITCH;

  it('reserves its height and a blank line in the flow, with an empty stack (an empty text would add a line)', () => {
    expect(ccLines).toBe(3);
    expect(reserve!.stack).toEqual([]);
    expect((reserve!.margin as number[])[1]).toBeCloseTo(height + PITCH, 6);
  });

  it('draws thick, thin and thick rules across the block, the last on its bottom edge', () => {
    expect(canvas!.absolutePosition).toEqual({ x: 28 * MM, y: BLOCK_BOTTOM - height });
    const rects = canvas!.canvas as { y: number; h: number; w: number }[];
    expect(rects.map((r) => r.h)).toEqual([0.35 * MM, 0.25 * MM, 0.35 * MM]);
    const centres = rects.map((r) => r.y + r.h / 2);
    expect(centres[0]).toBeCloseTo(0, 6);
    expect(centres[1]).toBeCloseTo(ccLines * PITCH, 6);
    expect(centres[2]).toBeCloseTo(height, 6);
    for (const r of rects) expect(r.w).toBeCloseTo(WIDTH, 6);
  });

  it('places each line in its rows, one character in from both sides, wrapped 抄送 lines after the colon', () => {
    expect(rows.map(textOf)).toEqual([`抄送：${cc}`, '郑州市二七区人民政府办公室2023年8月25日印发']);
    const [first, second] = rows.map((r) => (r.absolutePosition as { y: number }).y + 1);
    expect(first).toBeCloseTo(BLOCK_BOTTOM - height, 6);
    expect(second).toBeCloseTo(BLOCK_BOTTOM - PITCH, 6);
    const inner = ((rows[0]!.stack as Content[])[0]!.stack as Content[])[0]!;
    expect(inner.margin).toEqual([14, 0, 14, 0]);
    const [label, text] = inner.columns as Content[];
    expect(label!.width).toBe(3 * 14);
    expect(text!.measure).toBeCloseTo(WIDTH - 28 - 42, 6);
  });

  it('refuses a print-run line, which 公文 版记 do not have', () => {
    expect(() => build('<record issuer="甲" issued="乙"><copies>（共印10份）</copies></record>')).toThrow(BriefingError);
  });
});
