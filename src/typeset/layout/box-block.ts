import type { Content } from '../../document/doc-definition.js';
import type { Block, NodeLayout } from './block.js';
import { chainNeed, fill, seqBlocks, seqLength } from './flow.js';
import { group, type Item } from './frame.js';

export interface BoxStyle {
  border: number;
  padding: number;
  color: string;
  background?: string;
  /** The title row, and the title a continuation repeats (the title with （续）). */
  title?: Content;
  titleContinued?: Content;
}

/**
 * A framed block (数据最有说服力) with an optional title. When it breaks, each part is a closed frame:
 * the first ends with its bottom rule at the page foot, and the next page's part starts with the
 * title and （续）. Whether a short box breaks at all is the document's call (keepTogether).
 */
export function boxBlock(node: Content, width: number, env: NodeLayout, base: { before: number; after: number; x: number }): Block {
  const style = node.box as BoxStyle;
  const inner = width - 2 * (style.border + style.padding);
  const content = ((node.stack as Content[] | undefined) ?? []).map((c) => env.layout(c, inner));
  const title = style.title ? env.layout(style.title, inner) : undefined;
  const again = style.titleContinued ? env.layout(style.titleContinued, inner) : title;
  const frame = 2 * (style.border + style.padding);

  const make = (blocks: Block[], head: Block | undefined, before: number): Block => {
    const lead = head ? head.before + head.height + head.after : 0;
    const body = fill(blocks, Number.POSITIVE_INFINITY, { force: true, continued: false });
    const first = blocks.findIndex((b) => !b.detached);
    return {
      height: frame + lead + body.height,
      before,
      after: base.after,
      x: base.x,
      minHead: frame + lead + (first < 0 ? 0 : chainNeed(blocks, first)),
      whole: () => framed(head, body.items, lead + body.height),
      split(room, force) {
        const filled = fill(blocks, room - frame - lead, { force, continued: false });
        if (filled.height <= 0 || seqLength(filled.rest) === 0) return undefined;
        return {
          head: { height: frame + lead + filled.height, items: framed(head, filled.items, lead + filled.height) },
          rest: make(seqBlocks(filled.rest), again, 0),
        };
      },
    };
  };

  /** The frame around `items` (already below the title), background first, rules last. */
  const framed = (head: Block | undefined, items: Item[], innerHeight: number): Item[] => {
    const b = style.border;
    const height = innerHeight + frame;
    const out: Item[] = [];
    if (style.background) out.push({ kind: 'rect', x: b, y: b, w: width - 2 * b, h: height - 2 * b, color: style.background });
    const pad = b + style.padding;
    let y = pad;
    if (head) {
      out.push(group(pad + head.x, y + head.before, head.whole()));
      y += head.before + head.height + head.after;
    }
    out.push(group(pad, y, items));
    if (b > 0) {
      const line = (x1: number, y1: number, x2: number, y2: number): Item => ({ kind: 'line', x1, y1, x2, y2, width: b, color: style.color });
      out.push(line(0, b / 2, width, b / 2), line(0, height - b / 2, width, height - b / 2), line(b / 2, 0, b / 2, height), line(width - b / 2, 0, width - b / 2, height));
    }
    return out;
  };

  return make(content, title, base.before);
}
