import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { parseLength } from '../units.js';

export function rule(el: MarkupElement, ctx: BuildContext): Content {
  const t = parseLength(el.attrs.thickness ?? '0.75') ?? 0.75;
  return { canvas: [{ type: 'line', x1: 0, y1: t / 2, x2: ctx.width, y2: t / 2, lineWidth: t, lineColor: el.attrs.color ?? '#000000' }], margin: [0, 4, 0, 4] };
}

export function spacer(el: MarkupElement): Content {
  return { text: '', margin: [0, parseLength(el.attrs.height ?? '12') ?? 12, 0, 0] };
}
