import type { PrintColorSpec } from './print-options.js';

/**
 * The slice of pdfmake's document definition briefing produces. Text leaves always carry their
 * resolved font role, size and `leading` (line pitch in em), so the typeset stage can split runs by
 * glyph coverage and turn leading into pdfmake's font-relative lineHeight without re-resolving styles.
 */
export interface Inline {
  text: string;
  font: string;
  fontSize: number;
  bold?: boolean;
  color?: string;
  leading: number;
  characterSpacing?: number;
  /** Count characterSpacing after the last glyph too (see typeset/pdfmake-patches.ts). */
  trailingSpacing?: boolean;
  /** pdfmake's own flag: a leading full-width space (U+3000) is indentation, not a space to cut. */
  preserveLeadingSpaces?: boolean;
  /** Filled by the typeset stage. */
  lineHeight?: number;
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
  /** style.yaml's print.colors, for the page composer's --color cmyk (typeset/print/print-colors.ts). */
  printColors?: Record<string, PrintColorSpec>;
  /** PDF version and PDF/A part for pdfkit (archive-definition.ts); pdfmake passes both through. */
  version?: string;
  subset?: string;
  typography: { hanLatinEm: number; compress: boolean };
  /** Set on a character grid (公文): space above a block is part of the grid and is kept at the top of a page. */
  grid?: boolean;
}
