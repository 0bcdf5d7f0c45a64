/**
 * What a <chart> says, turned into an Apache ECharts option. Pure data in, plain object out: no
 * ECharts import here, so the document stage can check a chart without loading the library.
 *
 * ECharts lays the chart out in its own units; we give it the chart's size in points, so one
 * ECharts pixel is one PDF point.
 */
export type ChartType = 'bar' | 'line' | 'pie' | 'ring';

export interface ChartSeries {
  name: string;
  /** null: no figure for that category (written `-`). */
  values: (number | null)[];
}

export interface ChartSpec {
  type: ChartType;
  labels: string[];
  series: ChartSeries[];
  /** Unit of the values: the value axis is named with it, pie labels carry it. */
  unit: string;
  legend: boolean;
  valueLabels: boolean;
  /** Fixed decimal places for printed values; undefined prints them as written. */
  decimals?: number;
  width: number;
  height: number;
}

/** The chart's look, from style.yaml. */
export interface ChartLook {
  fontSize: number;
  textColor: string;
  axisColor: string;
  gridColor: string;
  palette: string[];
}

/** ECharts' own estimate of text width is used for its layout; this family keeps it generic. */
const MEASURE_FAMILY = 'sans-serif';

export function chartOption(spec: ChartSpec, look: ChartLook): Record<string, unknown> {
  const base = {
    animation: false,
    color: look.palette,
    textStyle: { fontFamily: MEASURE_FAMILY, fontSize: look.fontSize, color: look.textColor },
  };
  return spec.type === 'pie' || spec.type === 'ring' ? pieOption(spec, look, base) : axisOption(spec, look, base);
}

/** 1234.5 → "1,234.5"; with `decimals`, fixed places. Figures in charts read like those in tables. */
export function formatChartValue(v: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(Number(v.toPrecision(12))) : v.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

function axisOption(spec: ChartSpec, look: ChartLook, base: Record<string, unknown>): Record<string, unknown> {
  const fs = look.fontSize;
  const text = { fontFamily: MEASURE_FAMILY, fontSize: fs, color: look.textColor };
  const legendHeight = spec.legend ? fs * 2 : 0;
  const value = (p: { value: unknown }) => (typeof p.value === 'number' ? formatChartValue(p.value, spec.decimals) : '');
  return {
    ...base,
    legend: spec.legend
      ? { top: 0, left: 'center', itemWidth: fs * 1.8, itemHeight: fs * 0.9, itemGap: fs * 2, textStyle: text, data: spec.series.map((s) => s.name) }
      : { show: false },
    // Room above the plot for the unit (the value axis' name) and the legend; below for the labels.
    grid: { left: fs * 0.5, right: fs * 1.5, top: legendHeight + fs * 2.6, bottom: fs * 0.5, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.labels,
      axisTick: { alignWithLabel: true, lineStyle: { color: look.axisColor } },
      axisLine: { lineStyle: { color: look.axisColor, width: 0.75 } },
      // Every category is labelled; labels never turn (rotated Chinese reads badly) and never overlap.
      axisLabel: { ...text, interval: 0, rotate: 0, hideOverlap: true, margin: fs * 0.7 },
    },
    yAxis: {
      type: 'value',
      name: spec.unit,
      nameGap: fs * 0.9,
      nameTextStyle: { ...text, align: 'right', padding: [0, -fs * 0.3, 0, 0] },
      axisLabel: { ...text, formatter: (v: number) => formatChartValue(v) },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { lineStyle: { color: look.gridColor, width: 0.5, type: 'dashed' } },
    },
    series: spec.series.map((s) => ({
      type: spec.type,
      name: s.name,
      data: s.values.map((v) => (v === null ? '-' : v)),
      label: { show: spec.valueLabels, position: 'top', distance: fs * 0.4, ...text, formatter: value },
      labelLayout: { hideOverlap: true },
      ...(spec.type === 'bar'
        ? { barMaxWidth: fs * 3.2, barGap: '15%' }
        : { symbol: 'circle', symbolSize: fs * 0.55, lineStyle: { width: 1.75 }, clip: false, connectNulls: false }),
    })),
  };
}

function pieOption(spec: ChartSpec, look: ChartLook, base: Record<string, unknown>): Record<string, unknown> {
  const fs = look.fontSize;
  const text = { fontFamily: MEASURE_FAMILY, fontSize: fs, color: look.textColor };
  const [series] = spec.series;
  const outer = Math.min(spec.height / 2 - fs * 3.2, spec.width / 4);
  const label = (p: { name: string; value: number; percent: number }) => {
    const share = `${p.percent.toFixed(1)}%`;
    return spec.valueLabels ? `${p.name}\n${formatChartValue(p.value, spec.decimals)}${spec.unit}（${share}）` : `${p.name}\n${share}`;
  };
  return {
    ...base,
    legend: spec.legend ? { bottom: 0, left: 'center', itemWidth: fs * 1.2, itemHeight: fs * 0.9, itemGap: fs * 2, textStyle: text } : { show: false },
    series: [{
      type: 'pie',
      name: series!.name,
      radius: spec.type === 'ring' ? [outer * 0.58, outer] : [0, outer],
      center: ['50%', spec.legend ? spec.height / 2 - fs : spec.height / 2],
      startAngle: 90,
      clockwise: true,
      avoidLabelOverlap: true,
      percentPrecision: 1,
      data: spec.labels.map((name, i) => ({ name, value: series!.values[i] ?? 0 })),
      label: { ...text, formatter: label, lineHeight: fs * 1.35, alignTo: 'none' },
      labelLine: { length: fs * 0.9, length2: fs * 1.2, lineStyle: { width: 0.75 } },
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
    }],
  };
}
