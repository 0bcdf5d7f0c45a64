import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { groupDigits, roundFigure } from '../../render/stat-format.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';

/**
 * KPI figures in a grid: the value large with its unit, the label under it, an optional
 * completion-rate bar (rate in percent) and a note.
 */
export function kpis(el: MarkupElement, ctx: BuildContext): Content[] {
  const figures = el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === 'kpi');
  const perRow = Math.max(1, Number(el.attrs.columns ?? 3));
  const gap = styleFor(ctx.sheet, 'kpi').padding ?? 10;
  const width = (ctx.width - gap * (perRow - 1)) / perRow;
  const rows: Content[] = [];
  for (let i = 0; i < figures.length; i += perRow) {
    const row = figures.slice(i, i + perRow);
    // When one card of a row shows a change, the others keep its line free, so the bars line up.
    const changeLine = row.some((f) => f.attrs.change !== undefined);
    const cells: Content[] = row.map((f) => ({ stack: card(f, width, ctx, changeLine), width }));
    while (cells.length < perRow) cells.push({ text: '', width });
    rows.push({ columns: cells, columnGap: gap, margin: [0, 0, 0, styleFor(ctx.sheet, 'kpi').spaceAfter] });
  }
  // The cards read as one group: they stay together unless taller than a third of a page, and then break between rows.
  return [{ stack: rows, keepTogether: 'small' }];
}

function card(f: MarkupElement, width: number, ctx: BuildContext, changeLine = false): Content[] {
  const s = (n: string) => styleFor(ctx.sheet, n);
  const a = f.attrs;
  const out: Content[] = [];
  const value = s('kpi-value');
  // Printed by the one rule for figures (GB/T 15835): grouped past four digits, a minus sign not a hyphen.
  // Rounded first when the style says so (typography.decimals).
  const decimals = ctx.sheet.typography.decimals;
  const written = decimals === undefined || a.value === undefined ? a.value : roundFigure(a.value, decimals);
  const figure = /^[-−]?\d+(\.\d+)?$/.test(written ?? '') ? groupDigits(written!) : written ?? '';
  out.push({ text: [toInline(figure, value), toInline(a.unit ?? '', s('kpi-unit'))].filter((r) => r.text), alignment: value.align ?? 'left' });
  if (a.label) out.push({ text: [toInline(a.label, s('kpi-label'))], alignment: s('kpi-label').align ?? 'left', margin: [0, 2, 0, 0] });
  if (a.change !== undefined) out.push(changeText(a, ctx));
  else if (changeLine) out.push({ text: [toInline(' ', styleFor(ctx.sheet, 'kpi-change'))], margin: [0, 2, 0, 0] });
  if (a.rate !== undefined) {
    const bar = s('kpi-bar');
    const rate = Math.max(0, Math.min(100, Number(a.rate)));
    const h = bar.border ?? 4;
    out.push({
      canvas: [
        { type: 'rect', x: 0, y: 0, w: width, h, color: bar.background ?? '#e6e6e6' },
        { type: 'rect', x: 0, y: 0, w: (width * rate) / 100, h, color: bar.color },
      ],
      margin: [0, 4, 0, 0],
    });
    out.push({ text: [toInline(`${a.rate}%`, s('kpi-rate'))], alignment: 'right', margin: [0, 1, 0, 0] });
  }
  if (a.note) out.push({ text: [toInline(a.note, s('kpi-note'))], alignment: 'left', margin: [0, 2, 0, 0] });
  return out;
}

/** Red up, green down: the Chinese convention. A style.yaml may swap them (kpi-up, kpi-down). */
const CHANGE_COLORS = { up: '#d7000f', down: '#1a7f37' };

/**
 * The change against the last period, e.g. 比上月 ▲2.1个百分点: `change-label`, then an arrow with
 * the figure as written (its sign becomes the arrow) and `change-unit`, coloured by direction.
 */
function changeText(a: Record<string, string>, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'kpi-change');
  const n = Number(a.change);
  const direction = n > 0 ? 'up' : n < 0 ? 'down' : undefined;
  const figure = `${direction === 'up' ? '▲' : direction === 'down' ? '▼' : ''}${a.change!.trim().replace(/^[+-]/, '')}${a['change-unit'] ?? ''}`;
  const color = direction ? ctx.sheet.elements[`kpi-${direction}`]?.color ?? CHANGE_COLORS[direction] : style.color;
  const runs = [toInline(figure, { ...style, color })];
  if (a['change-label']) runs.unshift(toInline(`${a['change-label']} `, style));
  return { text: runs, alignment: style.align ?? 'left', margin: [0, 2, 0, 0] };
}
