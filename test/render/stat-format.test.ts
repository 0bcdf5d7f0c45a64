import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { HelperValueError } from '../../src/render/helper-value.js';
import { compileTemplate } from '../../src/render/render-template.js';
import { csvColumn, csvSeries, formatChange, formatGrouped, formatScaled, formatWan, groupDigits, roundFigure } from '../../src/render/stat-format.js';
import type { TemplatePack } from '../../src/template/template-pack.js';

const monthly = {
  columns: ['月份', '当月投资（亿元）', '累计完成率（%）', '说明'],
  rows: [['1月', '18.2', '6.1', '开局'], ['2月', '1,230', '13.2', '甲,乙']],
};

describe('digit grouping and units', () => {
  it('groups the whole part only', () => {
    expect(groupDigits('1234567.1234')).toBe('1,234,567.1234');
    // GB/T 15835: four digits or fewer stay ungrouped; a minus is U+2212.
    expect(groupDigits('-1230')).toBe('\u22121230');
    expect(groupDigits('-12345')).toBe('\u221212,345');
    expect(groupDigits('1230.5')).toBe('1230.5');
    expect(groupDigits('999')).toBe('999');
  });

  it('scales to 万, 亿 and the rest, with the unit written either way', () => {
    expect(formatScaled(18660000000, '亿')).toBe('186.6');
    expect(formatScaled(18660000000, '亿元')).toBe('186.6');
    expect(formatScaled(123000000000000, '亿', 1)).toBe('1,230,000.0');
    expect(formatScaled('35600', '万元')).toBe('3.56');
    expect(formatScaled(2.5e12, '万亿')).toBe('2.5');
    expect(formatScaled(1234567, '万', 0)).toBe('123');
    expect(() => formatScaled(1, '兆')).toThrow(/unknown unit "兆"/);
    expect(() => formatScaled('abc', '万')).toThrow(HelperValueError);
  });

  it('picks 亿 or 万 by size', () => {
    expect(formatWan(123000000)).toBe('1.23亿');
    expect(formatWan(-35600)).toBe('\u22123.56万');
    expect(formatWan(980)).toBe('980');
    expect(formatWan(1230000000000, 0)).toBe('12,300亿');
  });

  it('turns a change’s sign into ▲ or ▼, keeping CSV text’s places', () => {
    expect(formatChange(2.1)).toBe('▲2.1');
    expect(formatChange('-5.4')).toBe('▼5.4');
    expect(formatChange('17.0')).toBe('▲17.0');
    expect(formatChange('+3')).toBe('▲3');
    expect(formatChange(0)).toBe('0');
    expect(formatChange(-0.04, 1)).toBe('0.0');
    expect(formatChange(1234.5, 0)).toBe('▲1235');
    expect(formatChange(12345.6, 0)).toBe('▲12,346');
  });

  it('groups CSV figures and leaves other text as it is', () => {
    expect(formatGrouped('1230')).toBe('1230');
    expect(formatGrouped('12300')).toBe('12,300');
    expect(formatGrouped('-2.3')).toBe('\u22122.3');
    expect(formatGrouped('155.0')).toBe('155.0');
    expect(formatGrouped(1234567)).toBe('1,234,567');
    for (const t of ['小微企业园', '62.2%', '—', '1,230', '']) expect(formatGrouped(t)).toBe(t);
  });
});

describe('figures rounded as the style says (typography.decimals)', () => {
  it('rounds a figure written with more places, half away from zero, carrying into the whole part', () => {
    expect(roundFigure('12.345', 1)).toBe('12.3');
    expect(roundFigure('12.35', 1)).toBe('12.4');
    expect(roundFigure('9.96', 1)).toBe('10.0');
    expect(roundFigure('−2.35', 1)).toBe('−2.4');
    expect(roundFigure('186.6', 0)).toBe('187');
  });
  it('keeps sign, arrow, percent and the grouping as written', () => {
    expect(roundFigure('▲17.06', 1)).toBe('▲17.1');
    expect(roundFigure('62.25%', 1)).toBe('62.3%');
    expect(roundFigure('9,999.96', 1)).toBe('10,000.0');
    expect(roundFigure('1230.46', 1)).toBe('1230.5');
  });
  it('leaves a figure with as many places or fewer, and any other text, as written', () => {
    expect(roundFigure('360', 1)).toBe('360');
    expect(roundFigure('18.2', 1)).toBe('18.2');
    expect(roundFigure('18.20', 2)).toBe('18.20');
    expect(roundFigure('62.2%以上', 0)).toBe('62.2%以上');
    expect(roundFigure('—', 1)).toBe('—');
  });
});

describe('CSV columns for charts', () => {
  it('lists one column by header or index, figures ungrouped and commas in text made full-width', () => {
    expect(csvColumn(monthly, '月份')).toBe('1月,2月');
    expect(csvColumn(monthly, 1)).toBe('18.2,1230');
    expect(csvColumn(monthly, '说明')).toBe('开局,甲，乙');
  });

  it('names each series by its header; columns may come as a list', () => {
    expect(csvSeries(monthly, ['当月投资（亿元）', '累计完成率（%）'])).toBe('当月投资（亿元）:18.2,1230;累计完成率（%）:6.1,13.2');
    expect(csvSeries(monthly, [['累计完成率（%）']])).toBe('累计完成率（%）:6.1,13.2');
  });

  it('says which columns there are when one is not found', () => {
    expect(() => csvColumn(monthly, '同比')).toThrow(/no column "同比" in the table \(columns: 月份, 当月投资（亿元）/);
    expect(() => csvColumn(monthly, 9)).toThrow(/no column 9/);
    expect(() => csvColumn([1, 2], 0)).toThrow(/table read from CSV/);
    expect(() => csvSeries(monthly, [])).toThrow(/at least one column/);
  });
});

describe('the helpers in a template', () => {
  const render = (source: string, data: Record<string, unknown>) => {
    const pack: TemplatePack = { name: 't', description: '', dir: '/virtual', entry: { file: '/virtual/t.hbs', source }, partials: new Map(), schemaFile: '', styleFile: '' };
    return compileTemplate(pack).render(data);
  };

  it('format figures and feed a chart from a CSV table', () => {
    const out = render('<document><p>{{scaled v "亿"}}|{{wan v}}|{{arrow c}}|{{grouped n}}</p><chart labels="{{csvColumn t \'月份\'}}" series="{{csvSeries t cols}}"/></document>',
      { v: 18660000000, c: -1.8, n: '1230', t: monthly, cols: ['当月投资（亿元）'] });
    expect(out).toContain('<p>186.6|186.6亿|▼1.8|1230</p>');
    expect(out).toContain('<chart labels="1月,2月" series="当月投资（亿元）:18.2,1230"/>');
  });

  it('fail at the line of the call', () => {
    let error: unknown;
    try {
      render('<document>\n<p>{{arrow change}}</p></document>', { change: '持平' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('E_TEMPLATE_RENDER');
    expect((error as BriefingError).message).toContain('arrow: "持平" is not a number');
    expect((error as BriefingError).location).toMatchObject({ line: 2 });
  });
});
