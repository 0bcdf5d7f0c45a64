import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { toInline } from '../inline.js';
import { styleFor } from '../style.js';

/**
 * The 报头: classification mark top left and 份号 top right, the bulletin's name large and red,
 * the issue line, issuing unit left and date right, then a red rule across the text block.
 */
export function masthead(el: MarkupElement, ctx: BuildContext): Content[] {
  const a = el.attrs;
  const s = (name: string) => styleFor(ctx.sheet, name);
  const line = (name: string, text: string | undefined, extra: Content = {}): Content | undefined => {
    if (!text) return undefined;
    const style = s(name);
    return { text: [toInline(text, style)], alignment: style.align ?? 'center', margin: [0, style.spaceBefore, 0, style.spaceAfter], ...extra };
  };
  const out: Content[] = [];
  const top: Content[] = [];
  if (a.classification || a['copy-number'] === 'true' || a['copy-number'] === '') {
    const classification = line('classification', a.classification ?? ' ')!;
    top.push({ ...classification, alignment: 'left', width: '*' });
    const slot = a['copy-number'] === 'false' ? { text: '' } : copyNumber(el, ctx);
    top.push({ ...slot, width: 'auto' });
    out.push({ columns: top, margin: [0, 0, 0, s('classification').spaceAfter] });
  }
  const name = line('masthead-name', a.name);
  if (name) out.push(name);
  const issue = line('masthead-issue', [a.issue, a['total-issue']].filter(Boolean).join(''));
  if (issue) out.push(issue);
  const meta = s('masthead-meta');
  if (a.unit || a.date) {
    out.push({
      columns: [
        { text: [toInline(a.unit ?? '', meta)], alignment: 'left', width: '*' },
        { text: [toInline(a.date ?? '', meta)], alignment: 'right', width: 'auto' },
      ],
      margin: [0, meta.spaceBefore, 0, 0],
    });
  }
  const rule = s('masthead-rule');
  const thickness = rule.border ?? 2;
  out.push({
    canvas: [{ type: 'line', x1: 0, y1: thickness / 2, x2: ctx.width, y2: thickness / 2, lineWidth: thickness, lineColor: rule.color }],
    margin: [0, rule.spaceBefore || 4, 0, rule.spaceAfter || 12],
  });
  return out;
}

/** The 份号 slot. Empty unless the CLI prints numbered copies. */
export function copyNumber(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'copy-number');
  // Six digits hold the slot's place; each copy's 份号 is printed into it when the page is drawn.
  // A production mark, not content: a tagged PDF keeps it out of what is read aloud.
  const slot: Content = { text: [{ ...toInline('000000', style), copyNumberSlot: true }], alignment: el.attrs.align ?? style.align ?? 'right', role: 'Artifact' };
  ctx.copyNumberSlots.push(slot);
  return slot;
}
