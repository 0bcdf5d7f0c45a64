import { createRequire } from 'node:module';
import type { Element } from 'domhandler';
import { htmlparser2 } from '../../markup/html-parser.js';

/**
 * ECharts → SVG, and the SVG's text taken out of it.
 *
 * The draw stage draws an SVG with svg-to-pdfkit, which opens a <text>'s font by file name: it
 * cannot see the fonts briefing hands pdfkit as bytes, and it sets a whole <text> in one font, so a
 * character that font lacks would print as a blank box with no warning. The chart's text therefore
 * leaves the SVG: the graphics stay vector paths, and every label becomes an ordinary text node placed on
 * top, so it goes through per-character font fallback and missing-glyph reporting like body text
 * and ends up as real, extractable text in the embedded, subset CJK fonts.
 */
export interface ChartLabel {
  text: string;
  /** The anchor point, in pt from the chart's top left. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** Where y sits on the text: its middle (SVG central), its top, its alphabetic baseline or its bottom. */
  baseline: 'central' | 'top' | 'alphabetic' | 'bottom';
  size: number;
  color: string;
  bold: boolean;
  /** A halo ECharts strokes round the glyphs (value labels over grid lines): set as a background. */
  halo?: string;
}

interface EChartsInstance {
  setOption(option: Record<string, unknown>): void;
  renderToSVGString(): string;
  dispose(): void;
}
interface ECharts {
  init(dom: null, theme: null, opts: { renderer: 'svg'; ssr: true; width: number; height: number }): EChartsInstance;
}

let echarts: ECharts | undefined;

/** ECharts is loaded on the first chart drawn, never by `validate` or documents without charts. */
function library(): ECharts {
  if (!echarts) echarts = createRequire(import.meta.url)('echarts') as ECharts;
  return echarts;
}

/** Draw an option server-side; animation must be off in the option so the SVG is final. */
export function renderChartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = library().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // Frees the instance (and its timers) at once, so a build leaves nothing running.
    chart.dispose();
  }
}

/**
 * The SVG without its text, made independent of how many charts the process drew before (ECharts
 * numbers its ids and classes per instance: zr0-c0, zr1-c0 …), plus the labels that were in it.
 */
export function splitChartSvg(svg: string): { svg: string; labels: ChartLabel[] } {
  const { parseDocument, DomUtils } = htmlparser2();
  const doc = parseDocument(svg, { xmlMode: true });
  const labels = DomUtils.findAll((el) => el.name === 'text', doc.children).map((el) => toLabel(el, DomUtils.textContent(el))).filter((l) => l.text.trim() !== '');
  const graphics = svg
    .replace(/<text\b[\s\S]*?<\/text>/g, '')
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/\s(class|ecmeta_[a-z_]+|pointer-events)="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, 'zr-')
    .replace(/\n+/g, '\n');
  return { svg: graphics, labels };
}

function toLabel(el: Element, text: string): ChartLabel {
  const a = el.attribs;
  const style = parseStyle(a.style ?? '');
  const [tx, ty] = translation(a.transform ?? '');
  const size = Number.parseFloat(style['font-size'] ?? a['font-size'] ?? '12');
  return {
    text,
    x: tx + num(a.x),
    y: ty + num(a.y),
    anchor: a['text-anchor'] === 'middle' || a['text-anchor'] === 'end' ? a['text-anchor'] : 'start',
    baseline: baselineOf(a['dominant-baseline'] ?? style['dominant-baseline']),
    size: Number.isFinite(size) ? size : 12,
    color: toHex(style.fill ?? a.fill ?? '#000000'),
    bold: /bold|[6-9]00/.test(style['font-weight'] ?? a['font-weight'] ?? ''),
    ...(a.stroke && a['paint-order'] === 'stroke' ? { halo: toHex(a.stroke) } : {}),
  };
}

function num(v: string | undefined): number {
  const n = Number.parseFloat(v ?? '');
  return Number.isFinite(n) ? n : 0;
}

function parseStyle(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim()] = decl.slice(i + 1).trim();
  }
  return out;
}

/** The offset of translate(x y) or matrix(a b c d e f). Chart options never rotate labels. */
function translation(transform: string): [number, number] {
  const m = /(translate|matrix)\(([^)]*)\)/.exec(transform);
  if (!m) return [0, 0];
  const n = m[2]!.split(/[\s,]+/).filter(Boolean).map(Number);
  return m[1] === 'translate' ? [n[0] ?? 0, n[1] ?? 0] : [n[4] ?? 0, n[5] ?? 0];
}

function baselineOf(v: string | undefined): ChartLabel['baseline'] {
  switch (v) {
    case 'central': case 'middle': return 'central';
    case 'hanging': case 'text-before-edge': return 'top';
    case 'ideographic': case 'text-after-edge': return 'bottom';
    default: return 'alphabetic';
  }
}

/** #rgb, #rrggbb, rgb() and rgba() as #rrggbb (a text node's colour; alpha is dropped). */
export function toHex(color: string): string {
  const c = color.trim();
  if (/^#[0-9a-f]{6}$/i.test(c)) return c.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(c)) return `#${[...c.slice(1)].map((d) => d + d).join('')}`.toLowerCase();
  const m = /^rgba?\(([^)]*)\)$/i.exec(c);
  if (m) return `#${m[1]!.split(',').slice(0, 3).map((p) => Math.max(0, Math.min(255, Math.round(Number(p)))).toString(16).padStart(2, '0')).join('')}`;
  return '#000000';
}
