import { BriefingError } from '../../errors/briefing-error.js';
import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content, Inline } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor, type TextStyle } from '../style.js';
import { MM, parseLength } from '../units.js';
import { chartAlt } from './chart-alt.js';
import { chartOption, type ChartLook, type ChartSeries, type ChartSpec, type ChartType } from './chart-option.js';
import { renderChartSvg, splitChartSvg, type ChartLabel } from './chart-svg.js';

/** Series colours when style.yaml names none: red first, as Chinese official charts lead with it. */
const PALETTE = ['#c00000', '#e58a00', '#2f6db5', '#5b9a45', '#7f5fa8', '#8c8c8c', '#1f9e9e', '#b5651d'];
const DEFAULT_HEIGHT = 65 * MM;

/**
 * Ascent of each bundled role's font, in em: the composer puts a line's baseline this far below its top,
 * so a label is placed by where its baseline must fall. A role mapped to other fonts may sit a
 * little higher or lower; the fonts are not read here (the document stage reads no fonts).
 */
const ASCENT: Record<string, number> = { serif: 1.151, sans: 1.16, kai: 0.928, fangsong: 0.88 };
/** The middle of an ideograph's em box, above the baseline (CSS `central` for CJK fonts). */
const CENTRAL = 0.38;

/**
 * <chart>: a bar, line, pie or ring chart drawn by ECharts as vector graphics, with its labels set
 * as real text in the document's fonts. The data is checked here (so `validate` reports it); the
 * drawing happens when the typeset stage first reads the chart's content.
 */
export function chart(el: MarkupElement, ctx: BuildContext): Content[] {
  const spec = readSpec(el, ctx);
  const style = chartStyle(ctx);
  const look: ChartLook = {
    fontSize: style.size,
    textColor: style.color,
    axisColor: style.borderColor ?? '#595959',
    gridColor: style.background ?? '#d0d0d0',
    palette: PALETTE.map((c, i) => ctx.sheet.elements[`chart-series-${i + 1}`]?.color ?? c),
  };
  const parts: Content[] = [];
  if (el.attrs.title) parts.push(line(el.attrs.title, styleFor(ctx.sheet, 'chart-title'), ctx.width, 'center'));
  const inset = (ctx.width - spec.width) / 2;
  let drawn: Content[] | undefined;
  // A getter: ECharts is loaded and run only when the typeset stage walks into the chart.
  parts.push({
    margin: [inset, 0, inset, 0],
    // The drawing and its labels are one figure to a screen reader, told by its title and figures.
    role: 'Figure',
    alt: chartAlt(spec, el.attrs.title),
    get stack(): Content[] {
      return (drawn ??= drawChart(spec, look, style));
    },
    set stack(items: Content[]) {
      drawn = items;
    },
  });
  if (el.attrs.note) parts.push(line(el.attrs.note, styleFor(ctx.sheet, 'chart-note'), ctx.width, 'left'));
  // Title, chart and note stay on one page; when they do not fit, the text after them may fill it.
  return [{ stack: parts, unbreakable: true, float: true, margin: [0, style.spaceBefore, 0, style.spaceAfter] }];
}

function drawChart(spec: ChartSpec, look: ChartLook, style: TextStyle): Content[] {
  const { svg, labels } = splitChartSvg(renderChartSvg(chartOption(spec, look), spec.width, spec.height));
  return [{ svg, width: spec.width, height: spec.height }, ...labels.map((l) => labelNode(l, style, spec.height))];
}

/**
 * One label as a text node, placed relative to the chart's bottom left (where the flow stands
 * after the SVG), so it is painted over the graphics. A zero-margin box around the anchor with the
 * label's alignment puts start, middle or end on the anchor whatever the text's real width.
 */
function labelNode(label: ChartLabel, style: TextStyle, chartHeight: number): Content {
  const size = label.size;
  const ascent = ASCENT[style.font] ?? 1;
  const baseline =
    label.baseline === 'central' ? label.y + CENTRAL * size
    : label.baseline === 'top' ? label.y + 0.88 * size
    : label.baseline === 'bottom' ? label.y - 0.12 * size
    : label.y;
  const box = Math.max(4, [...label.text].length * size * 1.2);
  const left = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - box : label.x - box / 2;
  const run = toInline(label.text, { ...style, size, color: label.color, bold: label.bold || style.bold, leading: 1, letterSpacing: 0 });
  if (label.halo) (run as Inline & { background?: string }).background = label.halo;
  const alignment = label.anchor === 'start' ? 'left' : label.anchor === 'end' ? 'right' : 'center';
  return {
    relativePosition: { x: left, y: baseline - ascent * size - chartHeight },
    // Axis labels and figures are part of the drawing: set as ECharts placed them, without the text's spacing rules.
    columns: [{ width: box, text: [run], alignment, noWrap: true, asWritten: true }],
  };
}

function line(text: string, style: TextStyle, width: number, align: 'left' | 'center'): Content {
  return { text: [toInline(text, style)], alignment: style.align ?? align, margin: [0, style.spaceBefore, 0, style.spaceAfter] };
}

/** The `chart` style, with chart-sized defaults when style.yaml has no entry for it. */
function chartStyle(ctx: BuildContext): TextStyle & { borderColor?: string; background?: string } {
  return ctx.sheet.elements.chart ?? { ...styleFor(ctx.sheet, 'chart'), font: 'sans', size: 9, color: '#333333', leading: 1 };
}

function readSpec(el: MarkupElement, ctx: BuildContext): ChartSpec {
  const a = el.attrs;
  const fail = (name: string, reason: string, reasonZh: string): never => {
    throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element: 'chart', name, value: a[name] ?? '', reason, reasonZh }, { file: ctx.origin, ...el.at });
  };
  const type = (a.type ?? 'bar') as ChartType;
  const labels = (a.labels ?? '').split(',').map((s) => s.trim());
  if (!a.labels || labels.some((l) => l === '')) fail('labels', 'a chart needs its categories, comma-separated, none empty', '图表须有类别名，用英文逗号分隔，不能有空项');
  const series = parseSeries(a.series ?? '', (reason, reasonZh) => fail('series', reason, reasonZh));
  for (const s of series) {
    if (s.values.length !== labels.length) fail('series', `${s.name ? `"${s.name}" has` : 'it has'} ${s.values.length} values for ${labels.length} labels`,
        `${s.name ? `系列“${s.name}”` : '该系列'}有 ${s.values.length} 个数值，但类别有 ${labels.length} 个`);
  }
  const round = type === 'pie' || type === 'ring';
  if (round && series.length !== 1) fail('series', `a ${type} chart takes exactly one series, not ${series.length}`, `${type} 图只能有一个系列，现有 ${series.length} 个`);
  if (round && series[0]!.values.some((v) => v === null || v < 0)) fail('series', `a ${type} chart needs a figure of 0 or more for every slice`, `${type} 图的每一块都须有不小于 0 的数值`);
  // Two slices of 1e308 add up to Infinity, and would print as 100 % and 0 %.
  if (round && !Number.isFinite(series[0]!.values.reduce<number>((sum, v) => sum + (v ?? 0), 0))) {
    fail('series', `the slices of a ${type} chart add up to more than can be printed`, `${type} 图各块之和过大，无法印出`);
  }
  const width = a.width?.endsWith('%') ? (ctx.width * Number.parseFloat(a.width)) / 100 : parseLength(a.width) ?? ctx.width;
  return {
    type,
    labels,
    series,
    unit: a.unit ?? '',
    legend: a.legend === undefined ? (!round && series.length > 1) || (round && a['value-labels'] === 'false') : a.legend !== 'false',
    // Figures on two or more lines would collide; a reader takes them from the axis instead.
    valueLabels: a['value-labels'] === undefined ? !(type === 'line' && series.length > 1) : a['value-labels'] !== 'false',
    decimals: a.decimals === undefined ? undefined : Math.max(0, Math.min(6, Math.round(Number(a.decimals)))),
    width: Math.min(width, ctx.width),
    height: parseLength(a.height) ?? DEFAULT_HEIGHT,
  };
}

/**
 * `名称:1,2,3;名称:4,5,6` — series separated by `;`, each a name, a colon and its figures. The name
 * may be left out for a lone series; `-` stands for a missing figure.
 */
function parseSeries(text: string, fail: (reason: string, reasonZh: string) => never): ChartSeries[] {
  const parts = text.split(/[;；]/).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) fail('a chart needs at least one series: 名称:1,2,3', '图表至少须有一个系列，写作 名称:1,2,3');
  return parts.map((part) => {
    const colon = Math.max(part.lastIndexOf(':'), part.lastIndexOf('：'));
    const name = colon >= 0 ? part.slice(0, colon).trim() : '';
    const values = part.slice(colon + 1).split(',').map((raw) => {
      const v = raw.trim();
      if (v === '-') return null;
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) fail(`"${v}" is not a number (write figures without digit grouping; - for none)`, `“${v}”不是数字（数字中不要写千位分隔符；没有数值时写 -）`);
      return n;
    });
    return { name, values };
  });
}
