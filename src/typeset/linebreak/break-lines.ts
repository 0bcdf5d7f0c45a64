import { canBreakBetween, hangOf, pairGap, shrinkOf, type Atom, type SpacingRules } from './atoms.js';

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
  /** Extra space after every glyph (pt); negative never. */
  stretch: number;
  /** Share (0–1) of each compressible mark's blank half given up to make the line fit. */
  squeeze: number;
  /** Extra negative space per glyph (pt) when squeezing marks was not enough. */
  tighten: number;
  last: boolean;
}

/** Letters may close up by this much per glyph, in em, before a line counts as impossible. */
const MAX_TIGHTEN_EM = 0.04;
const INFEASIBLE = Number.POSITIVE_INFINITY;

/**
 * Break a paragraph for the whole paragraph at once (total fit, as TeX does): each line's cost
 * grows with the cube of the space justification adds between glyphs, so squeezing a mark or two
 * on one line beats leaving holes on another. CJK text may break between any two characters
 * except where clreq forbids it.
 */
export function breakLines(atoms: Atom[], opts: BreakOptions): LineBreak[] {
  const n = atoms.length;
  if (n === 0) return [];
  const gaps = atoms.map((a, i) => (i + 1 < n ? pairGap(a, atoms[i + 1]!, opts.rules) : 0));
  const shrinks = atoms.map((a, i) => shrinkOf(a, atoms[i - 1], atoms[i + 1], opts.rules));
  const breakAfter = atoms.map((a, i) => i === n - 1 || canBreakBetween(a, atoms[i + 1]!));
  const forced = atoms.map((a) => a.kind === 'newline');

  const best = new Array<number>(n + 1).fill(INFEASIBLE);
  const from = new Array<LineBreak | undefined>(n + 1);
  best[0] = 0;
  for (let start = 0; start < n; start++) {
    if (best[start] === INFEASIBLE) continue;
    const width = opts.width - (start === 0 ? opts.indent : 0);
    let natural = 0;
    let glyphs = 0;
    let shrink = 0;
    let words = 0;
    // Spaces at a line's edges vanish.
    let s = start;
    while (s < n && atoms[s]!.kind === 'space') s++;
    for (let end = s; end < n; end++) {
      const a = atoms[end]!;
      natural += a.width + (end > s ? gaps[end - 1]! : 0);
      glyphs += a.glyphs;
      if (a.kind === 'han' || a.kind === 'latin') words++;
      const isLast = end === n - 1 || forced[end]!;
      if (!breakAfter[end] && !isLast) {
        shrink += shrinks[end]!;
        continue;
      }
      const trimmed = trimTrailingSpaces(atoms, s, end);
      const lastAtom = atoms[trimmed.end - 1] ?? a;
      // Letter spacing goes between glyphs, so the last glyph has none after it; on a grid every
      // character fills a whole cell, its own spacing included.
      const trailingLetter = opts.rules.compress ? lastAtom.run.characterSpacing ?? 0 : 0;
      const lineNatural = natural - trimmed.width - hangOf(lastAtom, opts.rules) - trailingLetter;
      const lineGlyphs = glyphs - trimmed.glyphs;
      const fit = fitLine(lineNatural, width, shrink, lineGlyphs, a.size, opts.justify && !isLast, isLast);
      const overfullAlone = fit === undefined && end === s;
      if (fit !== undefined || overfullAlone) {
        const f = fit ?? { cost: 1e6, stretch: 0, squeeze: 1, tighten: 0 };
        // A last line of one character (punctuation aside) is a widow; take one more along.
        const widow = isLast && !forced[end] && words <= 1 && start > 0 ? 5000 : 0;
        const total = best[start]! + f.cost + widow + 1;
        if (total < best[end + 1]!) {
          best[end + 1] = total;
          from[end + 1] = { start, end: end + 1, stretch: f.stretch, squeeze: f.squeeze, tighten: f.tighten, last: isLast };
        }
      }
      if (isLast && forced[end]) break;
      // Past what even full squeezing can fit: longer lines only get worse.
      if (lineNatural - shrink - MAX_TIGHTEN_EM * a.size * lineGlyphs > width && end > s) break;
      shrink += shrinks[end]!;
    }
  }
  const lines: LineBreak[] = [];
  for (let at = n; at > 0; ) {
    const line = from[at];
    if (!line) throw new Error(`line breaking found no way through atom ${at}`);
    lines.unshift(line);
    at = line.start;
  }
  return lines;
}

function trimTrailingSpaces(atoms: Atom[], start: number, end: number): { end: number; width: number; glyphs: number } {
  let e = end + 1;
  let width = 0;
  let glyphs = 0;
  while (e - 1 > start && (atoms[e - 1]!.kind === 'space' || atoms[e - 1]!.kind === 'newline')) {
    width += atoms[e - 1]!.width;
    glyphs += atoms[e - 1]!.glyphs;
    e--;
  }
  return { end: e, width, glyphs };
}

/** How a line of natural width meets `width`: its cost, or undefined when it cannot fit. */
function fitLine(natural: number, width: number, shrink: number, glyphs: number, size: number, justify: boolean, last: boolean) {
  const gaps = Math.max(1, glyphs - 1);
  if (natural <= width && last) return { cost: 0, stretch: 0, squeeze: 0, tighten: 0 };
  if (natural <= width) {
    // Ragged text: fuller lines are better, so an early break is never chosen for nothing.
    if (!justify) return { cost: 10 * ((width - natural) / width) ** 2, stretch: 0, squeeze: 0, tighten: 0 };
    const stretch = (width - natural) / gaps;
    const em = stretch / size;
    return { cost: (em * 100) ** 3 / 10, stretch, squeeze: 0, tighten: 0 };
  }
  const over = natural - width;
  if (over <= shrink) {
    const squeeze = over / shrink;
    return { cost: 20 + 30 * squeeze ** 2, stretch: 0, squeeze, tighten: 0 };
  }
  const rest = over - shrink;
  const tighten = rest / gaps;
  if (tighten > MAX_TIGHTEN_EM * size) return undefined;
  return { cost: 60 + ((tighten / size) * 100) ** 3, stretch: 0, squeeze: shrink > 0 ? 1 : 0, tighten };
}
