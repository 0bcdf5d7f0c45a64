/**
 * The known word a misspelt one was probably meant to be, for "did you mean …?" / "您是否要写 …？".
 * Distance counts an insertion, deletion, substitution or swap of neighbours as one edit
 * (valeu → value is one); a word may be off by about a third of its letters, at most three.
 */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.round(word.length / 3)));
  let best: { word: string; d: number } | undefined;
  for (const candidate of known) {
    if (candidate === word) continue;
    const d = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { word: candidate, d };
  }
  return best?.word;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * `suggestion` / `suggestionZh` parameters for a catalogue hint that opens with them ("did you mean
 * x? " / "您是否要写 x？"); none when nothing is close.
 */
export function didYouMean(word: string, known: Iterable<string>, show: (w: string) => string = (w) => w): Record<string, string> {
  const near = closest(word, known);
  return near === undefined ? {} : { suggestion: `did you mean ${show(near)}? `, suggestionZh: `您是否要写 ${show(near)}？` };
}
