import { describe, expect, it } from 'vitest';
import type { Inline } from '../../../src/document/doc-definition.js';
import { applyFontFallback } from '../../../src/typeset/font-fallback.js';
import { loadFontSet, type Face } from '../../../src/typeset/font-set.js';
import { canBreakBetween, hangOf, pairGap, shrinkOf, stretchesBetween, toAtoms, type Atom } from '../../../src/typeset/linebreak/atoms.js';
import { breakLines, type BreakOptions, type LineBreak } from '../../../src/typeset/linebreak/break-lines.js';

/**
 * The total-fit search written plainly: every line from every reachable start, its cost worked out
 * in full. breakLines skips lines that cannot matter; it must still find exactly these breaks.
 */
function exhaustiveBreaks(atoms: Atom[], opts: BreakOptions): LineBreak[] {
  const n = atoms.length;
  const { rules } = opts;
  const best: number[] = new Array<number>(n + 1).fill(Infinity);
  const from: (LineBreak | undefined)[] = [];
  best[0] = 0;
  for (let start = 0; start < n; start++) {
    if (best[start] === Infinity) continue;
    const width = opts.width - (start === 0 ? opts.indent : 0);
    let natural = 0;
    let shrink = 0;
    let words = 0;
    let s = start;
    while (s < n && atoms[s]!.kind === 'space') s++;
    let shortest = true;
    for (let end = s; end < n; end++) {
      const a = atoms[end]!;
      natural += a.width + (end > s ? pairGap(atoms[end - 1]!, a, rules) : 0);
      if (a.kind === 'han' || a.kind === 'latin') words++;
      const forced = a.kind === 'newline';
      const isLast = end === n - 1 || forced;
      if (!isLast && !canBreakBetween(a, atoms[end + 1]!)) {
        shrink += shrinkOf(a, atoms[end - 1], atoms[end + 1], rules);
        continue;
      }
      let e = end + 1;
      let trimmedWidth = 0;
      while (e - 1 > s && (atoms[e - 1]!.kind === 'space' || atoms[e - 1]!.kind === 'newline')) {
        trimmedWidth += atoms[e - 1]!.width;
        e--;
      }
      const lastAtom = atoms[e - 1]!;
      const letter = rules.compress ? lastAtom.run.characterSpacing ?? 0 : 0;
      const lineNatural = natural - trimmedWidth - hangOf(lastAtom, rules) - letter;
      // Justification spreads the gaps between atoms that may stretch, from s to the last atom.
      let lineSlots = 0;
      for (let k = s; k < e - 1; k++) if (stretchesBetween(atoms[k]!, atoms[k + 1]!)) lineSlots++;
      const fit = plainFit(lineNatural, width, shrink, lineSlots, a.size, opts.justify && !isLast, isLast) ?? (shortest ? { cost: 1e6, stretch: 0, squeeze: 1, tighten: 0 } : undefined);
      shortest = false;
      if (fit) {
        const widow = isLast && !forced && words <= 1 && start > 0 ? 5000 : 0;
        const total = best[start]! + fit.cost + widow + 1;
        if (total < best[end + 1]!) {
          best[end + 1] = total;
          from[end + 1] = { start, end: end + 1, stretch: fit.stretch, squeeze: fit.squeeze, tighten: fit.tighten, last: isLast };
        }
      }
      if (isLast && forced) break;
      if (lineNatural - shrink - 0.04 * a.size * lineSlots > width && end > s) break;
      shrink += shrinkOf(a, atoms[end - 1], atoms[end + 1], rules);
    }
  }
  const lines: LineBreak[] = [];
  for (let at = n; at > 0; at = lines[0]!.start) {
    if (!from[at]) throw new Error(`no way through atom ${at}`);
    lines.unshift(from[at]!);
  }
  return lines;
}

function plainFit(natural: number, width: number, shrink: number, slots: number, size: number, justify: boolean, last: boolean) {
  const gaps = Math.max(1, slots);
  if (natural <= width && last) return { cost: 0, stretch: 0, squeeze: 0, tighten: 0 };
  if (natural <= width) {
    if (!justify) return { cost: 10 * ((width - natural) / width) ** 2, stretch: 0, squeeze: 0, tighten: 0 };
    const stretch = (width - natural) / gaps;
    return { cost: ((stretch / size) * 100) ** 3 / 10, stretch, squeeze: 0, tighten: 0 };
  }
  const over = natural - width;
  if (over <= shrink) return { cost: 20 + 30 * (over / shrink) ** 2, stretch: 0, squeeze: over / shrink, tighten: 0 };
  if (slots === 0) return undefined;
  const tighten = (over - shrink) / gaps;
  if (tighten > 0.04 * size) return undefined;
  return { cost: 60 + ((tighten / size) * 100) ** 3, stretch: 0, squeeze: shrink > 0 ? 1 : 0, tighten };
}

describe('breakLines', () => {
  const fonts = loadFontSet();
  const faceOf = (r: Inline): Face => {
    const f = fonts.roles.get(r.font)!;
    return r.bold && f.bold ? f.bold : f.normal;
  };
  const pool = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去', ...'，。、；：！？“”‘’（）《》——……', ...'abcXYZ0123456789.%', ' ', '\n', '𠮷'];

  it('finds exactly the breaks an exhaustive search finds', () => {
    let seed = 20230822;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 5 + random(250) }, () => pool[random(pool.length)]).join('');
      const run: Inline = { text, font: ['serif', 'sans', 'kai', 'fangsong'][random(4)]!, fontSize: 10 + random(8), leading: 1.5 };
      if (random(3) === 0) run.characterSpacing = random(30) / 10;
      const node = { text: [run] };
      applyFontFallback([node], fonts);
      const width = run.fontSize * (4 + random(36)) + random(100) / 7;
      const atoms = toAtoms(node.text, faceOf, width);
      const rules = random(2) ? { hanLatinEm: 0.25, compress: true } : { hanLatinEm: 0, compress: false };
      const opts: BreakOptions = { width, indent: random(3) * run.fontSize, justify: random(4) > 0, rules };
      // Spaces at the paragraph's end vanish (breakLines drops them; the plain search is given none).
      let end = atoms.length;
      while (end > 0 && atoms[end - 1]!.kind === 'space') end--;
      expect(breakLines(atoms, opts), `${JSON.stringify(text)} at ${width}`).toEqual(end ? exhaustiveBreaks(atoms.slice(0, end), opts) : []);
    }
  });

  it('gets through a narrow column whose marks and digits may not be parted, overfull where it must', () => {
    const run: Inline = { text: '他说：“5%”。好', font: 'serif', fontSize: 10, leading: 1.5 };
    const node = { text: [run] };
    applyFontFallback([node], fonts);
    const atoms = toAtoms(node.text, faceOf, 20);
    const lines = breakLines(atoms, { width: 20, indent: 0, justify: true, rules: { hanLatinEm: 0.25, compress: true } });
    expect(lines.map((l) => atoms.slice(l.start, l.end).map((a) => a.text).join('')).join('')).toBe('他说：“5%”。好');
    expect(lines.length).toBeGreaterThan(2);
  });

  it('sets a paragraph that ends in a line break and spaces (it once found no way through)', () => {
    const run: Inline = { text: '文字\n ', font: 'serif', fontSize: 14, leading: 1.5 };
    const node = { text: [run] };
    applyFontFallback([node], fonts);
    const atoms = toAtoms(node.text, faceOf, 140);
    const lines = breakLines(atoms, { width: 140, indent: 0, justify: true, rules: { hanLatinEm: 0.25, compress: true } });
    expect(lines.map((l) => atoms.slice(l.start, l.end).map((a) => a.text).join(''))).toEqual(['文字\n']);
  });
});
