import { describe, expect, it } from 'vitest';
import { chartOption, formatChartValue, type ChartLook, type ChartSpec } from '../../../src/document/blocks/chart-option.js';

const look: ChartLook = { fontSize: 9, textColor: '#333333', axisColor: '#595959', gridColor: '#d0d0d0', palette: ['#c00000', '#e58a00'] };
const bar: ChartSpec = {
  type: 'bar', labels: ['1月', '2月', '3月'], series: [{ name: '完成投资', values: [18.2, null, 1234.5] }],
  unit: '亿元', legend: false, valueLabels: true, width: 400, height: 180,
};

type Obj = Record<string, unknown>;
const seriesOf = (o: Obj) => o.series as Obj[];

describe('chartOption', () => {
  it('turns animation off, so the server-side drawing is the final one', () => {
    expect(chartOption(bar, look).animation).toBe(false);
    expect(chartOption({ ...bar, type: 'ring' }, look).animation).toBe(false);
  });

  it('puts categories on the axis, the unit on the value axis, and the style’s colours and size', () => {
    const o = chartOption(bar, look);
    expect((o.xAxis as Obj).data).toEqual(['1月', '2月', '3月']);
    expect((o.yAxis as Obj).name).toBe('亿元');
    expect(o.color).toEqual(['#c00000', '#e58a00']);
    expect((o.textStyle as Obj).fontSize).toBe(9);
    // Labels never turn: rotated Chinese reads badly.
    expect(((o.xAxis as Obj).axisLabel as Obj).rotate).toBe(0);
  });

  it('writes a missing figure as ECharts’ "-" and formats value labels with digit grouping', () => {
    const [s] = seriesOf(chartOption(bar, look));
    expect(s!.data).toEqual([18.2, '-', 1234.5]);
    const label = s!.label as { show: boolean; formatter: (p: { value: unknown }) => string };
    expect(label.show).toBe(true);
    expect(label.formatter({ value: 1234.5 })).toBe('1,234.5');
    expect(label.formatter({ value: '-' })).toBe('');
    const fixed = seriesOf(chartOption({ ...bar, decimals: 2 }, look))[0]!.label as { formatter: (p: { value: unknown }) => string };
    expect(fixed.formatter({ value: 3 })).toBe('3.00');
  });

  it('shows a legend of the series names only when asked', () => {
    expect((chartOption(bar, look).legend as Obj).show).toBe(false);
    const two = { ...bar, type: 'line' as const, legend: true, series: [{ name: '完成率', values: [1, 2, 3] }, { name: '序时进度', values: [2, 3, 4] }] };
    expect((chartOption(two, look).legend as Obj).data).toEqual(['完成率', '序时进度']);
    expect(seriesOf(chartOption(two, look)).map((s) => s.type)).toEqual(['line', 'line']);
  });

  it('draws a ring as a pie with an inner radius, slices named by the labels', () => {
    const ring = chartOption({ ...bar, type: 'ring', series: [{ name: '投资', values: [3, 1, 0] }] }, look);
    const [s] = seriesOf(ring);
    expect(s!.type).toBe('pie');
    const [inner, outer] = s!.radius as number[];
    expect(inner).toBeGreaterThan(0);
    expect(outer).toBeGreaterThan(inner!);
    expect(s!.data).toEqual([{ name: '1月', value: 3 }, { name: '2月', value: 1 }, { name: '3月', value: 0 }]);
    const pie = seriesOf(chartOption({ ...bar, type: 'pie', series: [{ name: '投资', values: [3, 1, 0] }] }, look))[0]!;
    expect((pie.radius as number[])[0]).toBe(0);
  });

  it('labels slices with name, figure with unit and share, or name and share', () => {
    const label = (valueLabels: boolean) =>
      (seriesOf(chartOption({ ...bar, type: 'pie', valueLabels, series: [{ name: 'x', values: [1, 1, 1] }] }, look))[0]!.label as { formatter: (p: unknown) => string }).formatter;
    expect(label(true)({ name: '产业项目', value: 78.4, percent: 42 })).toBe('产业项目\n78.4亿元（42.0%）');
    expect(label(false)({ name: '产业项目', value: 78.4, percent: 42 })).toBe('产业项目\n42.0%');
  });
});

describe('formatChartValue', () => {
  it('groups thousands and keeps the places a figure has', () => {
    expect(formatChartValue(1234567.5)).toBe('1,234,567.5');
    expect(formatChartValue(0.1 + 0.2)).toBe('0.3');
    expect(formatChartValue(-1230)).toBe('-1,230');
    expect(formatChartValue(62.25, 1)).toBe('62.3');
  });
});
