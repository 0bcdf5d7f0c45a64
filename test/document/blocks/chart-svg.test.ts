import { describe, expect, it } from 'vitest';
import { chartOption, type ChartSpec } from '../../../src/document/blocks/chart-option.js';
import { renderChartSvg, splitChartSvg, toHex } from '../../../src/document/blocks/chart-svg.js';

const svg = `<svg width="400" height="200" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">
<rect width="400" height="200" x="0" y="0" fill="none"></rect>
<path d="M60 170.5L360 170.5" fill="none" pointer-events="visible" stroke="#dbdee4" class="zr3-cls-0"></path>
<text dominant-baseline="central" text-anchor="end" style="font-size:12px;font-family:sans-serif;" transform="translate(52 170)" fill="#54555a">0</text>
<text dominant-baseline="central" text-anchor="middle" style="font-size:9px;font-family:sans-serif;" y="6" transform="translate(110 178)" fill="rgb(0,128,255)">1月</text>
<text dominant-baseline="central" text-anchor="start" style="font-size:9px;font-weight:bold;" x="30" y="7" transform="translate(167 16)" fill="#333" stroke="rgb(255,255,255)" stroke-width="2" paint-order="stroke">投资额 &amp; 计划</text>
<g clip-path="url(#zr3-c0)"><path d="M0 0L1 1" ecmeta_series_index="0"/></g>
<defs><clipPath id="zr3-c0"><path d="M0 0l10 0l0 10Z" class="zr3-cls-7"/></clipPath></defs>
<style ><![CDATA[
.zr3-cls-7:hover { cursor:pointer; }
]]></style>
</svg>`;

describe('splitChartSvg', () => {
  const { svg: graphics, labels } = splitChartSvg(svg);

  it('takes every label out of the SVG, with its anchor point after the transform', () => {
    expect(graphics).not.toContain('<text');
    expect(labels.map((l) => l.text)).toEqual(['0', '1月', '投资额 & 计划']);
    expect(labels.map((l) => [l.x, l.y])).toEqual([[52, 170], [110, 184], [197, 23]]);
    expect(labels.map((l) => l.anchor)).toEqual(['end', 'middle', 'start']);
    expect(labels.every((l) => l.baseline === 'central')).toBe(true);
  });

  it('reads size, colour, weight and a halo', () => {
    const [zero, month, legend] = labels;
    expect([zero!.size, month!.size]).toEqual([12, 9]);
    expect([zero!.color, month!.color, legend!.color]).toEqual(['#54555a', '#0080ff', '#333333']);
    expect([month!.bold, legend!.bold]).toEqual([false, true]);
    expect(legend!.halo).toBe('#ffffff');
    expect(zero!.halo).toBeUndefined();
  });

  it('drops styles, classes and instance numbers, keeping the drawing and its clip paths', () => {
    expect(graphics).toContain('<path d="M60 170.5L360 170.5"');
    expect(graphics).not.toMatch(/<style|class=|ecmeta_|zr3-/);
    expect(graphics).toContain('clip-path="url(#zr-c0)"');
    expect(graphics).toContain('<clipPath id="zr-c0">');
  });
});

describe('renderChartSvg', () => {
  const spec: ChartSpec = {
    type: 'bar', labels: ['1月', '2月', '3月'], series: [{ name: '当月投资', values: [18.2, 21.3, 25.3] }],
    unit: '亿元', legend: false, valueLabels: true, width: 420, height: 180,
  };
  const look = { fontSize: 9, textColor: '#333333', axisColor: '#595959', gridColor: '#d0d0d0', palette: ['#c00000'] };
  const draw = () => splitChartSvg(renderChartSvg(chartOption(spec, look), spec.width, spec.height));

  it('draws the chart at the size asked, in pt, with every label as text', () => {
    const { svg: out, labels } = draw();
    expect(out).toMatch(/^<svg width="420" height="180"/);
    expect(out).toMatch(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -[\d.]+/); // the bars
    const texts = labels.map((l) => l.text);
    for (const t of ['1月', '2月', '3月', '亿元', '18.2', '21.3', '25.3', '0']) expect(texts).toContain(t);
    for (const l of labels) {
      expect(l.x).toBeGreaterThanOrEqual(0);
      expect(l.x).toBeLessThanOrEqual(420);
      expect(l.y).toBeGreaterThanOrEqual(0);
      expect(l.y).toBeLessThanOrEqual(180);
    }
  });

  it('gives the same drawing every time in one process (no instance numbers, no animation)', () => {
    const first = draw();
    const second = draw();
    expect(second.svg).toBe(first.svg);
    expect(second.labels).toEqual(first.labels);
  });
});

describe('toHex', () => {
  it('reads the colour forms ECharts writes', () => {
    expect(toHex('#ABCDEF')).toBe('#abcdef');
    expect(toHex('#333')).toBe('#333333');
    expect(toHex('rgb(255,255,255)')).toBe('#ffffff');
    expect(toHex('rgba(0, 0, 0, 0.5)')).toBe('#000000');
    expect(toHex('none')).toBe('#000000');
  });
});
