import { describe, expect, it } from 'vitest';
import type { Content } from '../../../src/document/doc-definition.js';
import { BriefingError } from '../../../src/errors/briefing-error.js';
import { build, MM, PITCH, textOf, WIDTH } from './gongwen-build.js';

// Where the 版记 lands on the page is the composer's (test/e2e/gongwen.test.ts reads it back from
// the PDF); here: what the document stage hands it.
describe('<record>', () => {
  const cc = '市发展改革委，市自然资源和规划局，市住房保障局，市城乡建设局，市财政局，市生态环境局，市城市管理局，市商务局。';
  const [, record] = build(`<p>正文</p><record issuer="郑州市二七区人民政府办公室" issued="2023年8月25日印发"><to kind="抄送">${cc}</to></record>`).content;
  const stack = record!.stack as Content[];
  const rules = stack.filter((n) => n.canvas);
  const rows = stack.filter((n) => !n.canvas);

  it('is pinned to the foot of an even page, a blank line kept free above it', () => {
    expect(record!.pin).toBe('foot-even');
    expect(record!.unbreakable).toBe(true);
    expect((record!.margin as number[])[1]).toBeCloseTo(PITCH, 6);
    const [, any] = build('<p>正文</p><record page="any" issuer="甲" issued="乙"></record>').content;
    expect(any!.pin).toBe('foot');
  });

  it('draws thick, thin and thick rules across the block, each centred on a row boundary and taking no room', () => {
    const rects = rules.map((r) => (r.canvas as { y: number; h: number; w: number }[])[0]!);
    expect(rects.map((r) => Math.round((r.h / MM) * 100) / 100)).toEqual([0.35, 0.25, 0.35]);
    for (const r of rects) {
      expect(r.w).toBeCloseTo(WIDTH, 6);
      expect(r.y + r.h / 2).toBeCloseTo(0, 6);
    }
    for (const rule of rules) expect(rule.relativePosition).toEqual({ x: 0, y: 0 });
    expect(stack.map((n) => (n.canvas ? 'rule' : 'row'))).toEqual(['rule', 'row', 'rule', 'row', 'rule']);
  });

  it('sets each row one character in from both sides, its lines a pitch apart, centred in their rows', () => {
    expect(rows.map(textOf)).toEqual([`抄送：${cc}`, '郑州市二七区人民政府办公室2023年8月25日印发']);
    for (const row of rows) {
      const [left, shift, right, back] = row.margin as number[];
      expect([left, right]).toEqual([14, 14]);
      // Moved down within its row and back: the rows stack at whole pitches.
      expect(shift! + back!).toBeCloseTo(0, 9);
    }
    const [label, text] = rows[0]!.columns as Content[];
    expect(label!.width).toBe(3 * 14);
    expect(text!.width).toBe('*');
    const run = (text!.text as { leading: number; fontSize: number }[])[0]!;
    expect(run.leading * run.fontSize).toBeCloseTo(PITCH, 6);
  });

  it('refuses a print-run line, which 公文 版记 do not have', () => {
    expect(() => build('<record issuer="甲" issued="乙"><copies>（共印10份）</copies></record>')).toThrow(BriefingError);
  });
});
