import type { Inline } from '../../document/doc-definition.js';
import type { Face } from '../font-set.js';
import { widthOf } from '../glyph-metrics.js';
import { noEnd, noStart } from '../linebreak/char-class.js';

/**
 * Where a centred text of several lines — a headline, a 公文 title, a box title — breaks. A body
 * paragraph may break between any two ideographs; a headline is read phrase by phrase, and GB/T 9704
 * asks its title lines to keep words whole (词意完整). So a headline breaks only:
 *  - at the spaces its writer typed (重大项目建设稳步推进 投资完成过六成), when those alone make lines
 *    that fit; else
 *  - between words (ICU's dictionary segmentation of Chinese) and after its punctuation,
 * never against the line-start and line-end rules, into as few lines as fit, and of those the
 * most even (the sum of squared differences from the longest). Returns the character offsets
 * where lines start after the first, or undefined when no such breaking fits the width.
 */
export function headlineBreaks(runs: Inline[], width: number, faceOf: (run: Inline) => Face): number[] | undefined {
  const chars: { ch: string; w: number }[] = [];
  for (const run of runs) {
    const face = faceOf(run);
    for (const ch of run.text) chars.push({ ch, w: widthOf(face, ch, run.fontSize) + (run.characterSpacing ?? 0) });
  }
  const text = chars.map((c) => c.ch).join('');
  if (chars.length < 4 || text.includes('\n')) return undefined;
  const typed = spaceBreaks(chars);
  const byTyped = typed.length ? best(chars, typed, width) : undefined;
  if (byTyped) return byTyped;
  return best(chars, wordBreaks(chars), width);
}

/** Offsets after a typed space (the space itself ends the line before, where it vanishes). */
function spaceBreaks(chars: { ch: string }[]): number[] {
  const out: number[] = [];
  chars.forEach((c, i) => {
    if ((c.ch === ' ' || c.ch === '\u3000') && i > 0 && i < chars.length - 1) out.push(i + 1);
  });
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** Offsets between words and after punctuation, where the line rules allow a break. */
function wordBreaks(chars: { ch: string }[]): number[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  // Offsets are counted in characters (code points), as `chars` is.
  const out = new Set<number>();
  let at = 0;
  for (const seg of segmenter.segment(chars.map((c) => c.ch).join(''))) {
    at += [...seg.segment].length;
    if (at > 0 && at < chars.length) out.add(at);
  }
  return [...out].filter((k) => !noStart(chars[k]!.ch) && !noEnd(chars[k - 1]!.ch)).sort((a, b) => a - b);
}

/** The fewest lines that fit at the given breaks, and of those the most even; undefined if none fit. */
function best(chars: { ch: string; w: number }[], breaks: number[], width: number): number[] | undefined {
  const cuts = [0, ...breaks, chars.length];
  const prefix = [0];
  for (const c of chars) prefix.push(prefix[prefix.length - 1]! + c.w);
  // A space at a line's end or start takes no room.
  const lineWidth = (a: number, b: number) => {
    let s = a;
    let e = b;
    while (s < e && /\s/.test(chars[s]!.ch)) s++;
    while (e > s && /\s/.test(chars[e - 1]!.ch)) e--;
    return prefix[e]! - prefix[s]!;
  };
  // For each cut index: the fewest lines to reach it, and the least unevenness for that count.
  const n = cuts.length;
  const lines = new Array<number>(n).fill(Infinity);
  const cost = new Array<number>(n).fill(Infinity);
  const from = new Array<number>(n).fill(-1);
  lines[0] = 0;
  cost[0] = 0;
  // Unevenness needs the longest line, unknown while building: count squares of widths instead,
  // which for a fixed line count and total is least when the lines are most even.
  for (let j = 1; j < n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const w = lineWidth(cuts[i]!, cuts[j]!);
      if (w > width + 0.5) break;
      if (lines[i] === Infinity) continue;
      const l = lines[i]! + 1;
      const c = cost[i]! + w * w;
      if (l < lines[j]! || (l === lines[j]! && c < cost[j]!)) {
        lines[j] = l;
        cost[j] = c;
        from[j] = i;
      }
    }
  }
  if (lines[n - 1] === Infinity) return undefined;
  const out: number[] = [];
  for (let j = from[n - 1]!; j > 0; j = from[j]!) out.unshift(cuts[j]!);
  return out;
}
