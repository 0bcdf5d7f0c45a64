import type { Content } from '../../document/doc-definition.js';
import type { Face } from '../font-set.js';

/**
 * What the composer produces and the drawing step consumes: positioned items in pt, y downwards
 * from the top left of whatever holds them (a page, or a group placed on one).
 */

/** Part of a line set in one face, size and colour; `x` from the line's start. */
export interface SetInline {
  text: string;
  x: number;
  width: number;
  face: Face;
  size: number;
  color?: string;
  /** Space after each glyph in pt, one number per code point (justification, compression, letter spacing). */
  spacing: number[];
  /** OpenType features for a font fontkit sets (briefing's own fonts need none). */
  features?: Record<string, unknown>;
  /** Outline stroke for a bold the face does not have. */
  syntheticBold?: number;
  /** A highlight behind the glyphs (chart label halos). */
  background?: string;
  /** Filled in when the page is drawn: the page a heading landed on, or the copy's 份号. */
  variable?: { pageOf: string } | { copyNumber: true };
}

/** A finished line. `ascent` is where the baseline sits below the line's top. */
export interface SetLine {
  inlines: SetInline[];
  width: number;
  height: number;
  ascent: number;
  /** The line's horizontal alignment in its box, for a variable inline that changes width when drawn. */
  align: 'left' | 'center' | 'right';
  /** The document node whose text this line sets (the content audit counts it). */
  source: Content;
  /** Characters of the source set on this line (spaces at a break do not count). */
  chars: number;
}

export type Item =
  | { kind: 'text'; x: number; y: number; line: SetLine }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color?: string; lineColor?: string; lineWidth?: number; opacity?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: string; dash?: { length: number; space?: number } }
  /** `source`: the document node drawn, whose role a tagged PDF gives it (a Figure with its alt text). */
  | { kind: 'image'; x: number; y: number; w: number; h: number; image: string; blend?: 'multiply'; source?: Content }
  | { kind: 'svg'; x: number; y: number; w: number; h: number; svg: string; source?: Content }
  /** A named destination and, when `outline` is set, a bookmark to it. */
  | { kind: 'anchor'; x: number; y: number; id: string; outline?: { title: string; parent?: string } }
  /** Items placed together; `absolute`: at page coordinates, wherever the group stands. */
  | { kind: 'group'; x: number; y: number; items: Item[]; absolute?: boolean };

/** A laid-out piece: its height in the flow and what it draws. Items may reach outside it (a seal, a label). */
export interface Frame {
  height: number;
  items: Item[];
}

export function group(x: number, y: number, items: Item[]): Item {
  return { kind: 'group', x, y, items };
}
