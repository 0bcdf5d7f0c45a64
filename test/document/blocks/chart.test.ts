import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/document/build-document.js';
import type { Content, Inline } from '../../../src/document/doc-definition.js';
import { loadStyle } from '../../../src/document/style.js';
import { MM } from '../../../src/document/units.js';
import { BriefingError } from '../../../src/errors/briefing-error.js';
import { parseMarkup } from '../../../src/markup/parse-markup.js';
import { repoRoot } from '../../helpers/run-cli.js';

const sheet = loadStyle(join(repoRoot, 'templates/stats/style.yaml'));
const WIDTH = 163 * MM;

function build(body: string): Content[] {
  const markup = parseMarkup(`<document>${body}</document>`, { file: 't.hbs' });
  return buildDocument(markup, sheet, { baseDir: repoRoot, projectRoot: repoRoot, origin: 't.hbs (rendered markup)', creationDate: new Date(0) }).definition.content;
}

function failure(body: string): BriefingError {
  try {
    build(body);
  } catch (e) {
    if (e instanceof BriefingError) return e;
    throw e;
  }
  throw new Error('expected a BriefingError');
}

const textOf = (n: Content) => ((n.text ?? (n.columns as Content[])[0]!.text) as Inline[]).map((r) => r.text).join('');

describe('<chart>', () => {
  const [block] = build('<chart type="bar" title="当月完成投资" unit="亿元" labels="1月,2月,3月" series="当月投资:18.2,21.3,25.3" note="注：示意数据。" height="60mm"/>');
  const [title, drawing, note] = block!.stack as Content[];

  it('keeps title, drawing and note on one page, with the chart style’s space around', () => {
    expect(block!.unbreakable).toBe(true);
    expect(block!.margin).toEqual([0, 6, 0, 4]);
    expect(textOf(title!)).toBe('当月完成投资');
    expect(textOf(note!)).toBe('注：示意数据。');
    expect((note!.text as Inline[])[0]!.font).toBe('kai');
  });

  it('draws an SVG of the full width and the height asked, labels as text over it', () => {
    const [svg, ...labels] = drawing!.stack as Content[];
    expect(svg!.width).toBeCloseTo(WIDTH, 6);
    expect(svg!.height).toBeCloseTo(60 * MM, 6);
    expect(svg!.svg).not.toContain('<text');
    const texts = labels.map(textOf);
    for (const t of ['1月', '2月', '3月', '亿元', '18.2', '21.3', '25.3']) expect(texts).toContain(t);
    // Labels are placed back from the chart's foot, where the flow stands after the SVG.
    for (const l of labels) {
      const { x, y } = l.relativePosition as { x: number; y: number };
      expect(y).toBeLessThan(0);
      expect(y).toBeGreaterThan(-60 * MM - 20);
      expect(x).toBeGreaterThan(-20);
    }
    const month = labels.find((l) => textOf(l) === '1月')!;
    const run = ((month.columns as Content[])[0]!.text as Inline[])[0]!;
    expect(run).toMatchObject({ font: 'sans', fontSize: 9, color: '#333333', leading: 1 });
    expect((month.columns as Content[])[0]!.alignment).toBe('center');
  });

  it('reads the same drawing when walked again (drawn once)', () => {
    expect(drawing!.stack).toBe(drawing!.stack);
  });

  it('centres a narrower chart', () => {
    const [b] = build('<chart type="pie" width="50%" labels="甲,乙" series="1,3"/>');
    const drawn = (b!.stack as Content[])[0]!;
    const [left, , right] = drawn.margin as number[];
    expect(left).toBeCloseTo(WIDTH / 4, 6);
    expect(right).toBeCloseTo(WIDTH / 4, 6);
    expect(((drawn.stack as Content[])[0]!).width).toBeCloseTo(WIDTH / 2, 6);
  });

  it('names the attribute and the reason when the data does not fit', () => {
    const count = failure('<chart labels="1月,2月,3月" series="完成:1,2"/>');
    expect(count.code).toBe('E_MARKUP_ATTRIBUTE_VALUE');
    expect(count.message).toContain('"完成" has 2 values for 3 labels');
    expect(count.location).toMatchObject({ file: 't.hbs (rendered markup)', line: 1 });
    expect(failure('<chart labels="1月,2月" series="完成:1,2亿"/>').message).toContain('"2亿" is not a number');
    expect(failure('<chart labels="1月,2月" series="完成:1,1,230"/>').message).toContain('3 values for 2 labels');
    expect(failure('<chart type="pie" labels="甲,乙" series="a:1,2;b:3,4"/>').message).toContain('exactly one series');
    expect(failure('<chart type="ring" labels="甲,乙" series="1,-2"/>').message).toContain('0 or more');
    // Each slice is a number, but their sum is not: the shares would print as 100 % and 0 %.
    expect(failure('<chart type="ring" labels="甲,乙" series="1e308,1e308"/>').message).toContain('add up to more than can be printed');
    expect(failure('<chart labels="" series="1"/>').message).toContain('categories');
    expect(failure('<chart labels="甲" series=""/>').message).toContain('at least one series');
  });

  it('accepts a missing figure and several series', () => {
    const [b] = build('<chart type="line" labels="1月,2月,3月" series="完成率:6.1,-,21.6；序时进度:8.3,16.7,25"/>');
    const labels = (((b!.stack as Content[])[0]!.stack as Content[]).slice(1)).map(textOf);
    // Two lines: the legend names them; figures stay off the lines.
    expect(labels).toContain('完成率');
    expect(labels).toContain('序时进度');
    expect(labels).not.toContain('21.6');
  });
});

describe('<kpi change>', () => {
  const runsOf = (n: Content) => n.text as Inline[];
  const cards = (body: string) => ((((build(`<kpis columns="2">${body}</kpis>`)[0]!.stack as Content[])[0]!).columns as Content[]).map((c) => c.stack as Content[]));

  it('prints the change with ▲ in red for a rise and ▼ in green for a fall, after its label', () => {
    const [up, down] = cards('<kpi value="186.6" unit="亿元" label="累计完成投资" change="+31.6" change-unit="亿元" change-label="比6月末"/>'
      + '<kpi value="31.6" unit="亿元" label="当月完成投资" change="-1.8" change-unit="亿元" change-label="比6月"/>');
    const upLine = runsOf(up![2]!);
    expect(upLine.map((r) => r.text)).toEqual(['比6月末 ', '▲31.6亿元']);
    expect(upLine[1]!.color).toBe('#d7000f');
    expect(upLine[0]!.color).toBe('#555555');
    const downLine = runsOf(down![2]!);
    expect(downLine.map((r) => r.text)).toEqual(['比6月 ', '▼1.8亿元']);
    expect(downLine[1]!.color).toBe('#1a7f37');
  });

  it('prints no change as the figure alone, and keeps the line free in a card without one', () => {
    const [flat, none] = cards('<kpi value="45" label="a" change="0" change-unit="个"/><kpi value="12" label="b" rate="65.4"/>');
    expect(runsOf(flat![2]!).map((r) => r.text)).toEqual(['0个']);
    // Card b: value, label, the reserved change line, then the bar.
    expect(runsOf(none![2]!).map((r) => r.text)).toEqual([' ']);
    expect(none![3]!.canvas).toBeDefined();
  });

  it('prints a figure by the one rule: a minus sign, not a hyphen; grouped past four digits', () => {
    const [minus, big] = cards('<kpi value="-2.3" unit="%" label="增速"/><kpi value="14865" unit="户" label="b"/>');
    const [four] = cards('<kpi value="1230" label="c"/>');
    expect(runsOf(minus![0]!).map((r) => r.text)).toEqual(['\u22122.3', '%']);
    expect(runsOf(big![0]!).map((r) => r.text)).toEqual(['14,865', '户']);
    expect(runsOf(four![0]!).map((r) => r.text)).toEqual(['1230']);
  });

  it('adds no line to a row without changes', () => {
    const [a] = cards('<kpi value="45" label="a" rate="65.4"/><kpi value="12" label="b"/>');
    expect(a![2]!.canvas).toBeDefined();
  });
});
