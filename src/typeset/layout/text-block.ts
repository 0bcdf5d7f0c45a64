import type { Block } from './block.js';
import type { Item, SetLine } from './frame.js';

/** Lines a paragraph keeps together at each end: no page starts or ends with a lone line of it. */
const KEEP = 2;

/**
 * A paragraph's finished lines as a block. It breaks between lines, keeping at least two at the
 * foot of one page and two at the head of the next, so a paragraph of three lines never breaks.
 */
export function textBlock(lines: SetLine[], width: number, opts: { before: number; after: number; x: number; keepWithNext?: boolean; lead?: Item[] }): Block {
  const tops: number[] = [];
  let height = 0;
  for (const line of lines) {
    tops.push(height);
    height += line.height;
  }
  const itemsOf = (from: number, to: number, lead: Item[]): Item[] => {
    const out = [...lead];
    for (let i = from; i < to; i++) out.push(lineItem(lines[i]!, tops[i]! - tops[from]!, width));
    return out;
  };
  const top = (i: number) => (i < lines.length ? tops[i]! : height);
  const heightOf = (from: number, to: number) => top(to) - top(from);
  const make = (from: number, before: number, lead: Item[]): Block => {
    const n = lines.length - from;
    const h = heightOf(from, lines.length);
    const headLines = n <= KEEP + 1 ? n : KEEP;
    return {
      height: h,
      before,
      after: opts.after,
      x: opts.x,
      keepWithNext: opts.keepWithNext,
      minHead: heightOf(from, from + headLines),
      whole: () => itemsOf(from, lines.length, lead),
      split(room, force) {
        // The most lines that fit, leaving enough for the next page.
        let k = from;
        while (k < lines.length && heightOf(from, k + 1) <= room) k++;
        const most = lines.length - KEEP;
        if (!force) {
          k = Math.min(k, most);
          if (k - from < KEEP) return undefined;
        } else if (k === from) {
          k = from + 1;
        }
        if (k >= lines.length) return undefined;
        return { head: { height: heightOf(from, k), items: itemsOf(from, k, lead) }, rest: make(k, 0, []) };
      },
    };
  };
  return make(0, opts.before, opts.lead ?? []);
}

/** A line at `y`, moved right as its alignment asks within `width`. */
function lineItem(line: SetLine, y: number, width: number): Item {
  const x = line.align === 'center' ? (width - line.width) / 2 : line.align === 'right' ? width - line.width : 0;
  return { kind: 'text', x, y, line };
}
