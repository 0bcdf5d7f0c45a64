import { describe, expect, it } from 'vitest';
import { atomic, type Block } from '../../../src/typeset/layout/block.js';
import type { Item, SetLine } from '../../../src/typeset/layout/frame.js';
import { paginate, type PageLayout } from '../../../src/typeset/layout/paginate.js';
import { textBlock } from '../../../src/typeset/layout/text-block.js';

// The page flow's rules on blocks of known heights: lines of 20 pt, pages of 200 pt (ten lines).
const PAGE = 200;

function para(name: string, lines: number, extra: Partial<Block> = {}): Block {
  const set = Array.from({ length: lines }, (_, i) => ({ inlines: [], width: 10, height: 20, ascent: 15, align: 'left', source: { name: `${name}${i + 1}` }, chars: 1 }) as unknown as SetLine);
  return { ...textBlock(set, 100, { before: 0, after: 0, x: 0 }), ...extra };
}
const fig = (name: string, height: number, extra: Partial<Block> = {}): Block => ({ ...atomic(height, () => [{ kind: 'anchor', x: 0, y: 0, id: name }]), ...extra });

/** What each page holds, in order: line names and figure ids. */
function contents(pages: PageLayout[]): string[][] {
  const walk = (items: Item[], out: string[]) => {
    for (const it of items) {
      if (it.kind === 'group') walk(it.items, out);
      else if (it.kind === 'text') out.push((it.line.source as { name: string }).name);
      else if (it.kind === 'anchor') out.push(it.id);
    }
    return out;
  };
  return pages.map((p) => walk(p.items, []));
}

describe('the page flow', () => {
  it('breaks a paragraph between lines, never leaving one line alone at either end', () => {
    expect(contents(paginate([para('a', 1), para('b', 10)], PAGE)).map((p) => p.length)).toEqual([9, 2]);
    // Room for 9 lines but 10 to set: 8 + 2, never 9 + 1.
    expect(contents(paginate([para('a', 1), para('b', 10)], PAGE))[1]).toEqual(['b9', 'b10']);
    // Room for one line only: the paragraph starts on the next page rather than leave a lone line.
    expect(contents(paginate([para('a', 9), para('b', 5)], PAGE))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], ['b1', 'b2', 'b3', 'b4', 'b5']]);
  });

  it('moves a heading to the next page with the first two lines of what follows', () => {
    const pages = contents(paginate([para('a', 8), para('h', 1, { keepWithNext: true }), para('b', 4)], PAGE));
    expect(pages[0]).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(pages[1]![0]).toBe('h1');
  });

  it('lets text pass a float that does not fit, which then opens the next page', () => {
    const pages = contents(paginate([para('a', 4), fig('chart', 140, { float: true }), para('b', 6), para('c', 3)], PAGE));
    expect(pages[0]).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(pages[1]).toEqual(['chart', 'c1', 'c2', 'c3']);
  });

  it('puts a waiting float after the rest of a block cut at the page before, not between its parts', () => {
    const pages = contents(paginate([para('a', 6), fig('chart', 100, { float: true }), para('b', 8)], PAGE));
    expect(pages[0]).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4']);
    expect(pages[1]).toEqual(['b5', 'b6', 'b7', 'b8', 'chart']);
  });

  it('does not hold a float back when the page is nearly full anyway', () => {
    const pages = contents(paginate([para('a', 9), fig('chart', 60, { float: true }), para('b', 2)], PAGE));
    expect(pages).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], ['chart', 'b1', 'b2']]);
  });

  it('keeps a heading with the text after a float that waits, not alone with the float', () => {
    const pages = contents(paginate([para('a', 3), para('h', 1, { keepWithNext: true }), fig('chart', 160, { float: true }), para('b', 6)], PAGE));
    expect(pages[0]).toEqual(['a1', 'a2', 'a3', 'h1', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(pages[1]).toEqual(['chart']);
  });

  it('pins a block to the foot of the last page, or of a new page, which it never has alone', () => {
    const roomy = paginate([para('a', 3), fig('tail', 40, { pin: 'foot' })], PAGE);
    expect(contents(roomy)).toEqual([['a1', 'a2', 'a3', 'tail']]);
    const group = roomy[0]!.items.at(-1) as Extract<Item, { kind: 'group' }>;
    expect(group.y + 40).toBe(PAGE);
    // No room after nine lines: the last two come along to the 报尾's page, which it closes at the foot.
    const full = paginate([para('a', 9), fig('tail', 40, { pin: 'foot' })], PAGE);
    expect(contents(full)).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'], ['a8', 'a9', 'tail']]);
    expect((full[1]!.items.at(-1) as Extract<Item, { kind: 'group' }>).y + 40).toBe(PAGE);
    // A block that cannot be cut comes along whole; text before it stays.
    expect(contents(paginate([para('a', 5), fig('table', 100), fig('tail', 40, { pin: 'foot' })], PAGE))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5'], ['table', 'tail']]);
    // After a deliberate page break the 报尾 may stand alone: nothing precedes it on its page.
    expect(contents(paginate([para('a', 3, { breakAfter: true }), fig('tail', 40, { pin: 'foot' })], PAGE))).toEqual([['a1', 'a2', 'a3'], ['tail']]);
  });

  it('puts a 版记 (foot-even) on an even page: after an odd last page, or after an empty page', () => {
    const odd = paginate([para('a', 3), fig('record', 40, { pin: 'foot-even' })], PAGE);
    expect(contents(odd)).toEqual([['a1', 'a2', 'a3'], ['record']]);
    expect(odd.map((p) => !!p.unnumbered)).toEqual([false, false]);
    const full = paginate([para('a', 18), fig('record', 60, { pin: 'foot-even' })], PAGE);
    expect(contents(full).map((p) => p.length)).toEqual([10, 8, 0, 1]);
    // GB/T 9704 §7.5: the empty page and the 版记 page after it carry no page number.
    expect(full.map((p) => !!p.unnumbered)).toEqual([false, false, true, true]);
    expect(contents(paginate([para('a', 12), fig('record', 40, { pin: 'foot-even' })], PAGE))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'], ['a11', 'a12', 'record']]);
  });

  it('never lets a block that keeps with its predecessor open a page alone: the end of the text above comes along', () => {
    // Room for 8 lines of b after a; the 署名 (40 pt) does not fit after them.
    const pages = contents(paginate([para('a', 1), para('b', 8), fig('note', 10, { keepWithPrevious: true }), fig('sign', 40, { keepWithPrevious: true })], PAGE));
    expect(pages[0]).toEqual(['a1', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(pages[1]).toEqual(['b7', 'b8', 'note', 'sign']);
    // A paragraph too short to cut moves whole, unless it is all the page holds.
    expect(contents(paginate([para('a', 7), para('b', 3), fig('sign', 40, { keepWithPrevious: true })], PAGE))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'], ['b1', 'b2', 'b3', 'sign']]);
    expect(contents(paginate([para('b', 10), fig('sign', 40, { keepWithPrevious: true })], PAGE))).toEqual([['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'], ['b9', 'b10', 'sign']]);
  });

  it('starts a new page where the document asks, and says so', () => {
    const pages = paginate([para('a', 2), para('b', 2, { breakBefore: true })], PAGE);
    expect(contents(pages)).toEqual([['a1', 'a2'], ['b1', 'b2']]);
    expect(pages.map((p) => p.end)).toEqual(['break', 'last']);
  });
});
