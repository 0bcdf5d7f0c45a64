import { canBreakBetween, hangOf, pairGap, shrinkOf, stretchesBetween, type Atom, type SpacingRules } from './atoms.js';

export interface BreakOptions {
  /** Line width in pt; the first line is shorter by `indent`. */
  width: number;
  indent: number;
  justify: boolean;
  rules: SpacingRules;
}

/** A laid-out line: atoms [start, end) and how it meets the width. */
export interface LineBreak {
  start: number;
  end: number;
  /** Extra space at every gap that may stretch (see stretchesBetween), in pt; negative never. */
  stretch: number;
  /** Share (0–1) of each compressible mark's blank half given up to make the line fit. */
  squeeze: number;
  /** Extra negative space per stretchable gap (pt) when squeezing marks was not enough. */
  tighten: number;
  last: boolean;
}

/** Gaps may close up by this much each, in em, before a line counts as impossible. */
const MAX_TIGHTEN_EM = 0.04;
const INFEASIBLE = Number.POSITIVE_INFINITY;
/** fitLine's answer for a line that cannot fit (a real cost is never negative). */
const NO_FIT = -1;
/** What a line that cannot fit costs when it is a single atom and so must be set anyway. */
const OVERFULL_COST = 1e6;

// Bits of the per-atom flags the inner loop reads.
const SPACE = 1;
const NEWLINE = 2;
const WORD = 4;
const BREAK_AFTER = 8;

/**
 * Break a paragraph for the whole paragraph at once (total fit, as TeX does): each line's cost
 * grows with the cube of the space justification adds between glyphs, so squeezing a mark or two
 * on one line beats leaving holes on another. CJK text may break between any two characters
 * except where clreq forbids it.
 *
 * Every atom may end a line, so lines are tried for every (start, end) pair. Two bounds leave most
 * of them unworked, without changing the answer: a line whose cost cannot beat the best way known
 * to its end, and a line or start whose total already exceeds a real way through the paragraph.
 */
export function breakLines(atoms: Atom[], opts: BreakOptions): LineBreak[] {
  // Spaces that end a paragraph vanish; after a forced line end they would be a line of nothing.
  let end = atoms.length;
  while (end > 0 && atoms[end - 1]!.kind === 'space') end--;
  if (end < atoms.length) return breakLines(atoms.slice(0, end), opts);
  const n = atoms.length;
  if (n === 0) return [];
  const m = measureAtoms(atoms, opts.rules);
  const ways = new Ways(n);
  const bound = upperBound(m, opts);
  ways.best[0] = 0;
  for (let start = 0; start < n; start++) {
    const before = ways.best[start]!;
    if (before === INFEASIBLE || before > bound) continue;
    tryLinesFrom(m, opts, start, before, bound, ways);
  }
  const lines: LineBreak[] = [];
  for (let at = n; at > 0; ) {
    const start = ways.start[at]!;
    if (start < 0) throw new Error(`line breaking found no way through atom ${at}`);
    const line: LineBreak = { start, end: at, stretch: 0, squeeze: 0, tighten: 0, last: ways.last[at] === 1 };
    const fit = fitLine(ways.natural[at]!, ways.width[at]!, ways.shrink[at]!, ways.slots[at]!, ways.size[at]!, ways.justify[at] === 1, line.last, true, line);
    // An overfull shortest line: every mark squeezed, nothing else to do.
    if (fit === NO_FIT) line.squeeze = 1;
    lines.push(line);
    at = start;
  }
  return lines.reverse();
}

/** A paragraph's atoms as flat arrays: what the line loop reads, per atom. */
interface Measures {
  n: number;
  widths: Float64Array;
  /** Fixed space between this atom and the next. */
  gaps: Float64Array;
  shrinks: Float64Array;
  /** Width a line loses when it ends on this atom: a hanging mark, letter spacing after the last glyph. */
  hangs: Float64Array;
  letters: Float64Array;
  sizes: Float64Array;
  /** Stretchable gaps before atom i: a line [s, e] has slotPrefix[e] − slotPrefix[s] of them. */
  slotPrefix: Float64Array;
  flags: Uint8Array;
}

function measureAtoms(atoms: Atom[], rules: SpacingRules): Measures {
  const n = atoms.length;
  const m: Measures = {
    n,
    widths: new Float64Array(n),
    gaps: new Float64Array(n),
    shrinks: new Float64Array(n),
    hangs: new Float64Array(n),
    letters: new Float64Array(n),
    sizes: new Float64Array(n),
    slotPrefix: new Float64Array(n + 1),
    flags: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const a = atoms[i]!;
    const next = atoms[i + 1];
    m.widths[i] = a.width;
    m.gaps[i] = next ? pairGap(a, next, rules) : 0;
    m.shrinks[i] = shrinkOf(a, atoms[i - 1], next, rules);
    m.hangs[i] = hangOf(a, rules);
    // Letter spacing goes between glyphs, so the last glyph has none after it; on a grid every
    // character fills a whole cell, its own spacing included.
    m.letters[i] = rules.compress ? a.run.characterSpacing ?? 0 : 0;
    m.sizes[i] = a.size;
    m.slotPrefix[i + 1] = m.slotPrefix[i]! + (next && stretchesBetween(a, next) ? 1 : 0);
    m.flags[i] =
      (a.kind === 'space' ? SPACE : 0) |
      (a.kind === 'newline' ? NEWLINE : 0) |
      (a.kind === 'han' || a.kind === 'latin' ? WORD : 0) |
      (!next || canBreakBetween(a, next) ? BREAK_AFTER : 0);
  }
  return m;
}

/** For each position, the cheapest known way to set the atoms before it, and that way's last line. */
class Ways {
  readonly best: Float64Array;
  readonly start: Int32Array;
  // What fitLine needs to set the last line once the way is chosen.
  readonly natural: Float64Array;
  readonly width: Float64Array;
  readonly shrink: Float64Array;
  readonly slots: Float64Array;
  readonly size: Float64Array;
  readonly justify: Uint8Array;
  readonly last: Uint8Array;

  constructor(n: number) {
    this.best = new Float64Array(n + 1).fill(INFEASIBLE);
    this.start = new Int32Array(n + 1).fill(-1);
    this.natural = new Float64Array(n + 1);
    this.width = new Float64Array(n + 1);
    this.shrink = new Float64Array(n + 1);
    this.slots = new Float64Array(n + 1);
    this.size = new Float64Array(n + 1);
    this.justify = new Uint8Array(n + 1);
    this.last = new Uint8Array(n + 1);
  }
}

/** The cheapest line tried from one start: the position after it and the total up to there. */
interface Cheapest {
  end: number;
  total: number;
}

/**
 * The total of one real way through the paragraph, each line the cheapest from where the last
 * one ended, summed exactly as the full search sums: the best way costs no more, and since a total
 * only grows line by line, neither does any part of it. Infinity if that way gets stuck.
 */
function upperBound(m: Measures, opts: BreakOptions): number {
  const cheapest: Cheapest = { end: -1, total: INFEASIBLE };
  let at = 0;
  let total = 0;
  while (at < m.n) {
    tryLinesFrom(m, opts, at, total, INFEASIBLE, undefined, cheapest);
    if (cheapest.end < 0) return INFEASIBLE;
    at = cheapest.end;
    total = cheapest.total;
  }
  return total;
}

/**
 * Try every line that may start at `start`, after a way costing `before`: record in `ways` each
 * one that beats the best way known to its end, or (no `ways`) find the cheapest. A line whose
 * total would exceed `bound` is not worked out.
 */
function tryLinesFrom(m: Measures, opts: BreakOptions, start: number, before: number, bound: number, ways: Ways | undefined, cheapest?: Cheapest): void {
  const { n, widths, gaps, shrinks, hangs, letters, sizes, slotPrefix, flags } = m;
  if (cheapest) {
    cheapest.end = -1;
    cheapest.total = INFEASIBLE;
  }
  const width = opts.width - (start === 0 ? opts.indent : 0);
  let natural = 0;
  let shrink = 0;
  let words = 0;
  // Spaces at a line's edges vanish.
  let s = start;
  while (s < n && flags[s]! & SPACE) s++;
  let shortest = true;
  for (let end = s; end < n; end++) {
    const flag = flags[end]!;
    natural += widths[end]! + (end > s ? gaps[end - 1]! : 0);
    if (flag & WORD) words++;
    const forced = (flag & NEWLINE) !== 0;
    const isLast = end === n - 1 || forced;
    if (!(flag & BREAK_AFTER) && !isLast) {
      shrink += shrinks[end]!;
      continue;
    }
    // Trailing spaces (and the newline) are not part of the line's width.
    let trimmedEnd = end + 1;
    let trimmedWidth = 0;
    while (trimmedEnd - 1 > s && flags[trimmedEnd - 1]! & (SPACE | NEWLINE)) {
      trimmedWidth += widths[trimmedEnd - 1]!;
      trimmedEnd--;
    }
    const lastAtom = trimmedEnd - 1;
    const lineNatural = natural - trimmedWidth - hangs[lastAtom]! - letters[lastAtom]!;
    const lineSlots = slotPrefix[lastAtom]! - slotPrefix[s]!;
    const size = sizes[end]!;
    const justify = opts.justify && !isLast;
    // A last line of one character (punctuation aside) is a widow; take one more along.
    const widow = isLast && !forced && words <= 1 && start > 0 ? 5000 : 0;
    // A cheap lower bound of the cost first: Math.pow, the loop's largest expense, only for lines
    // that may beat the best known way to their end (totals only grow with the cost).
    const floor = fitLine(lineNatural, width, shrink, lineSlots, size, justify, isLast, false);
    const floorTotal = before + floor + widow + 1;
    const beaten = ways ? floorTotal >= ways.best[end + 1]! || floorTotal > bound : floorTotal >= cheapest!.total;
    // The shortest line from a start is set even when overfull (one long word, or a run of
    // characters that may not be parted, in a narrow column): the paragraph always gets through.
    if (floor === NO_FIT ? shortest : !(Number.isFinite(floor) && beaten)) {
      const cost = floor === NO_FIT ? OVERFULL_COST : fitLine(lineNatural, width, shrink, lineSlots, size, justify, isLast, true);
      const total = before + cost + widow + 1;
      if (!ways) {
        if (total < cheapest!.total) {
          cheapest!.total = total;
          cheapest!.end = end + 1;
        }
      } else if (total < ways.best[end + 1]!) {
        ways.best[end + 1] = total;
        ways.start[end + 1] = start;
        ways.natural[end + 1] = lineNatural;
        ways.width[end + 1] = width;
        ways.shrink[end + 1] = shrink;
        ways.slots[end + 1] = lineSlots;
        ways.size[end + 1] = size;
        ways.justify[end + 1] = justify ? 1 : 0;
        ways.last[end + 1] = isLast ? 1 : 0;
      }
    }
    shortest = false;
    if (isLast && forced) break;
    // Past what even full squeezing can fit: longer lines only get worse.
    if (lineNatural - shrink - MAX_TIGHTEN_EM * size * lineSlots > width && end > s) break;
    shrink += shrinks[end]!;
  }
}

/**
 * How a line of natural width meets `width`: its cost, or NO_FIT when it cannot fit. With
 * `set`, also how: the stretch, squeeze and tighten that make it fit (written only when it fits).
 * Not `exact`: a number never above the cost, without Math.pow.
 */
function fitLine(natural: number, width: number, shrink: number, slots: number, size: number, justify: boolean, last: boolean, exact: boolean, set?: LineBreak): number {
  if (natural <= width && last) return 0;
  if (natural <= width) {
    // Ragged text: fuller lines are better, so an early break is never chosen for nothing.
    if (!justify) return 10 * power((width - natural) / width, 2, exact);
    const stretch = (width - natural) / Math.max(1, slots);
    if (set) set.stretch = stretch;
    const em = stretch / size;
    return power(em * 100, 3, exact) / 10;
  }
  const over = natural - width;
  if (over <= shrink) {
    const squeeze = over / shrink;
    if (set) set.squeeze = squeeze;
    return 20 + 30 * power(squeeze, 2, exact);
  }
  const rest = over - shrink;
  if (slots === 0) return NO_FIT;
  const tighten = rest / slots;
  if (tighten > MAX_TIGHTEN_EM * size) return NO_FIT;
  if (set) {
    set.squeeze = shrink > 0 ? 1 : 0;
    set.tighten = tighten;
  }
  return 60 + power((tighten / size) * 100, 3, exact);
}

/**
 * x ** n, or (not exact) the product x·x(·x) less a billionth of itself: products are rounded
 * at most twice, so that stays below x ** n, and every step after it (+, ×, ÷ by positive
 * constants, the running totals) keeps the order, so a line whose bound cannot win cannot win.
 */
function power(x: number, n: 2 | 3, exact: boolean): number {
  if (exact) return x ** n;
  const product = n === 2 ? x * x : x * x * x;
  return product - Math.abs(product) * 1e-9;
}
