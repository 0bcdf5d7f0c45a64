import type { SourceLocation } from '../errors/briefing-error.js';
import type { PrintColorSpec } from './print-options.js';

/** A coloured band across the paper from its top edge: a masthead band or a cover colour. */
export interface PageBand {
  color: string;
  /** From the top edge of the trimmed page, in pt. */
  height: number;
  pages: 'first' | 'all';
}

/**
 * The slice of pdfmake's document definition briefing produces. Text leaves always carry their
 * resolved font role, size and `leading` (line pitch in em), so the typeset stage can split runs by
 * glyph coverage and set lines at their pitch without re-resolving styles.
 */
export interface Inline {
  text: string;
  font: string;
  fontSize: number;
  bold?: boolean;
  color?: string;
  leading: number;
  characterSpacing?: number;
  /** Count characterSpacing after the last glyph too (typeset/layout/set-text.ts). */
  trailingSpacing?: boolean;
  /** OpenType features for pdfkit; the typeset stage also uses it to carry synthetic bold. */
  fontFeatures?: Record<string, unknown>;
  /** The page the node with this id lands on, printed when the page is drawn (a 目录's numbers). */
  pageReference?: string;
  /** Holds a copy's 份号, printed when the copy is drawn; the text is a placeholder of its width. */
  copyNumberSlot?: boolean;
  /** A highlight behind the glyphs (a chart label's halo). */
  background?: string;
}

export type Content = Record<string, unknown>;

/**
 * What a node is to a reader who cannot see the page, for tagged PDF (`--tagged`): set as `role`
 * on document nodes (pdfmake's vocabulary has no word for it, and ignores unknown keys). The typeset
 * stage turns it into the structure tree (typeset/draw/structure-tree.ts):
 * - a text node without a role is a paragraph (P) of the nearest node with one;
 * - a container without a role is transparent: its children belong to the node above it;
 * - `Figure` takes `alt`, and everything drawn inside it is part of the figure;
 * - `Artifact` is print furniture a reader skips (the 份号, a caption's （续） repeat);
 * - a table node with role `Table` gets a row (TR) per body row; its cells carry TH or TD.
 * Rules, fills and frames drawn by the composer are artifacts without a role.
 */
export type StructRole =
  | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'Caption' | 'Sect' | 'Figure'
  | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TH' | 'TD' | 'TOC' | 'TOCI' | 'Artifact';

/** A heading's role at `level` (1 = the document's title), as deep as PDF's H1–H6 go. */
export function headingRole(level: number): StructRole {
  return `H${Math.max(1, Math.min(6, level))}` as StructRole;
}

export interface DocDefinition {
  /** In pt, portrait: the paper (see page-size.ts). */
  pageSize: { width: number; height: number };
  pageMargins: [number, number, number, number];
  content: Content[];
  info: Record<string, string | Date>;
  footer?: unknown;
  /** Page-number footer description, turned into a function by the typeset stage. */
  pageNumber?: { format: string; align: string; offset: number; inline: Omit<Inline, 'text'>; skipFirst?: boolean };
  /** Text printed where <copy-number/> stands; filled per copy. */
  copyNumberSlots: Content[];
  images: Record<string, string>;
  defaultStyle: Record<string, unknown>;
  language?: string;
  /** Image key → the file as the data named it and where, for messages about it (--color cmyk refuses an RGB JPEG). */
  imageSources?: Record<string, { path: string; where?: SourceLocation }>;
  /** Pictures without alt text, which a tagged PDF cannot describe (a warning under --tagged). */
  imagesWithoutAlt?: { path: string; where?: SourceLocation }[];
  /** style.yaml's print.colors, for the page composer's --color cmyk (typeset/print/print-colors.ts). */
  printColors?: Record<string, PrintColorSpec>;
  /** A colour band from the top edge of the paper across its width (style.yaml page.band); --bleed runs it past the trim. */
  band?: PageBand;
  typography: { hanLatinEm: number; compress: boolean };
  /** Set on a character grid (公文): space above a block is part of the grid and is kept at the top of a page. */
  grid?: boolean;
}
