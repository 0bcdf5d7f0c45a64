import type { Inline } from '../../document/doc-definition.js';
import type { Face } from '../font-set.js';
import { widthOf } from '../glyph-metrics.js';
import { blankLeft, blankRight, isDigit, isIdeograph, isRangeMark, isUnit, isWesternClose, isWesternOpen, kindOf, noEnd, noStart, NUMBER_SUFFIX, type CharKind } from './char-class.js';

/** The smallest piece the line breaker moves: a CJK character, a Latin word or number, a space. */
export interface Atom {
  text: string;
  run: Inline;
  face: Face;
  kind: CharKind | 'newline';
  /** Natural width in pt. */
  width: number;
  /** Glyphs in the atom; style letter spacing goes after each. Justification never goes inside an atom. */
  glyphs: number;
  size: number;
  /** Drawn on a full em (so a mark has a blank half to give up). */
  full: boolean;
  /** Its first and last character, which decide breaks and spacing against its neighbours. */
  head: string;
  tail: string;
  /**
   * Set in a narrow measure (under 20 em: a column of a printed insert, a table cell): a range mark
   * may end a line there (2023— / 2025年), which a justified line would otherwise pay for with a hole.
   */
  narrow?: boolean;
}

/** Below this many em a measure is narrow: a range may break after its mark. */
const NARROW_EM = 20;

const WORD_CHAR = /[A-Za-z0-9\u00B2\u00B3\u00B9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;
/** A Latin word or a number, with the unit symbol that may follow a number (62.2%, 25℃). */
const WORD = new RegExp(
  `[A-Za-z0-9\u00B2\u00B3\u00B9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+(?:[.,:/+\\-_'&@#][A-Za-z0-9\u00B2\u00B3\u00B9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+)*(?:(?<=[0-9])[${NUMBER_SUFFIX}])?`,
  'y',
);
/** Marks set as one unit: the 2-em dash —— and the ellipsis ……, never parted nor spread. */
const PAIRED = /——+|……+/y;

/** Cut styled runs into atoms, measured with the face each run was given by font fallback. */
export function toAtoms(runs: Inline[], faceOf: (run: Inline) => Face, maxWidth: number): Atom[] {
  const atoms: Atom[] = [];
  for (const run of runs) {
    const face = faceOf(run);
    const text = run.text;
    let i = 0;
    while (i < text.length) {
      // A word starts with a word character, all of them in the BMP: test that before the regex.
      const word = WORD_CHAR.test(text[i]!) ? ((WORD.lastIndex = i), WORD.exec(text)) : null;
      const paired = !word && (text[i] === '—' || text[i] === '…') ? ((PAIRED.lastIndex = i), PAIRED.exec(text)) : null;
      let piece: string;
      let kind: Atom['kind'];
      let glyphs: number;
      if (word) {
        piece = word[0];
        kind = 'latin';
        glyphs = piece.length; // every character a word may hold is in the BMP
      } else if (paired) {
        piece = paired[0];
        kind = 'punct';
        glyphs = piece.length;
      } else {
        piece = String.fromCodePoint(text.codePointAt(i)!);
        kind = piece === '\n' ? 'newline' : kindOf(piece);
        glyphs = 1;
      }
      i += piece.length;
      const width = kind === 'newline' ? 0 : widthOf(face, piece, run.fontSize);
      // A word longer than the line (a URL, a 100,000-character run) may break anywhere.
      if (kind === 'latin' && width > maxWidth * 0.8) {
        for (const ch of piece) atoms.push(atom(ch, run, face, 'han', widthOf(face, ch, run.fontSize), 1));
        continue;
      }
      // Letter spacing from the style (a spaced-out masthead) travels with each glyph.
      const made = atom(piece, run, face, kind, width + (run.characterSpacing ?? 0) * glyphs, glyphs);
      if (maxWidth * 0.8 < NARROW_EM * run.fontSize) made.narrow = true;
      atoms.push(made);
    }
  }
  return atoms;
}

function atom(text: string, run: Inline, face: Face, kind: Atom['kind'], width: number, glyphs: number): Atom {
  const full = width - (run.characterSpacing ?? 0) * glyphs >= run.fontSize * 0.9 * glyphs;
  // An atom is one character, or a word of characters from the BMP.
  const single = glyphs === 1;
  return { text, run, face, kind, width, glyphs, size: run.fontSize, full, head: single ? text : text[0]!, tail: single ? text : text[text.length - 1]! };
}

/** May a line end between `a` and `b`? clreq: no closing mark first, no opening mark last, units stay. */
export function canBreakBetween(a: Atom, b: Atom): boolean {
  if (a.kind === 'newline') return true;
  if (b.kind === 'newline') return false;
  if (a.kind === 'space') return true;
  if (b.kind === 'space') return false;
  if (noEnd(a.tail) || noStart(b.head)) return false;
  if (a.kind === 'latin' && isDigit(a.tail) && isUnit(b.head)) return false;
  if (a.kind === 'latin' && b.kind === 'latin') return false;
  // A range (1—9月, 1～9月) is one unit: neither side of its mark may end a line — except, in a
  // narrow measure, after the mark.
  if (isDigit(a.tail) && isRangeMark(b.head)) return false;
  if (isRangeMark(a.tail) && isDigit(b.head) && !a.narrow) return false;
  return true;
}

/**
 * May justification spread the space between `a` and `b`? Between atoms only (never inside a word,
 * a number or ——), and not between a number and its unit (21日, 186.6亿) nor around a range mark.
 */
export function stretchesBetween(a: Atom, b: Atom): boolean {
  if (a.kind === 'latin' && isDigit(a.tail) && isUnit(b.head)) return false;
  if ((isDigit(a.tail) && isRangeMark(b.head)) || (isRangeMark(a.tail) && isDigit(b.head))) return false;
  return true;
}

/**
 * Fixed space between two neighbours on a line, in pt: a quarter em between ideographs and Latin
 * (when the style asks), minus half an em where two marks meet (。” takes 1.5 em, not 2).
 */
/** How a paragraph spaces its characters: the style's typography settings. */
export interface SpacingRules {
  /** Space between ideographs and Latin letters or digits, in em (0 = none). */
  hanLatinEm: number;
  /** Squeeze and hang punctuation (off on a character grid, where every mark keeps its cell). */
  compress: boolean;
}

export function pairGap(a: Atom, b: Atom, rules: SpacingRules): number {
  const hanLatinEm = rules.hanLatinEm;
  if (rules.compress && a.kind === 'punct' && b.kind === 'punct') {
    if (blankRight(a.tail) && fullWidth(a)) return -a.size / 2;
    if (blankLeft(b.head) && fullWidth(b)) return -b.size / 2;
  }
  if (hanLatinEm && ((isIdeograph(a.tail) && westernHead(b)) || (westernTail(a) && isIdeograph(b.head)))) {
    return hanLatinEm * Math.min(a.size, b.size);
  }
  return 0;
}

/**
 * clreq: the Han–Latin space goes between ideographs and Western text — letters, digits, a number
 * with its unit symbol (95%以上 like 到 95), Western brackets from outside — and never next to
 * full-width marks and brackets, which carry their own blank.
 */
function westernHead(b: Atom): boolean {
  return b.kind === 'latin' || isWesternOpen(b.head);
}

function westernTail(a: Atom): boolean {
  return a.kind === 'latin' || isWesternClose(a.tail);
}

/** How much a mark may give up when a line is tight: its blank half, unless a neighbour took it. */
export function shrinkOf(a: Atom, prev: Atom | undefined, next: Atom | undefined, rules: SpacingRules): number {
  if (!rules.compress || a.kind !== 'punct' || !fullWidth(a)) return 0;
  const ch = a.text;
  if (blankRight(ch) && !(next && next.kind === 'punct')) return a.size / 2;
  if (blankLeft(ch) && !(prev && prev.kind === 'punct')) return a.size / 2;
  return 0;
}

/** A closing mark that ends a line hangs its blank half past the edge (set half-width). */
export function hangOf(a: Atom, rules: SpacingRules): number {
  return rules.compress && a.kind === 'punct' && blankRight(a.text) && fullWidth(a) ? a.size / 2 : 0;
}

/**
 * Only a mark drawn on a full em has a blank half to give up; some fonts (楷 among them) set
 * quotation marks narrow, and squeezing those would run them into the characters beside them.
 */
function fullWidth(a: Atom): boolean {
  return a.full;
}
