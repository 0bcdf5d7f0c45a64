import { describe, expect, it } from 'vitest';
import type { Content } from '../../../src/document/doc-definition.js';
import { build, CELL, PITCH, textOf, WIDTH } from './gongwen-build.js';

describe('<attachments>', () => {
  it('numbers several attachments under one 附件： label, names hanging under their first character', () => {
    const [block] = build('<attachments label="附件"><li>实施意见</li><li>任务分工方案</li></attachments>').content;
    expect((block!.margin as number[])[1]).toBeCloseTo(PITCH, 2);
    const rows = (block!.stack as Content[]).map((r) => r.columns as Content[]);
    expect(rows.map((cols) => cols.map(textOf))).toEqual([['附件：', '1．', '实施意见'], ['', '2．', '任务分工方案']]);
    const [label, number, name] = rows[0]!;
    expect(label!.width).toBeCloseTo(5 * CELL, 6);
    expect((label!.margin as number[])[0]).toBeCloseTo(2 * CELL, 6);
    expect(number!.width).toBeCloseTo(1.5 * CELL, 6);
    expect(name!.width).toBeCloseTo(WIDTH - 6.5 * CELL, 6);
  });

  it('counts only numbered items: one with its own label neither takes nor advances a number', () => {
    const [block] = build('<attachments label="附件"><li>实施意见</li><li label="">（另行印发）</li><li>任务分工方案</li></attachments>').content;
    const rows = (block!.stack as Content[]).map((r) => (r.columns as Content[]).map(textOf));
    expect(rows.map((cols) => cols[1])).toEqual(['1．', '', '2．']);
  });

  it('makes room for a two-digit number: "10．" takes two cells', () => {
    const items = Array.from({ length: 10 }, (_, i) => `<li>附件名称${i + 1}</li>`).join('');
    const [block] = build(`<attachments label="附件">${items}</attachments>`).content;
    const rows = (block!.stack as Content[]).map((r) => r.columns as Content[]);
    expect(textOf(rows[9]![1]!)).toBe('10．');
    expect(rows[0]![1]!.width).toBeCloseTo(2 * CELL, 6);
  });

  it('prints a single attachment without a number', () => {
    const [block] = build('<attachments label="附件"><li>实施意见</li></attachments>').content;
    const cols = (block!.stack as Content[])[0]!.columns as Content[];
    expect(cols.map(textOf)).toEqual(['附件：', '实施意见']);
  });
});

describe('<annex>', () => {
  const content = build('<h1>总体要求</h1><annex label="附件1"><title>实施意见</title><h1>目标</h1><p>正文</p></annex>').content;
  const labelAt = content.findIndex((n) => n.pageBreak === 'before');

  it('starts a new page with its label flush left in 黑体, raised onto the first line of the grid', () => {
    const label = content[labelAt]!;
    expect(textOf(label)).toBe('附件1');
    const [, up, , down] = label.margin as number[];
    expect(up).toBeCloseTo(-0.28 * 16, 6);
    expect(down).toBeCloseTo(PITCH + 0.28 * 16, 2);
  });

  it('sets its title one blank line under the label, not at the title style’s distance', () => {
    const title = content[labelAt + 1]!;
    expect(textOf(title)).toBe('实施意见');
    expect((title.margin as number[])[1]).toBe(0);
  });

  it('numbers its headings afresh', () => {
    expect(textOf(content[labelAt + 2]!)).toBe('一、目标');
  });

  it('counts 1. points only: a plain paragraph between them neither restarts nor advances the count', () => {
    const points = build('<h2>甲</h2><h3>第一点</h3><p>不编号的说明。</p><h3>第二点</h3><p>又一段说明。</p><h3>第三点</h3><h2>乙</h2><h3>另起</h3>').content;
    expect(points.map(textOf).filter((t) => /^\d/.test(t))).toEqual(['1.第一点', '2.第二点', '3.第三点', '1.另起']);
  });

  it('numbers its headings afresh (the body first)', () => {
    expect(textOf(content[0]!)).toBe('一、总体要求');
    expect(textOf(content[labelAt + 2]!)).toBe('一、目标');
  });
});
