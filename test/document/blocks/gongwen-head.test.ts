import { describe, expect, it } from 'vitest';
import type { Content, Inline } from '../../../src/document/doc-definition.js';
import { build, CELL, MM, PITCH, textOf, top, walk, WIDTH } from './gongwen-build.js';

/** pdfkit puts a baseline one hhea ascender below the line top: Noto Serif 1.151 em, FandolFang 0.880 em. */
const SERIF_ASCENT = 1.151;
const EM_TOP = 0.88;

/** Flow nodes (not the detached corner lines), with the top of each below the text block's top. */
function flow(content: Content[], heights: number[]): { node: Content; y: number }[] {
  const placed: { node: Content; y: number }[] = [];
  let y = 0;
  content.filter((n) => !n.relativePosition).forEach((node, i) => {
    y += top(node);
    placed.push({ node, y });
    y += heights[i] ?? 0;
  });
  return placed;
}

describe('<gongwen-head>', () => {
  const def = build('<gongwen-head mark="中共郑州市二七区委办公室文件" number="二七办〔2023〕12号" copy-number="true"/>');
  const size = WIDTH / 14;
  const [mark, number, rule, end] = flow(def.content, [size, PITCH, 1.5, 0]);

  it('sets a long mark smaller so that it fits the block on one line, in red bold serif', () => {
    const run = (mark!.node.text as Inline[])[0]!;
    expect(run.fontSize).toBeCloseTo(size, 6);
    expect(run).toMatchObject({ font: 'serif', bold: true, color: '#e60012', text: '中共郑州市二七区委办公室文件' });
    expect(mark!.node.noWrap).toBe(true);
  });

  it('puts the mark’s upper edge 35 mm below the block', () => {
    const emTop = mark!.y + (SERIF_ASCENT - EM_TOP) * size;
    expect(emTop).toBeCloseTo(35 * MM, 6);
  });

  it('centres the 发文字号 two lines under the mark and draws the red rule 4 mm under it', () => {
    expect(number!.node.alignment).toBe('center');
    expect(textOf(number!.node)).toBe('二七办〔2023〕12号');
    // FandolFang's em box starts at the line top.
    expect(number!.y - (35 * MM + size)).toBeCloseTo(2 * PITCH, 6);
    expect(rule!.y - (number!.y + 16)).toBeCloseTo(4 * MM, 6);
    const [rect] = rule!.node.canvas as Record<string, unknown>[];
    expect(rect).toMatchObject({ type: 'rect', h: 1.5, color: '#e60012' });
    expect(rect!.w).toBeCloseTo(WIDTH, 6);
  });

  it('leaves the flow on a line of the grid', () => {
    const lines = end!.y / PITCH;
    expect(lines - Math.round(lines)).toBeCloseTo(0, 6);
    expect(end!.y).toBeGreaterThan(rule!.y + 1.5 - 1e-6);
  });

  it('reserves the 份号 slot on line 1, flush left, as the very object the CLI fills', () => {
    expect(def.copyNumberSlots).toHaveLength(1);
    const slot = def.copyNumberSlots[0]!;
    expect(walk(def.content)).toContain(slot);
    expect(slot.alignment).toBe('left');
  });
});

describe('<gongwen-head> corner lines and 签发人', () => {
  it('prints a fixed 份号 padded to six digits, then 密级 and 紧急程度, each em box on its line', () => {
    const def = build('<gongwen-head mark="二七区" copy="42" secrecy="机密★1年" urgency="特急"/>');
    const corner = def.content.filter((n) => n.relativePosition);
    expect(corner.map(textOf)).toEqual(['000042', '机密★1年', '特急']);
    const ys = corner.map((n) => (n.relativePosition as { y: number }).y);
    // 仿宋 starts its em box at the line top; 黑体 (ascender 1.160) is raised by 0.28 em.
    expect(ys[0]).toBeCloseTo(0, 6);
    expect(ys[1]).toBeCloseTo(PITCH - 0.28 * 16, 6);
    expect(ys[2]).toBeCloseTo(2 * PITCH - 0.28 * 16, 6);
    expect(def.copyNumberSlots).toHaveLength(0);
  });

  it('puts 签发人 on the right two names a line and the 发文字号 one character in on the last line', () => {
    const def = build('<gongwen-head mark="二七区" number="二七政〔2023〕31号" signers="虎荣鑫,樊惠林,景静" signer-label="签发人"/>');
    const columns = def.content.find((n) => n.columns)!;
    const [left, right, space] = columns.columns as Content[];
    expect(space!.width).toBeCloseTo(CELL, 6);
    const rows = right!.stack as Content[];
    expect(rows.map(textOf)).toEqual(['签发人：虎荣鑫　樊惠林', '景静']);
    // The second line starts under the first name: after the four characters of 签发人：.
    expect((rows[1]!.margin as number[])[0]).toBeCloseTo(4 * (16 + (CELL - 16)), 6);
    const number = (left!.stack as Content[])[0]!;
    expect(textOf(number)).toBe('二七政〔2023〕31号');
    const [x, y] = number.margin as number[];
    expect(x).toBeCloseTo(CELL, 6);
    // One line down, plus the difference between 楷体's and 仿宋's ascenders so the baselines meet.
    expect(y).toBeCloseTo(PITCH + (0.928 - 0.88) * 16, 6);
  });
});
