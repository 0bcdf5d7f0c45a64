import type { Content, Inline } from '../../document/doc-definition.js';
import type { Item, SetLine } from '../layout/frame.js';
import type { PageLayout } from '../layout/paginate.js';
import { countVisible } from '../layout/set-text.js';
import { eachTextNode } from '../text-nodes.js';

/** A text of the document that is not on any page in full. */
export interface LostText {
  /** The node's whole text, as the data gave it. */
  text: string;
  /** `missing`: some of its characters were set nowhere; `clipped`: a line of it lies off the page. */
  reason: 'missing' | 'clipped';
}

/**
 * After layout, before a byte is written: every text that came from the data or the template is
 * on a page, in full. Each text node's visible characters are counted, then the characters of the
 * lines placed for it — a line drawn off the page does not count — and any node short of its count
 * is reported. A repeated table header counts once. The cost is one walk of the document and one
 * of the pages.
 */
export function auditContent(content: Content[], pages: PageLayout[], page: { width: number; height: number; origin: [number, number] }): LostText[] {
  const expected = new Map<Content, number>();
  for (const node of textNodes(content)) {
    const n = visibleChars(node.text as Inline[]);
    if (n > 0) expected.set(node, n);
  }
  const placed = new Map<Content, number>();
  const clipped = new Set<Content>();
  const seen = new Set<SetLine>();
  const visit = (items: Item[], ox: number, oy: number) => {
    for (const it of items) {
      if (it.kind === 'group') {
        if (it.absolute) visit(it.items, it.x, it.y);
        else visit(it.items, ox + it.x, oy + it.y);
        continue;
      }
      if (it.kind !== 'text' || seen.has(it.line)) continue;
      seen.add(it.line);
      const x = ox + it.x;
      const y = oy + it.y;
      const line = it.line;
      // A point of tolerance: a hanging mark or a rounding is not a lost character.
      if (x < -1 || y < -1 || x + line.width > page.width + 1 || y + line.height > page.height + 1) {
        clipped.add(line.source);
        continue;
      }
      placed.set(line.source, (placed.get(line.source) ?? 0) + line.chars);
    }
  };
  for (const p of pages) visit(p.items, page.origin[0], page.origin[1]);
  const lost: LostText[] = [];
  for (const [node, count] of expected) {
    if ((placed.get(node) ?? 0) >= count) continue;
    lost.push({ text: (node.text as Inline[]).map((r) => r.text).join(''), reason: clipped.has(node) ? 'clipped' : 'missing' });
  }
  return lost;
}

/** Every text node of the document that must reach a page: stacks, columns, table cells and captions, box titles. */
function textNodes(content: unknown): Content[] {
  const out: Content[] = [];
  eachTextNode(content, PRINTED_HOLDERS, (n) => out.push(n));
  return out;
}

const PRINTED_HOLDERS = ['stack', 'columns', 'table', 'body', 'caption', 'box', 'title'] as const;

function visibleChars(runs: Inline[]): number {
  let n = 0;
  for (const r of runs) {
    const extra = r as Inline & { pageReference?: string; copyNumberSlot?: boolean };
    if (!extra.pageReference && !extra.copyNumberSlot) n += countVisible(r.text);
  }
  return n;
}
