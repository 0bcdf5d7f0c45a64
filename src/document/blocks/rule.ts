import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { parseLength } from '../units.js';

export function rule(el: MarkupElement, ctx: BuildContext): Content {
  const t = parseLength(el.attrs.thickness ?? '0.75') ?? 0.75;
  return { canvas: [{ type: 'line', x1: 0, y1: t / 2, x2: ctx.width, y2: t / 2, lineWidth: t, lineColor: el.attrs.color ?? '#000000' }], margin: [0, 4, 0, 4] };
}

/** Space as tall as written for the paper the style was made for: on other paper, as the text block is. */
export function spacer(el: MarkupElement, ctx: BuildContext): Content {
  return { text: '', margin: [0, (parseLength(el.attrs.height ?? '12') ?? 12) * ctx.sheet.page.verticalScale, 0, 0] };
}
