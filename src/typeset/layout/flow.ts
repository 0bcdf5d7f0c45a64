import type { Block, Split } from './block.js';
import { group, type Item } from './frame.js';

/**
 * Blocks still to place, as a view that never copies: the block cut last (its rest) first, then
 * `blocks` from `start`. A flow of thousands of blocks moves on by an index, page after page.
 */
export interface Seq {
  readonly blocks: readonly Block[];
  readonly start: number;
  readonly carry?: Block;
}

export const seqOf = (blocks: readonly Block[]): Seq => ({ blocks, start: 0 });
export const seqLength = (s: Seq): number => s.blocks.length - s.start + (s.carry ? 1 : 0);
/** The k-th block still to place. */
export const seqAt = (s: Seq, k: number): Block | undefined => (s.carry ? (k === 0 ? s.carry : s.blocks[s.start + k - 1]) : s.blocks[s.start + k]);
/** What is left once the first `k` blocks are placed, or — with `carry`, the rest of the k-th — once it was cut. */
const seqFrom = (s: Seq, k: number, carry?: Block): Seq => {
  // Where the k-th block stands in `blocks` (the carried block is not in it).
  const at = s.carry ? s.start + k - 1 : s.start + k;
  if (carry) return { blocks: s.blocks, start: at + 1, carry };
  if (s.carry && k === 0) return s;
  return { blocks: s.blocks, start: at };
};
export function seqBlocks(s: Seq): Block[] {
  return [...(s.carry ? [s.carry] : []), ...s.blocks.slice(s.start)];
}

/** What `fill` placed: items from the top of the room, their height, and the blocks still to place. */
export interface Filled {
  items: Item[];
  height: number;
  rest: Seq;
  /** A block with breakAfter was placed last: the page ends here on purpose. */
  broke: boolean;
}

export interface FillOptions {
  /** Some progress is a must: the room is a whole empty page or column. */
  force: boolean;
  /** The room is the top of a page the flow ran onto: space above the first block goes. */
  continued: boolean;
  /**
   * The page flow only: a float that does not fit while more than `slack` of the room is still
   * empty is set aside here, and the blocks after it fill the page; it opens the next one.
   */
  floats?: { deferred: Block[]; slack: number };
  /** The page flow only: blocks pinned to the foot of the last page are collected here. */
  pins?: Block[];
}

/**
 * Place blocks one under the other into `room`, as many as fit: a block that does not fit whole is
 * cut where it allows, a heading never ends the room without the first part of what follows it, and
 * a block asking for a break before it starts a new room. The one vertical flow of every page,
 * column, box and table cell.
 */
export function fill(seq: Seq | readonly Block[], room: number, opts: FillOptions): Filled {
  const s: Seq = Array.isArray(seq) ? seqOf(seq) : (seq as Seq);
  const items: Item[] = [];
  let y = 0;
  let placedAny = false;
  const n = seqLength(s);
  const stop = (k: number, broke: boolean, carry?: Block): Filled => ({ items, height: y, rest: seqFrom(s, k, carry), broke });
  /** Blocks placed whole so far: where each began, for a block that must not start a room alone. */
  const placed: { i: number; y: number; items: number; before: number }[] = [];
  /**
   * A block that keeps with what precedes it (a 署名 with the body above it, a table's note with its
   * last rows) and must go to the next room takes the end of that along: the last block that does
   * not keep with its own predecessor is cut so its last lines (at least two) go too, or, if it
   * cannot be cut and is not the first thing here, moves whole.
   */
  const pullBack = (i: number): Filled => {
    let j = placed.length - 1;
    while (j >= 0 && seqAt(s, placed[j]!.i)!.keepWithPrevious) j--;
    if (j < 0) return stop(i, false);
    const anchor = placed[j]!;
    const p = seqAt(s, anchor.i)!;
    const part = p.split?.(p.height - 0.01, false);
    if (!part && j === 0) return stop(i, false);
    items.length = anchor.items;
    y = anchor.y;
    if (!part) return stop(anchor.i, false);
    items.push(group(p.x, y + anchor.before, part.head.items));
    y += anchor.before + part.head.height;
    return stop(anchor.i, false, part.rest);
  };
  for (let i = 0; i < n; i++) {
    const b = seqAt(s, i)!;
    if (b.detached) {
      items.push(detachedGroup(b, y));
      continue;
    }
    if (b.pin && opts.pins) {
      opts.pins.push(b);
      continue;
    }
    if (b.breakBefore && placedAny) return stop(i, true);
    const before = !placedAny && opts.continued ? 0 : b.before;
    const left = room - y - before;
    const must = opts.force && !placedAny;
    if (b.snake) {
      const sn = b.snake;
      const cols = snakeFill(sn.blocks, sn.count, sn.width, sn.gap, left);
      items.push(group(b.x, y + before, cols.items));
      y += before + cols.height + b.after;
      placedAny = true;
      if (seqLength(cols.rest)) return stop(i, false, { ...b, before: 0, snake: { ...sn, blocks: seqBlocks(cols.rest) } });
      continue;
    }
    if (chainNeed(s, i) - b.before <= left || (must && b.height <= left) || passesFloat(s, i, left, opts)) {
      placed.push({ i, y, items: items.length, before });
      items.push(group(b.x, y + before, b.whole()));
      y += before + b.height + b.after;
      placedAny = true;
      if (b.breakAfter) return stop(i + 1, true);
      continue;
    }
    // A heading whose follower does not fit: it goes with it to the next room, unless it stands first.
    if (b.height <= left && b.keepWithNext && !must) return b.keepWithPrevious ? pullBack(i) : stop(i, false);
    const part: Split | undefined = b.height <= left ? undefined : b.split?.(left, must);
    if (part) {
      items.push(group(b.x, y + before, part.head.items));
      y += before + part.head.height;
      return stop(i, false, part.rest);
    }
    if (b.float && opts.floats && placedAny && room - y > opts.floats.slack) {
      opts.floats.deferred.push(b);
      continue;
    }
    if (must) {
      // Taller than the whole room and unbreakable: it goes here, and the content audit reports what
      // falls off the page.
      items.push(group(b.x, y + before, b.whole()));
      y += before + b.height + b.after;
      placedAny = true;
      continue;
    }
    return b.keepWithPrevious ? pullBack(i) : stop(i, false);
  }
  return stop(n, false);
}

/**
 * A heading followed by a float that will not fit: the float waits for the next page (the page
 * still has more than `slack` free after the heading), so the heading goes with the text after it.
 */
function passesFloat(s: Seq, i: number, left: number, opts: FillOptions): boolean {
  const b = seqAt(s, i)!;
  if (!opts.floats || !b.keepWithNext) return false;
  let j = i + 1;
  while (seqAt(s, j)?.detached) j++;
  const next = seqAt(s, j);
  if (!next?.float || next.before + next.height <= left - b.height - b.after) return false;
  const need = chainNeed(s, i, true);
  // Only with text after the float to keep the heading company.
  if (need <= b.before + b.height) return false;
  return need - b.before <= left && left - b.height - b.after > opts.floats.slack;
}

/** Room a block needs where it stands: itself, and for a heading the least part of what it keeps with. */
export function chainNeed(seq: Seq | readonly Block[], i: number, passFloats = false): number {
  const s: Seq = Array.isArray(seq) ? seqOf(seq) : (seq as Seq);
  const b = seqAt(s, i)!;
  let need = b.before + b.height;
  if (!b.keepWithNext) return need;
  let j = i + 1;
  while (seqAt(s, j)?.detached || (passFloats && seqAt(s, j)?.float)) j++;
  const next = seqAt(s, j);
  if (!next || next.breakBefore || next.pin) return need;
  need += b.after + (next.keepWithNext ? chainNeed(s, j, passFloats) : next.before + next.minHead);
  return need;
}

function detachedGroup(b: Block, y: number): Item {
  const d = b.detached!;
  const items = b.whole();
  return d.absolute ? { kind: 'group', x: d.x, y: d.y, items, absolute: true } : group(b.x + d.x, y + d.y, items);
}

/**
 * Blocks one under the other as one block: a section, a list, a cell's content, a box's body. It
 * breaks where its flow breaks, unless the document keeps it together.
 */
export function stackBlock(blocks: Block[], opts: { before: number; after: number; x: number; unbreakable: boolean; keepWithNext?: boolean }): Block {
  // As pdfmake stacks: every child's space above and below counts, the last one's too.
  let height = 0;
  for (const b of blocks) if (!b.detached) height += b.before + b.height + b.after;
  const first = blocks.findIndex((b) => !b.detached);
  const minHead = first < 0 ? 0 : opts.unbreakable ? height : chainNeed(blocks, first);
  let items: Item[] | undefined;
  const block: Block = {
    height,
    before: opts.before,
    after: opts.after,
    x: opts.x,
    minHead,
    keepWithNext: opts.keepWithNext,
    // Asked again when balancing columns tries heights: the stack is set once.
    whole() {
      return (items ??= fill(blocks, Number.POSITIVE_INFINITY, { force: true, continued: false }).items);
    },
  };
  if (!opts.unbreakable || height > 0) {
    block.split = (room, force) => {
      if (opts.unbreakable && !force) return undefined;
      const filled = fill(blocks, room, { force, continued: false });
      const left = seqLength(filled.rest);
      if (left === 0 || (left === blocks.length && !filled.items.length)) return undefined;
      return {
        head: { height: filled.height, items: filled.items },
        rest: stackBlock(seqBlocks(filled.rest), { ...opts, before: 0, unbreakable: opts.unbreakable }),
      };
    };
  }
  return block;
}

/**
 * Fill `count` columns of at most `room` with `blocks`. When everything fits, the columns are
 * balanced: the shortest height that still takes it all.
 */
export function snakeFill(blocks: Block[], count: number, colWidth: number, gap: number, room: number): Filled {
  const tryHeight = (h: number, force: boolean): Filled => {
    let rest: Seq = seqOf(blocks);
    const items: Item[] = [];
    let height = 0;
    for (let c = 0; c < count && seqLength(rest); c++) {
      const filled = fill(rest, h, { force, continued: c > 0 });
      items.push(group(c * (colWidth + gap), 0, filled.items));
      height = Math.max(height, filled.height);
      rest = filled.rest;
    }
    return { items, height, rest, broke: false };
  };
  const natural = fill(blocks, Number.POSITIVE_INFINITY, { force: true, continued: false }).height;
  const limit = Math.min(room, natural);
  const full = tryHeight(limit, true);
  if (seqLength(full.rest)) return tryHeight(room, true);
  let lo = natural / count;
  let hi = limit;
  let best = full;
  for (let i = 0; i < 14 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    const attempt = tryHeight(mid, false);
    if (seqLength(attempt.rest) === 0) {
      best = attempt;
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return best;
}
