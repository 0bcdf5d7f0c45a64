/**
 * Matching printed text back to source text. What pdf.js reads off a page differs from what was
 * typed: the typesetter puts space between Han and digits (8 月 21 日), letter-spaces a masthead,
 * breaks a paragraph into lines, and helpers group digits (1,230). Both sides are reduced to the
 * characters that carry meaning before they are compared.
 */

/** Width forms folded, whitespace dropped, digit-group commas dropped. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000\u00ad\u200b]+/g, '')
    .replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');
}

/** Length of the longest run of characters the two strings share (dynamic programming, O(a·b)). */
export function longestCommonRun(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a.includes(b)) return b.length;
  if (b.includes(a)) return a.length;
  const ca = [...a];
  const cb = [...b];
  let prev = new Uint16Array(cb.length + 1);
  let cur = new Uint16Array(cb.length + 1);
  let best = 0;
  for (let i = 1; i <= ca.length; i++) {
    for (let j = 1; j <= cb.length; j++) {
      cur[j] = ca[i - 1] === cb[j - 1] ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** One piece of source text the printed text may have come from. */
export interface MatchCandidate {
  /** The forms its text may be printed in, each normalized (a date also as 2023年8月22日). */
  keys: string[];
}

/** What was clicked: a span of printed text, the line it sits on, and the character under the pointer. */
export interface PrintedText {
  text: string;
  line: string;
  /** Where `text` starts in `line` (UTF-16 index); searched for when absent. */
  spanStart?: number;
  /** Which character of `text` was clicked (UTF-16 index). */
  charIndex?: number;
}

export interface Scored<T> {
  candidate: T;
  /** The source text holds the clicked character (always true when none is known). */
  covers: boolean;
  /** Characters shared with the clicked span. */
  span: number;
  /** The run of the printed line around the span that the source text holds unbroken. */
  around: number;
  /** Length of the key that matched: shorter is more specific. */
  length: number;
}

/**
 * The candidates the click most likely came from, best first; ties (the same text in two places)
 * are all returned. A candidate qualifies when it shares most of the clicked span (a line of a
 * paragraph, a table cell), or lies wholly inside it (a heading the template numbered, a figure
 * in a line the template wrote). Ranked by: holds the clicked character; shares most of the span;
 * continues furthest into the printed line on both sides of the span unbroken (a short span such
 * as "2023" belongs to the paragraph its line comes from, a table cell's text to the cell and not
 * to a paragraph that happens to quote it); is the shortest.
 */
export function bestMatches<T extends MatchCandidate>(candidates: readonly T[], printed: PrintedText): Scored<T>[] {
  const span = normalizeText(printed.text);
  if (!span) return [];
  const line = normalizeText(printed.line);
  const found = printed.spanStart === undefined ? line.indexOf(span) : normalizeText(printed.line.slice(0, printed.spanStart)).length;
  const at = line.slice(found, found + span.length) === span ? found : -1;
  const clicked = printed.charIndex === undefined ? undefined : Math.min(span.length - 1, normalizeText(printed.text.slice(0, printed.charIndex)).length);
  const scored: Scored<T>[] = [];
  for (const candidate of candidates) {
    let best: Scored<T> | undefined;
    for (const key of candidate.keys) {
      if (!key) continue;
      const shared = longestCommonRun(key, span);
      const mostOfSpan = shared >= Math.max(1, Math.ceil(span.length * 0.6));
      const wholeKey = shared === key.length && (key.length >= 2 || key.length === span.length);
      if (!mostOfSpan && !wholeKey) continue;
      const s: Scored<T> = {
        candidate,
        covers: clicked === undefined || key.includes(span) || occurrencesCover(span, key, clicked),
        span: shared,
        around: at >= 0 && key.includes(span) ? unbrokenRun(key, line, at, at + span.length) : shared,
        length: key.length,
      };
      if (!best || compare(s, best) < 0) best = s;
    }
    if (best) scored.push(best);
  }
  scored.sort(compare);
  const top = scored[0];
  return top ? scored.filter((s) => compare(s, top) === 0) : [];
}

/** Does some occurrence of `key` inside `span` include the character at `index`? */
function occurrencesCover(span: string, key: string, index: number): boolean {
  for (let i = span.indexOf(key); i >= 0; i = span.indexOf(key, i + 1)) {
    if (i <= index && index < i + key.length) return true;
  }
  return false;
}

/** Grow line[from, to) left, then right, while `key` still holds it; the length reached. */
function unbrokenRun(key: string, line: string, from: number, to: number): number {
  while (from > 0 && key.includes(line.slice(from - 1, to))) from--;
  while (to < line.length && key.includes(line.slice(from, to + 1))) to++;
  return to - from;
}

function compare(a: Scored<unknown>, b: Scored<unknown>): number {
  return Number(b.covers) - Number(a.covers) || b.span - a.span || b.around - a.around || a.length - b.length;
}
