import { atomic, type Block } from './block.js';
import { fill, seqAt, seqLength, seqOf, type Seq } from './flow.js';
import { group, type Item } from './frame.js';

/** One page of the text block: items from its top left, and how the page came to end. */
export interface PageLayout {
  items: Item[];
  /** Lowest point the flow reached (pt below the text block's top). */
  used: number;
  /** `flow`: it filled up; `break`: the document asked for a new page; `last`: the content ended. */
  end: 'flow' | 'break' | 'last';
  /** A page GB/T 9704 leaves unnumbered (an empty page before the 版记 page, and that page). */
  unnumbered?: boolean;
}

/** A page may be left this empty (share of the text block) before a float waits for the next page. */
const FILL_SLACK = 0.15;

/**
 * The page flow: blocks fill page after page. A float (a chart, a box or table kept whole) that
 * does not fit while the page is still more than 15 % empty lets the text after it fill the page
 * and opens the next one. Blocks pinned to the foot (报尾, 版记) go to the foot of the last page,
 * or of a new page when there is no room — for a 版记, of an even page. A 报尾 that needs a page
 * of its own takes the end of the text along (at least two lines, or the last block whole): it
 * never stands alone on a page.
 */
export function paginate(blocks: Block[], pageHeight: number, opts: { keepSpaceAtBreak?: boolean } = {}): PageLayout[] {
  const { pages, pins } = flow(blocks, pageHeight, opts);
  const foot = pins.filter((p) => p.pin === 'foot');
  const need = foot.reduce((s, p) => s + p.before + p.height, 0);
  const last = pages[pages.length - 1]!;
  if (foot.length && last.used + need > pageHeight + 0.01 && trailing(blocks, foot)) {
    // Again, with the room the 报尾 needs held at the end of the flow by a block that keeps with
    // what precedes it: the flow's own rule (pullBack) brings the end of the text onto its page.
    const held = flow(blocks.map((b) => (foot.includes(b) ? atomic(b.before + b.height, () => [], { keepWithPrevious: true }) : b)), pageHeight, opts);
    const page = held.pages[held.pages.length - 1]!;
    let y = pageHeight;
    for (const pin of [...foot].reverse()) {
      y -= pin.height;
      page.items.push(group(pin.x, y, pin.whole()));
      y -= pin.before;
    }
    page.used = pageHeight;
    for (const pin of held.pins) placePin(held.pages, pin, pageHeight);
    return held.pages;
  }
  for (const pin of pins) placePin(pages, pin, pageHeight);
  return pages;
}

/** Whether the pinned blocks come after all the flowing ones (only then can room be held for them at its end). */
function trailing(blocks: Block[], pins: Block[]): boolean {
  const first = blocks.findIndex((b) => pins.includes(b));
  return blocks.slice(first).every((b) => pins.includes(b) || b.detached || b.pin);
}

function flow(blocks: Block[], pageHeight: number, opts: { keepSpaceAtBreak?: boolean }): { pages: PageLayout[]; pins: Block[] } {
  const pages: PageLayout[] = [];
  const pins: Block[] = [];
  let queue: Seq = seqOf(blocks);
  let deferred: Block[] = [];
  let continued = false;
  while (seqLength(queue) || deferred.length) {
    const items: Item[] = [];
    let y = 0;
    const floats = { deferred: [] as Block[], slack: FILL_SLACK * pageHeight };
    // A table or box cut at the page before goes on first: a float waiting does not come between its parts.
    if (queue.carry && deferred.length) {
      const head = fill({ blocks: [], start: 0, carry: queue.carry }, pageHeight, { force: true, continued, floats, pins });
      items.push(group(0, 0, head.items));
      y = head.height;
      queue = head.rest.carry ? { blocks: queue.blocks, start: queue.start, carry: head.rest.carry } : { blocks: queue.blocks, start: queue.start };
      if (queue.carry) {
        pages.push({ items, used: y, end: 'flow' });
        continued = !opts.keepSpaceAtBreak;
        continue;
      }
    }
    // Floats held back from the page before open this one, as far as they fit.
    while (deferred.length) {
      const f = deferred[0]!;
      if (y > 0 && y + f.before + f.height > pageHeight) break;
      items.push(group(f.x, y + (y > 0 ? f.before : 0), f.whole()));
      y += (y > 0 ? f.before : 0) + f.height + f.after;
      deferred.shift();
    }
    const filled = fill(queue, pageHeight - y, { force: y === 0, continued: continued && y === 0, floats, pins });
    items.push(group(0, y, filled.items));
    y += filled.height;
    deferred = [...deferred, ...floats.deferred];
    queue = filled.rest;
    const done = !seqLength(queue) && !deferred.length;
    const next = seqAt(queue, 0);
    pages.push({ items, used: y, end: done ? 'last' : filled.broke || next?.breakBefore ? 'break' : 'flow' });
    // On a character grid the space above a block keeps its lines on the grid: it stays at a page top.
    continued = !opts.keepSpaceAtBreak && !filled.broke && !next?.breakBefore;
  }
  if (pages.length === 0) pages.push({ items: [], used: 0, end: 'last' });
  return { pages, pins };
}

/** A pinned block at the foot of the last page that has room for it. */
function placePin(pages: PageLayout[], pin: Block, pageHeight: number): void {
  let last = pages[pages.length - 1]!;
  const fits = (page: PageLayout) => page.used + pin.before + pin.height <= pageHeight + 0.01;
  const at = (page: PageLayout): void => {
    page.items.push(group(pin.x, pageHeight - pin.height, pin.whole()));
    page.used = pageHeight;
  };
  if (pin.pin === 'foot-even') {
    const even = pages.length % 2 === 0;
    if (even && fits(last)) return at(last);
    if (even) {
      // GB/T 9704 §7.5: the 版记 page after an empty page, and that page, carry no number.
      pages.push({ items: [], used: 0, end: 'break', unnumbered: true });
      last.end = last.end === 'last' ? 'break' : last.end;
    }
    const page: PageLayout = { items: [], used: 0, end: 'last', ...(even ? { unnumbered: true } : {}) };
    last.end = last.end === 'last' ? 'break' : last.end;
    pages.push(page);
    return at(page);
  }
  if (!fits(last)) {
    last.end = last.end === 'last' ? 'break' : last.end;
    last = { items: [], used: 0, end: 'last' };
    pages.push(last);
  }
  at(last);
}
