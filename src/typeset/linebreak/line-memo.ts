import type { Inline } from '../../document/doc-definition.js';
import type { SfntFile } from '../sfnt/sfnt-file.js';
import type { Face } from '../font-set.js';
import type { SpacingRules } from './atoms.js';

/** Everything besides its runs that decides how a paragraph is broken and set. */
export interface ParagraphSetting {
  width: number;
  indent: number;
  align: string;
  rules: SpacingRules;
}

/**
 * Finished lines of the paragraphs set so far with one host's caches (typeset-pdf.ts), for the
 * next document that repeats them: a batch of similar briefings (the same boilerplate, last issue's paragraphs) sets most of
 * its paragraphs again with the same runs, fonts and width. Bounded: the least recently used
 * paragraph goes first.
 *
 * Later steps change the inlines they are given (fontkit adds the features it chose to
 * `fontFeatures`), so the memo keeps private copies and hands out fresh ones.
 */
export class LineMemo {
  private readonly entries = new Map<string, Inline[][]>();
  /**
   * A number per font: the opened font (font-set.ts opens each file and collection member once per
   * set of caches, as this memo lives), which is also what glyph-metrics.ts measures by, so equal
   * ids measure alike.
   */
  private readonly faceIds = new WeakMap<SfntFile, string>();
  private nextFaceId = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly limit: number) {}

  /** The key the paragraph's lines are kept under (paragraphKey), fonts known by this memo's ids. */
  keyOf(runs: Inline[], faceOf: (run: Inline) => Face, setting: ParagraphSetting): string | undefined {
    return paragraphKey(runs, faceOf, setting, (face) => this.faceId(face));
  }

  private faceId(face: Face): string {
    const font = face.sfnt();
    let id = this.faceIds.get(font);
    if (id === undefined) this.faceIds.set(font, (id = String(this.nextFaceId++)));
    return id;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Fresh copies of the lines kept under `key`, or undefined. */
  take(key: string): Inline[][] | undefined {
    const lines = this.entries.get(key);
    if (!lines) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // A Map iterates in insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, lines);
    return copyLines(lines);
  }

  /** Keep a copy of `lines` (the caller goes on to use the originals). */
  keep(key: string, lines: Inline[][]): void {
    this.entries.delete(key);
    this.entries.set(key, copyLines(lines));
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Copies of every inline, and of every `fontFeatures` object, shared the way the originals were
 * (the non-Latin inlines of one run share their run's features).
 */
function copyLines(lines: Inline[][]): Inline[][] {
  const features = new Map<object, Record<string, unknown>>();
  return lines.map((line) =>
    line.map((inline) => {
      const copy = { ...inline };
      const own = inline.fontFeatures;
      if (own) {
        let shared = features.get(own);
        if (!shared) features.set(own, (shared = { ...own }));
        copy.fontFeatures = shared;
      }
      return copy;
    }),
  );
}

/**
 * The memo key of a paragraph: each run's text and every property of it that the line breaker
 * measures or copies into the lines, the bytes of the face each run is measured with, and the
 * setting. Undefined (do not memoize) when a property has a type the key cannot spell exactly.
 */
export function paragraphKey(runs: Inline[], faceOf: (run: Inline) => Face, setting: ParagraphSetting, faceId: (face: Face) => string): string | undefined {
  const { width, indent, align, rules } = setting;
  const head = [num(width), num(indent), str(align), num(rules.hanLatinEm), flag(rules.compress)];
  if (head.includes(undefined)) return undefined;
  let key = head.join(SEP);
  for (const run of runs) {
    const fields = [
      // Glyphs of one run object may share an inline: a run given twice differs from two equal runs.
      String(runs.indexOf(run)),
      faceId(faceOf(run)),
      str(run.font),
      flag(run.bold),
      num(run.fontSize),
      num(run.characterSpacing),
      str(run.color),
      num(run.leading),
      features(run.fontFeatures),
    ];
    if (fields.includes(undefined) || typeof run.text !== 'string') return undefined;
    // The text goes last, after its length, so no character in it can be mistaken for a separator.
    key += `${RUN}${fields.join(SEP)}${SEP}${run.text.length}${SEP}${run.text}`;
  }
  return key;
}

const SEP = '\u0000';
const RUN = '\u0001';

function num(x: unknown): string | undefined {
  if (x === undefined) return '~';
  if (typeof x !== 'number') return undefined;
  // String() spells every double exactly, except that it writes −0 as 0.
  return Object.is(x, -0) ? '-0' : String(x);
}

function str(x: unknown): string | undefined {
  if (x === undefined) return '~';
  return typeof x === 'string' ? JSON.stringify(x) : undefined;
}

function flag(x: unknown): string | undefined {
  if (x === undefined) return '~';
  return typeof x === 'boolean' ? String(x) : undefined;
}

function features(x: Record<string, unknown> | undefined): string | undefined {
  if (x === undefined) return '~';
  if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return undefined;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(x)) {
    const spelt = typeof value === 'number' ? num(value) : typeof value === 'boolean' ? flag(value) : str(value);
    if (spelt === undefined) return undefined;
    parts.push(`${JSON.stringify(name)}=${spelt}`);
  }
  return `{${parts.join(',')}}`;
}

