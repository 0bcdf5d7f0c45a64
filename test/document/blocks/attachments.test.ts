import { describe, expect, it } from 'vitest';
import type { Content } from '../../../src/document/doc-definition.js';
import { build, CELL, PITCH, textOf, WIDTH } from './gongwen-build.js';

describe('<attachments>', () => {
  it('numbers several attachments under one 附件： label, names hanging under their first character', () => {
    const [block] = build('<attachments label="附件"><li>实施意见</li><li>任务分工方案</li></attachments>').content;
    expect((block!.margin as number[])[1]).toBeCloseTo(PITCH, 2);
    const rows = (block!.stack as Content[]).map((r) => r.columns as Content[]);
    expect(rows.map((cols) => cols.map(textOf))).toEqual([['附件：', '1.', '实施意见'], ['', '2.', '任务分工方案']]);
    const [label, number, name] = rows[0]!;
    expect(label!.width).toBeCloseTo(5 * CELL, 6);
    expect((label!.margin as number[])[0]).toBeCloseTo(2 * CELL, 6);
    expect(number!.width).toBeCloseTo(1.5 * CELL, 6);
    expect(name!.measure).toBeCloseTo(WIDTH - 6.5 * CELL, 6);
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
    expect(textOf(content[0]!)).toBe('一、总体要求');
    expect(textOf(content[labelAt + 2]!)).toBe('一、目标');
  });
});
