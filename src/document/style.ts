import { dirname } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import { fileStamp } from '../host/gate.js';
import { cacheSlot } from '../host/caches.js';
import { createHost, type Host } from '../host/host.js';
import { loadSettings } from '../validate/load-settings.js';
import { MM, parseFontSize, parseLength } from './units.js';
import { NUMBERING_STYLES } from './numbering.js';
import { paperSize, type PaperSize } from './page-size.js';
import { fitTypeArea, TYPE_AREA_RULES, type TypeAreaRule } from './type-area.js';
import type { PrintColorSpec } from './print-options.js';

/** A template's style.yaml, resolved to points and role names. */
export interface StyleSheet {
  file: string;
  page: {
    /** The paper printed on: the style's `page.size`, or the build's `--paper`. */
    size: string;
    /** How the text block follows a paper other than the style's own (see type-area.ts). */
    typeArea: TypeAreaRule;
    margins: { top: number; right: number; bottom: number; left: number };
    /** `skipFirst`: no number on page 1 (a cover), which still counts as page 1. */
    pageNumber?: { format: string; align: 'center' | 'outside' | 'left' | 'right'; offset: number; text: TextStyle; skipFirst: boolean };
    /** Character grid (GB/T 9704: 28 × 22): body text sits on `chars` columns and `lines` rows. */
    grid?: { chars: number; lines: number; pitchX: number; pitchY: number };
    /** A colour band from the paper's top edge (a masthead band), or the whole page (a cover colour); --bleed runs it past the trim. */
    band?: { color: string; height?: number; pages: 'first' | 'all' };
    /** The text block's height on this paper over its height on the paper the style was made for: a <spacer> scales by it. */
    verticalScale: number;
  };
  text: TextStyle;
  elements: Record<string, TextStyle & BoxStyle>;
  typography: {
    /** Space between ideographs and Latin letters or digits, in em (clreq's customary ¼ em). */
    hanLatinSpace: number;
    /** Places figures in tables and KPI cards are rounded to; undefined keeps them as written. */
    decimals?: number;
  };
  /** How colours print under --color cmyk: `#rrggbb` (lower case) → a process mix or a spot ink. */
  print: { colors: Record<string, PrintColorSpec> };
}

export interface TextStyle {
  font: string;
  size: number;
  bold: boolean;
  color: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Line pitch in multiples of the font size (1.5 = 150 %), whatever the font's own metrics. */
  leading: number;
  spaceBefore: number;
  spaceAfter: number;
  /** First-line indent in characters. */
  indent: number;
  letterSpacing: number;
  /** Headings: number them 一、 （一） 1. （1） ① 第一章 第一节, counting within the level above. */
  numbering?: string;
}

export interface BoxStyle {
  border?: number;
  borderColor?: string;
  background?: string;
  padding?: number;
}

const cmykSchema = { type: 'array', items: { type: 'number', minimum: 0, maximum: 100 }, minItems: 4, maxItems: 4 };
const lengthOrNumber = { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*-?\\d+(\\.\\d+)?\\s*(mm|cm|pt|em)?\\s*$' }] };
const textStyleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    font: { type: 'string' }, size: { anyOf: [{ type: 'number' }, { type: 'string' }] }, bold: { type: 'boolean' },
    color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }, align: { enum: ['left', 'center', 'right', 'justify'] },
    leading: { type: 'number' }, spaceBefore: lengthOrNumber, spaceAfter: lengthOrNumber, indent: { type: 'number' },
    letterSpacing: lengthOrNumber, border: lengthOrNumber, borderColor: { type: 'string' }, background: { type: 'string' },
    padding: lengthOrNumber,
    numbering: { enum: [...NUMBERING_STYLES] },
  },
};
export const styleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'text'],
  properties: {
    page: {
      type: 'object', additionalProperties: false, required: ['size', 'margins'],
      properties: {
        size: { type: 'string' },
        typeArea: { enum: [...TYPE_AREA_RULES] },
        margins: { type: 'object', additionalProperties: false, required: ['top', 'right', 'bottom', 'left'],
          properties: { top: lengthOrNumber, right: lengthOrNumber, bottom: lengthOrNumber, left: lengthOrNumber } },
        grid: { type: 'object', additionalProperties: false, required: ['chars', 'lines'],
          properties: { chars: { type: 'integer', minimum: 1 }, lines: { type: 'integer', minimum: 1 } } },
        pageNumber: { type: 'object', additionalProperties: false, required: ['format'],
          properties: { format: { type: 'string' }, align: { enum: ['center', 'outside', 'left', 'right'] }, offset: lengthOrNumber, style: textStyleSchema, skipFirst: { type: 'boolean' } } },
        band: { type: 'object', additionalProperties: false, required: ['color'],
          properties: { color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }, height: lengthOrNumber, pages: { enum: ['first', 'all'] } } },
      },
    },
    text: textStyleSchema,
    elements: { type: 'object', additionalProperties: textStyleSchema },
    typography: {
      type: 'object', additionalProperties: false,
      properties: { hanLatinSpace: { type: 'number', minimum: 0, maximum: 1 }, decimals: { type: 'integer', minimum: 0, maximum: 6 } },
    },
    print: {
      type: 'object', additionalProperties: false,
      properties: {
        colors: {
          type: 'object',
          propertyNames: { pattern: '^#[0-9a-fA-F]{6}$' },
          additionalProperties: {
            anyOf: [
              cmykSchema,
              { type: 'object', additionalProperties: false, required: ['spot', 'cmyk'], properties: { spot: { type: 'string', minLength: 1, maxLength: 127 }, cmyk: cmykSchema } },
            ],
          },
        },
      },
    },
  },
};

/** By file (and paper), with the file's size and time: a batch reads it once, `watch` sees an edit. */
const STYLE_SHEETS = cacheSlot('style sheets', () => new Map<string, { stamp: string | undefined; sheet: StyleSheet }>());

/**
 * `paper`: print on this paper rather than the style's `page.size`; the margins follow the style's
 * `page.typeArea` rule (default `scale`). `host`: how the file is read, and where the sheet is kept
 * (a host of its own around its folder by default).
 */
export function loadStyle(file: string, { paper, host = createHost({ projectRoot: dirname(file) }) }: { paper?: PaperSize; host?: Host } = {}): StyleSheet {
  const stamp = fileStamp(file); // a missing file: loadData reports it
  const key = paper ? `${file}\u0000${paper.width}×${paper.height}` : file;
  const cache = host.caches.get(STYLE_SHEETS);
  const cached = cache.get(key);
  if (cached && cached.stamp === stamp) return cached.sheet;
  const loaded = loadSettings(file, styleSchema, 'E_STYLE', host);
  const raw = loaded.data as { page: Record<string, unknown>; text: RawText; elements?: Record<string, RawText>; typography?: { hanLatinSpace?: number; decimals?: number }; print?: { colors?: Record<string, RawPrintColor> } };
  const margins = raw.page.margins as Record<string, unknown>;
  const designed = { top: parseLength(margins.top)!, right: parseLength(margins.right)!, bottom: parseLength(margins.bottom)!, left: parseLength(margins.left)! };
  const design = paperSize(String(raw.page.size), { file });
  const typeArea = (raw.page.typeArea as TypeAreaRule | undefined) ?? 'scale';
  const sheetPaper = paper ?? design;
  const box = fitTypeArea(design, designed, sheetPaper, typeArea, file);
  const grid = gridOf(raw.page.grid as { chars: number; lines: number } | undefined, sheetPaper, box);
  let base = resolveText(raw.text, defaults, file, ['text'], loaded.locate);
  // On a grid the body's pitch comes from the grid: 156 mm / 28 ≈ 15.79 pt for 16 pt 三号.
  // GB/T 9704 itself sets 16 pt characters on a 15.79 pt pitch; much tighter and they collide.
  if (grid && grid.pitchX < base.size * 0.95) {
    const reason = `page.grid: ${grid.chars} characters of ${base.size} pt do not fit in a ${((grid.pitchX * grid.chars) / MM).toFixed(1)} mm line on ${sheetPaper.name} (use page.typeArea: fixed or a larger paper)`;
    const reasonZh = `page.grid：${grid.chars} 个 ${base.size} 磅的字排不进 ${sheetPaper.name} 纸上 ${((grid.pitchX * grid.chars) / MM).toFixed(1)} 毫米的一行（请用 page.typeArea: fixed 或更大的纸张）`;
    throw new BriefingError('E_STYLE', { reason, reasonZh }, { file, ...loaded.locate(['page', 'grid']) });
  }
  if (grid) base = { ...base, letterSpacing: grid.pitchX - base.size, leading: grid.pitchY / base.size };
  const elements: StyleSheet['elements'] = {};
  for (const [name, el] of Object.entries(raw.elements ?? {})) {
    elements[name] = { ...resolveText(el, { ...base, align: undefined, spaceBefore: 0, spaceAfter: 0, indent: 0 }, file, ['elements', name], loaded.locate), ...resolveBox(el) };
  }
  const band = raw.page.band as { color: string; height?: unknown; pages?: 'first' | 'all' } | undefined;
  const pn = raw.page.pageNumber as { format: string; align?: string; offset?: unknown; style?: RawText; skipFirst?: boolean } | undefined;
  const sheet: StyleSheet = {
    file,
    page: {
      size: sheetPaper.name,
      typeArea,
      margins: box,
      verticalScale: (sheetPaper.height - box.top - box.bottom) / (design.height - designed.top - designed.bottom),
      grid,
      ...(band ? { band: { color: band.color, ...(band.height !== undefined ? { height: parseLength(band.height)! } : {}), pages: band.pages ?? 'first' } } : {}),
      pageNumber: pn && {
        format: pn.format,
        align: (pn.align ?? 'center') as 'center',
        offset: parseLength(pn.offset ?? 7 * MM)!,
        text: resolveText(pn.style ?? {}, { ...base, align: undefined, indent: 0 }, file, ['page', 'pageNumber', 'style'], loaded.locate),
        skipFirst: pn.skipFirst ?? false,
      },
    },
    text: base,
    elements,
    typography: { hanLatinSpace: raw.typography?.hanLatinSpace ?? 0, decimals: raw.typography?.decimals },
    print: { colors: printColors(raw.print?.colors ?? {}) },
  };
  cache.set(key, { stamp, sheet });
  return sheet;
}

function gridOf(grid: { chars: number; lines: number } | undefined, paper: PaperSize, box: { top: number; right: number; bottom: number; left: number }) {
  if (!grid) return undefined;
  return { ...grid, pitchX: (paper.width - box.left - box.right) / grid.chars, pitchY: (paper.height - box.top - box.bottom) / grid.lines };
}

/** The style of a markup element: the sheet's entry for it, else the body text style. */
export function styleFor(sheet: StyleSheet, name: string): TextStyle & BoxStyle {
  return sheet.elements[name] ?? { ...sheet.text, align: undefined, spaceBefore: 0, spaceAfter: 0, indent: 0 };
}

type RawText = Record<string, unknown>;
type RawPrintColor = number[] | { spot: string; cmyk: number[] };

function printColors(raw: Record<string, RawPrintColor>): Record<string, PrintColorSpec> {
  const out: Record<string, PrintColorSpec> = {};
  for (const [hex, spec] of Object.entries(raw)) {
    out[hex.toLowerCase()] = Array.isArray(spec) ? { cmyk: spec as PrintColorSpec['cmyk'] } : { spot: spec.spot, cmyk: spec.cmyk as PrintColorSpec['cmyk'] };
  }
  return out;
}
const defaults: TextStyle = { font: 'serif', size: 12, bold: false, color: '#000000', leading: 1.5, spaceBefore: 0, spaceAfter: 0, indent: 0, letterSpacing: 0 };

function resolveText(raw: RawText, parent: TextStyle, file: string, path: string[], locate: (p: string[]) => { line: number; column: number } | undefined): TextStyle {
  let size = parent.size;
  if (raw.size !== undefined) {
    const s = parseFontSize(raw.size);
    if (s === undefined) {
      const at = [...path, 'size'].join('.');
      throw new BriefingError('E_STYLE', {
        reason: `${at}: "${String(raw.size)}" is not a font size (use 16, "16pt" or a name like 三号)`,
        reasonZh: `${at}：“${String(raw.size)}”不是字号（可写 16、"16pt" 或三号等字号名）`,
      }, { file, ...locate([...path, 'size']) });
    }
    size = s;
  }
  return {
    font: (raw.font as string) ?? parent.font,
    size,
    bold: (raw.bold as boolean) ?? parent.bold,
    color: (raw.color as string) ?? parent.color,
    align: (raw.align as TextStyle['align']) ?? parent.align,
    leading: (raw.leading as number) ?? parent.leading,
    spaceBefore: parseLength(raw.spaceBefore, size) ?? parent.spaceBefore,
    spaceAfter: parseLength(raw.spaceAfter, size) ?? parent.spaceAfter,
    indent: (raw.indent as number) ?? parent.indent,
    letterSpacing: parseLength(raw.letterSpacing, size) ?? parent.letterSpacing,
    numbering: raw.numbering as string | undefined,
  };
}

function resolveBox(raw: RawText): BoxStyle {
  return {
    border: parseLength(raw.border),
    borderColor: raw.borderColor as string | undefined,
    background: raw.background as string | undefined,
    padding: parseLength(raw.padding),
  };
}
