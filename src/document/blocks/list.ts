import type { MarkupElement } from '../../markup/markup-tree.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { inlineRuns, toInline } from '../inline.js';
import { styleFor } from '../style.js';
import { itemLabels, listLabel } from '../numbering.js';

/**
 * Ordered and unordered lists with Chinese numbering. Each item is a label column and a text
 * column, so wrapped lines hang under the text, not under the label.
 */
export function list(el: MarkupElement, ctx: BuildContext): Content {
  const style = styleFor(ctx.sheet, 'li');
  const labelStyle = ctx.sheet.elements['li-label'] ?? style;
  const items = el.children.filter((c): c is MarkupElement => c.kind === 'element');
  const numbering = el.name === 'ul' ? 'bullet' : el.attrs.numbering ?? 'cjk';
  const labels = itemLabels(items.map((item) => item.attrs.label), (n) => listLabel(numbering, n));
  // Room for the longest label and one character's gap before the text.
  const labelWidth = (Math.max(...labels.map((l) => [...l].length), 1) + 1) * labelStyle.size;
  return {
    listItems: true,
    role: 'L',
    // A list of two to four items reads as one group: it stays whole unless taller than a third of a page.
    ...(items.length <= 4 ? { keepTogether: 'small' } : {}),
    // As a paragraph keeps two lines at each end of a break, a list keeps two items: the first never
    // ends a page alone, the last never opens one alone (it takes the end of the item before along).
    stack: items.map((item, i) => ({
      ...(items.length > 1 && i === 0 ? { keepWithNext: true } : {}),
      ...(items.length > 1 && i === items.length - 1 ? { keepWithPrevious: true } : {}),
      role: 'LI',
      columns: [
        { text: [toInline(labels[i]!, labelStyle)], width: labelWidth, role: 'Lbl' },
        { text: inlineRuns(item.children, style, ctx.sheet), width: '*', alignment: style.align ?? 'justify', role: 'LBody' },
      ],
      columnGap: 0,
      margin: [style.indent * style.size, style.spaceBefore, 0, style.spaceAfter],
    })),
  };
}
