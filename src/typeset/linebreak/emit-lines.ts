import type { Content, Inline } from '../../document/doc-definition.js';
import { hangOf, pairGap, shrinkOf, stretchesBetween, type Atom, type SpacingRules } from './atoms.js';
import type { LineBreak } from './break-lines.js';
import { blankLeft, blankRight } from './char-class.js';
import { GLYPH_SPACING } from '../sfnt/truetype-font.js';

/** Latin glyphs are measured without kerning or ligatures; pdfkit must set them the same way. */
const PLAIN_LATIN = { kern: false, liga: false, clig: false, calt: false };
/** A finished line stops this far short of the width (once a margin against pdfmake re-wrapping it; kept so the pages stay as they were). */
const EPSILON = 0.01;

/**
 * The inlines of one line, each glyph followed by exactly the space the line breaker decided:
 * `characterSpacing` with `trailingSpacing` (typeset/layout/set-text.ts) so the space after an
 * inline's last glyph counts too. Glyphs with equal spacing and style share an inline.
 * Justification spreads the gaps between atoms only: never inside a number, a word or ——.
 *
 * `align` is how the line will be placed; a centred line is centred on its ink (see opticalEdges).
 */
export function emitLine(atoms: Atom[], line: LineBreak, rules: SpacingRules, align?: string): Inline[] {
  let s = line.start;
  let e = line.end;
  while (s < e && (atoms[s]!.kind === 'space' || atoms[s]!.kind === 'newline')) s++;
  while (e > s && (atoms[e - 1]!.kind === 'space' || atoms[e - 1]!.kind === 'newline')) e--;
  const inlines: Inline[] = [];
  // What the last inline was made from: a glyph joins it only if it comes from the same run and script.
  let lastRun: Inline | undefined;
  let lastLatin = false;
  const spacing = line.stretch - line.tighten;
  for (let i = s; i < e; i++) {
    const a = atoms[i]!;
    const next = i + 1 < e ? atoms[i + 1] : undefined;
    // Space after the atom: the fixed pair gap, the squeezed part of its own or the next mark's blank half.
    let after = next ? pairGap(a, next, rules) + (stretchesBetween(a, next) ? spacing : 0) : -hangOf(a, rules);
    if (next && line.squeeze > 0) {
      const own = shrinkOf(a, atoms[i - 1], next, rules);
      if (own && !blankLeft(a.text)) after -= own * line.squeeze;
      const theirs = shrinkOf(next, a, atoms[i + 2], rules);
      if (theirs && blankLeft(next.text)) after -= theirs * line.squeeze;
    }
    const run = a.run;
    const letter = run.characterSpacing ?? 0;
    const latin = a.kind === 'latin';
    const text = a.text;
    for (let k = 0; k < text.length; ) {
      const unit = text.charCodeAt(k);
      // A glyph is a code point: a surrogate pair stays whole.
      const size = unit >= 0xd800 && unit <= 0xdbff && k + 1 < text.length && isLowSurrogate(text.charCodeAt(k + 1)) ? 2 : 1;
      const glyph = size === 1 ? text[k]! : text.slice(k, k + 2);
      k += size;
      const lastOfAtom = k >= text.length;
      // Letter spacing sits between glyphs, never after the line's last one (centred lines stay centred).
      const space = (lastOfAtom && !next && rules.compress ? 0 : letter) + (lastOfAtom ? after : 0);
      const prev = inlines[inlines.length - 1];
      if (prev && lastRun === run && lastLatin === latin) {
        const spaced = spacingOf(prev);
        if (spaced) {
          prev.text += glyph;
          spaced.push(space / run.fontSize);
          continue;
        }
        if (Math.abs((prev.characterSpacing ?? 0) - space) < 1e-6) {
          prev.text += glyph;
          continue;
        }
      }
      inlines.push(a.face.truetype() ? spacedInline(run, glyph, space) : inlineFor(run, glyph, space, latin));
      lastRun = run;
      lastLatin = latin;
    }
  }
  const tail = inlines[inlines.length - 1];
  // The last glyph's space (a hang, or nothing) reaches past the width by EPSILON less.
  const trailing = EPSILON - (align === 'center' && s < e ? opticalEdges(atoms[s]!, atoms[e - 1]!, rules) : 0);
  const tailSpacing = tail && spacingOf(tail);
  if (tailSpacing) tailSpacing[tailSpacing.length - 1]! -= trailing / tail.fontSize;
  else if (tail) tail.characterSpacing = (tail.characterSpacing ?? 0) - trailing / Math.max(1, codePoints(tail.text));
  return inlines;
}

/**
 * Space to add after a centred line so that its ink, not its advance, is centred: a full-width
 * opening bracket (《) that starts the line has a blank left half, which would push the line's ink
 * a quarter em right of centre; a closing one (》) that ends it has a blank right half (unless it
 * already hangs, see hangOf). Adding the first half and removing the second centres the ink.
 */
function opticalEdges(first: Atom, last: Atom, rules: SpacingRules): number {
  let extra = 0;
  if (first.kind === 'punct' && first.full && blankLeft(first.head)) extra += first.size / 2;
  if (last.kind === 'punct' && last.full && blankRight(last.tail) && hangOf(last, rules) === 0) extra -= last.size / 2;
  return extra;
}

/**
 * For a font briefing serves itself (sfnt/truetype-font.ts): the glyphs of a run share one inline,
 * the space after each riding in its features, so the composer and pdfkit handle one text operation
 * where equal-spacing pieces would have made several.
 */
function spacedInline(run: Inline, glyph: string, after: number): Inline {
  const { leading, font, fontSize, bold, color } = run;
  return { text: glyph, font, fontSize, bold, color, leading, fontFeatures: { ...run.fontFeatures, [GLYPH_SPACING]: [after / fontSize] } };
}

function spacingOf(inline: Inline): number[] | undefined {
  return inline.fontFeatures?.[GLYPH_SPACING] as number[] | undefined;
}

function inlineFor(run: Inline, glyph: string, after: number, latin: boolean): Inline {
  const { leading, font, fontSize, bold, color } = run;
  const inline: Inline & { trailingSpacing: true } = {
    text: glyph, font, fontSize, bold, color, leading, characterSpacing: after, trailingSpacing: true,
  };
  const features = latin ? { ...run.fontFeatures, ...PLAIN_LATIN } : run.fontFeatures;
  if (features) inline.fontFeatures = features;
  return inline;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

function codePoints(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    count++;
    if (text.charCodeAt(k) >= 0xd800 && text.charCodeAt(k) <= 0xdbff && k + 1 < text.length && isLowSurrogate(text.charCodeAt(k + 1))) k++;
  }
  return count;
}

export type { Content };
