import type { Content, Inline } from '../../document/doc-definition.js';
import type { Face } from '../font-set.js';
import { widthOf } from '../glyph-metrics.js';
import { canBreakBetween, pairGap, toAtoms, type Atom, type SpacingRules } from '../linebreak/atoms.js';
import { breakLines } from '../linebreak/break-lines.js';
import { emitLine } from '../linebreak/emit-lines.js';
import type { LineMemo } from '../linebreak/line-memo.js';
import { GLYPH_SPACING } from '../sfnt/truetype-font.js';
import { headlineBreaks } from './headline.js';
import { SYNTHETIC_BOLD_KEY } from '../synthetic-bold.js';
import type { SetInline, SetLine } from './frame.js';

/** What setting text needs besides the text: fonts, the document's spacing rules, the process's memo. */
export interface TextEnv {
  faceOf: (run: Inline) => Face;
  rules: SpacingRules;
  memo: LineMemo;
}

type Align = 'left' | 'center' | 'right' | 'justify';

/** A width no line reaches: lines break only where the text says so. */
const UNBOUNDED = 1e7;
/** Inline properties set when the page is drawn, or drawn besides the glyphs: such text is set as it stands. */
const EXTRAS = ['pageReference', 'copyNumberSlot', 'background'] as const;

/** The runs of a text node, or none: an empty string is how a document leaves a cell blank. */
export function runsOf(node: Content): Inline[] {
  const text = node.text;
  if (Array.isArray(text)) return text as Inline[];
  if (text === '' || text === undefined) return [];
  throw new Error(`a text node must hold styled runs, not ${JSON.stringify(text).slice(0, 40)}`);
}

/**
 * Every text of the document is set here, whatever holds it — a paragraph, a table cell, a KPI
 * card, a caption, the 报尾 — through briefing's line breaker: one set of rules for fallback,
 * compression, Han–Latin spacing and breaking. A centred text of several lines (a headline) breaks
 * between words into even lines (headline.ts), so no word is cut and its last line is no stub.
 */
export function setText(node: Content, width: number, env: TextEnv): SetLine[] {
  const runs = runsOf(node);
  if (runs.length === 0) return [];
  const align = (node.alignment as Align | undefined) ?? 'left';
  const indent = (node.leadingIndent as number | undefined) ?? 0;
  if (node.asWritten || runs.some((r) => EXTRAS.some((k) => (r as unknown as Record<string, unknown>)[k] !== undefined))) return asWritten(node, runs, env);
  // Unbroken text (a chart label, a 版头 line) still takes the spacing rules: one line per written line.
  if (node.noWrap) return breakInto(runs, UNBOUNDED, 0, align, env).map((inlines) => toSetLine(node, inlines, 0, align, env));
  // A hanging indent (a 目录 entry's text under its text, not under its number): lines are set
  // narrower by the hang, the first line as much wider, and all of them moved right by it.
  const hang = typeof node.hangingChars === 'number' ? prefixWidth(runs, node.hangingChars, env) : 0;
  let lines = breakInto(runs, width - hang, indent - hang, align, env);
  if (align === 'center' && lines.length > 1 && !hang) {
    const breaks = headlineBreaks(runs, width - indent, env.faceOf);
    lines = breaks ? splitRuns(runs, breaks).map((part) => breakInto(part, UNBOUNDED, 0, 'center', env)[0] ?? []) : balance(runs, width, indent, lines.length, env) ?? lines;
  }
  const set = lines.map((inlines, i) => toSetLine(node, inlines, (i === 0 ? indent - hang : 0) + hang, align, env));
  const leader = node.leader as { text?: Inline[] } | undefined;
  if (leader?.text?.length && set.length) addLeader(set[set.length - 1]!, leader.text[0]!, width, env);
  return set;
}

/** The runs cut at character offsets into lines, spaces at the cuts dropped. */
function splitRuns(runs: Inline[], offsets: number[]): Inline[][] {
  const lines: Inline[][] = [[]];
  let at = 0;
  let next = 0;
  for (const run of runs) {
    let piece = '';
    for (const ch of run.text) {
      if (next < offsets.length && at === offsets[next]) {
        if (piece) lines[lines.length - 1]!.push({ ...run, text: piece });
        piece = '';
        lines.push([]);
        next++;
      }
      piece += ch;
      at++;
    }
    if (piece) lines[lines.length - 1]!.push({ ...run, text: piece });
  }
  return lines.map((line) => trimLine(line)).filter((line) => line.length);
}

function trimLine(line: Inline[]): Inline[] {
  const out = line.map((r) => ({ ...r }));
  while (out.length && !(out[0]!.text = out[0]!.text.replace(/^[ \u3000]+/, ''))) out.shift();
  while (out.length && !(out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/[ \u3000]+$/, ''))) out.pop();
  return out;
}

/** Width of the first `count` characters of the runs. */
function prefixWidth(runs: Inline[], count: number, env: TextEnv): number {
  let w = 0;
  let left = count;
  for (const run of runs) {
    for (const ch of run.text) {
      if (left-- <= 0) return w;
      w += widthOf(env.faceOf(run), ch, run.fontSize) + (run.characterSpacing ?? 0);
    }
  }
  return w;
}

/**
 * Leader dots from the end of the line to the right edge, on a grid counted from that edge, so
 * the dots of every entry stand in the same columns. Half an em stays free on either side.
 */
function addLeader(line: SetLine, dot: Inline, width: number, env: TextEnv): void {
  const face = env.faceOf(dot);
  const size = dot.fontSize;
  const pitch = size / 2;
  const advance = widthOf(face, dot.text, size);
  const room = width - line.width - size / 2;
  const count = Math.floor(room / pitch);
  if (count < 2) return;
  const text = dot.text.repeat(count);
  const spacing = new Array<number>(count).fill(pitch - advance);
  spacing[count - 1] = 0;
  const x = width - count * pitch;
  line.inlines.push({ text, x, width: count * pitch, face, size, spacing, ...(dot.color ? { color: dot.color } : {}) });
  line.width = width;
  const m = face.metrics();
  line.ascent = Math.max(line.ascent, (m.ascent / m.unitsPerEm) * size);
  line.height = Math.max(line.height, dot.leading * size);
}

/** The narrowest and widest a text can be set: its longest unbreakable piece, and every line unbroken. */
export function textWidths(node: Content, env: TextEnv): { min: number; max: number } {
  const runs = runsOf(node);
  if (runs.length === 0) return { min: 0, max: 0 };
  const indent = (node.leadingIndent as number | undefined) ?? 0;
  if (node.noWrap) {
    const w = Math.max(0, ...asWritten(node, runs, env).map((l) => l.width));
    return { min: w, max: w };
  }
  const atoms = toAtoms(runs, env.faceOf, UNBOUNDED);
  let min = 0;
  let max = 0;
  let piece = 0;
  let line = indent;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.kind === 'newline') {
      max = Math.max(max, line);
      line = 0;
      piece = 0;
      continue;
    }
    const gap = i > 0 && atoms[i - 1]!.kind !== 'newline' ? pairGap(atoms[i - 1]!, a, env.rules) : 0;
    if (i > 0 && canBreakBetween(atoms[i - 1]!, a)) piece = 0;
    else piece += gap;
    if (a.kind !== 'space') piece += a.width;
    line += gap + a.width;
    min = Math.max(min, piece);
  }
  max = Math.max(max, line);
  return { min: Math.max(min, indent), max };
}

function breakInto(runs: Inline[], width: number, indent: number, align: Align, env: TextEnv): Inline[][] {
  const key = env.memo.keyOf(runs, env.faceOf, { width, indent, align, rules: env.rules });
  const known = key === undefined ? undefined : env.memo.take(key);
  if (known) return known;
  // Below the width of one character a line cannot be set at all: give it one character's room.
  const room = Math.max(width, 1);
  // toAtoms breaks a word anywhere when it is longer than 0.8 of the width it is given; only a word
  // longer than the whole line should be (a number in a column sized to it must stay whole).
  const atoms = toAtoms(runs, env.faceOf, (room + 0.5) / 0.8);
  const lines = breakLines(atoms, { width: room, indent, justify: align === 'justify', rules: env.rules }).map((line) => emitLine(atoms, line, env.rules, align));
  if (key !== undefined) env.memo.keep(key, lines);
  return lines;
}

/** The narrowest width, down to half the given one, that keeps the line count: balanced lines. */
function balance(runs: Inline[], width: number, indent: number, count: number, env: TextEnv): Inline[][] | undefined {
  let lo = width / 2;
  let hi = width;
  let best: Inline[][] | undefined;
  for (let i = 0; i < 8 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const lines = breakInto(runs, mid, indent, 'center', env);
    if (lines.length <= count && fits(lines, mid, env)) {
      best = lines;
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return best;
}

function fits(lines: Inline[][], width: number, env: TextEnv): boolean {
  return lines.every((l) => lineWidth(l, env) <= width + 0.5);
}

function lineWidth(inlines: Inline[], env: TextEnv): number {
  return inlines.reduce((w, i) => w + inlineWidth(i, env.faceOf(i), spacingOf(i)), 0);
}

/** Text whose every line is as written: no breaking, glyphs at their advances plus letter spacing. */
function asWritten(node: Content, runs: Inline[], env: TextEnv): SetLine[] {
  const align = (node.alignment as Align | undefined) ?? 'left';
  const lines: Inline[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ ...run, text: part });
    });
  }
  return lines.map((inlines) => toSetLine(node, inlines, 0, align, env));
}

function spacingOf(inline: Inline): number[] {
  const glyphs = countCodePoints(inline.text);
  const perGlyph = inline.fontFeatures?.[GLYPH_SPACING] as number[] | undefined;
  if (perGlyph) return perGlyph.map((em) => em * inline.fontSize);
  const letter = inline.characterSpacing ?? 0;
  // As written (no line breaker): letter spacing goes between glyphs, not after the last one.
  const spacing = new Array<number>(glyphs).fill(letter);
  if (!inline.trailingSpacing && glyphs > 0) spacing[glyphs - 1] = 0;
  return spacing;
}

function inlineWidth(inline: Inline, face: Face, spacing: number[]): number {
  let w = widthOf(face, inline.text, inline.fontSize);
  for (const s of spacing) w += s;
  return w;
}

function toSetLine(source: Content, inlines: Inline[], indent: number, align: Align, env: TextEnv): SetLine {
  const set: SetInline[] = [];
  let x = indent;
  let height = 0;
  let ascent = 0;
  let chars = 0;
  for (const inline of inlines) {
    const face = env.faceOf(inline);
    const size = inline.fontSize;
    const spacing = spacingOf(inline);
    const width = inlineWidth(inline, face, spacing);
    const m = face.metrics();
    height = Math.max(height, inline.leading * size);
    ascent = Math.max(ascent, (m.ascent / m.unitsPerEm) * size);
    const extra = inline as Inline & { pageReference?: string; copyNumberSlot?: boolean; background?: string };
    const out: SetInline = { text: inline.text, x, width, face, size, spacing };
    if (inline.color) out.color = inline.color;
    // The run's OpenType features, without the two keys briefing itself rides on them.
    const own = inline.fontFeatures;
    let features: Record<string, unknown> | undefined;
    if (own) for (const k of Object.keys(own)) if (k !== GLYPH_SPACING && k !== SYNTHETIC_BOLD_KEY) (features ??= {})[k] = own[k];
    if (features) out.features = features;
    const bold = own?.[SYNTHETIC_BOLD_KEY];
    if (typeof bold === 'number') out.syntheticBold = bold;
    if (extra.background) out.background = extra.background;
    if (extra.pageReference) out.variable = { pageOf: extra.pageReference };
    else if (extra.copyNumberSlot) out.variable = { copyNumber: true };
    else chars += countVisible(inline.text);
    set.push(out);
    x += width;
  }
  return { inlines: set, width: x, height, ascent, align: align === 'justify' ? 'left' : align, source, chars };
}

function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    n++;
  }
  return n;
}

/** Characters a reader sees: everything but spaces and line breaks (what /\s/ matches), by code point. */
export function countVisible(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      n++;
    } else if (!isSpace(c)) n++;
  }
  return n;
}

/** What /\s/ matches in one UTF-16 unit (ECMAScript's WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export type { Atom };
