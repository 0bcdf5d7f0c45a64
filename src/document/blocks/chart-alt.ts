import { formatChartValue, type ChartSpec, type ChartType } from './chart-option.js';

const KIND: Record<ChartType, string> = { bar: '柱状图', line: '折线图', pie: '饼图', ring: '环形图' };

/**
 * A chart in words, for a tagged PDF's Figure: what kind of chart, its title, and every figure it
 * shows, as a reader would say them — `柱状图：各月投资。当月投资：1月 12.3亿元，2月 15.1亿元。`.
 * A pie or ring gives each slice's share too. Figures are formatted as the chart prints them.
 */
export function chartAlt(spec: ChartSpec, title: string | undefined): string {
  const head = `${KIND[spec.type]}${title ? `：${title}` : ''}。`;
  const figure = (v: number | null) => (v === null ? '无数据' : `${formatChartValue(v, spec.decimals)}${spec.unit}`);
  if (spec.type === 'pie' || spec.type === 'ring') {
    const values = spec.series[0]!.values;
    const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const slices = spec.labels.map((label, i) => {
      const v = values[i] ?? 0;
      return `${label} ${figure(v)}（${sum > 0 ? ((v / sum) * 100).toFixed(1) : '0.0'}%）`;
    });
    return `${head}${slices.join('，')}。`;
  }
  const series = spec.series.map((s) => {
    const points = spec.labels.map((label, i) => `${label} ${figure(s.values[i] ?? null)}`).join('，');
    return `${s.name ? `${s.name}：` : ''}${points}。`;
  });
  return `${head}${series.join('')}`;
}
