import colorString from 'color-string';
import type { Cmyk, ColorMode, PrintColorSpec } from '../../document/print-options.js';
import type { PdfKitDocument } from './pdfkit-document.js';


/** A colour as pdfkit takes it: CSS text, a spot colour's name, [r, g, b] in 0–255 or [c, m, y, k] in per cent. */
export type PdfKitColor = string | number[];

export interface ColorMapper {
  readonly mode: ColorMode;
  /** The colour to hand pdfkit. */
  map(color: PdfKitColor): PdfKitColor;
  /** Spot inks the design names, to register before the first page is drawn. */
  readonly spots: { name: string; cmyk: Cmyk }[];
  /** The style's fixed mixes by `#rrggbb`, for images (print-images.ts). */
  readonly fixed: Record<string, PrintColorSpec>;
}

/**
 * The colour of every pixel of ink briefing writes, in the build's colour mode. In `rgb` mode
 * colours pass unchanged. In `cmyk` mode a colour the style fixes (`print.colors`, keyed by
 * `#rrggbb`) prints as given — the 红头 red as 0/100/100/0 or as a spot ink — and any other is
 * converted by `rgbToCmyk`.
 */
export function createColorMapper(mode: ColorMode, specs: Record<string, PrintColorSpec> = {}): ColorMapper {
  const byHex = new Map(Object.entries(specs).map(([hex, spec]) => [hex.toLowerCase(), spec]));
  const spots = [...byHex.values()].filter((s) => s.spot).map((s) => ({ name: s.spot!, cmyk: s.cmyk }));
  const spotNames = new Set(spots.map((s) => s.name));
  return {
    mode,
    spots,
    fixed: Object.fromEntries(byHex),
    map(color) {
      if (mode === 'rgb') return color;
      if (Array.isArray(color) && color.length === 4) return color;
      if (typeof color === 'string' && (spotNames.has(color) || color === 'All')) return color;
      const parsed = Array.isArray(color) ? color : colorString.get.rgb(color);
      // What pdfkit cannot read either ('none', 'transparent') it draws with no colour: leave it so.
      if (!parsed || parsed.length < 3 || parsed[3] === 0) return color;
      const rgb = parsed.slice(0, 3);
      const spec = byHex.get(hexOf(rgb));
      if (spec) return spec.spot ?? spec.cmyk;
      return rgbToCmyk(rgb[0]!, rgb[1]!, rgb[2]!);
    },
  };
}

/**
 * The textbook conversion with full grey-component replacement: black and greys print on the K
 * plate alone (text stays sharp, no registration fringes), colours take their darkness from K.
 * It knows no press: for colour that must match, fix the mix in style.yaml's `print.colors`.
 * Rounded to 0.1 %.
 */
export function rgbToCmyk(r: number, g: number, b: number): Cmyk {
  const [rr, gg, bb] = [r / 255, g / 255, b / 255];
  const k = 1 - Math.max(rr, gg, bb);
  if (k >= 1) return [0, 0, 0, 100];
  const part = (v: number) => round(((1 - v - k) / (1 - k)) * 100);
  return [part(rr), part(gg), part(bb), round(k * 100)];
}

const round = (v: number) => Math.round(v * 10) / 10;
const hexOf = (rgb: number[]) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

interface ColorHookedDocument extends PdfKitDocument {
  _normalizeColor: (color: unknown) => unknown;
  __briefingColors?: ColorMapper;
}

/**
 * Make every colour this document writes go through the mapper: call once per document, right
 * after `new PDFDocument(...)` and before any drawing. It registers the spot inks and wraps the
 * document's own `_normalizeColor`, through which pdfkit passes every colour — fillColor,
 * strokeColor, fill(colour), text, gradients, and svg-to-pdfkit's drawing of charts — so no
 * drawing code can forget one.
 */
export function applyColorMode(doc: PdfKitDocument, mapper: ColorMapper): void {
  const hooked = doc as ColorHookedDocument;
  if (mapper.mode === 'rgb' || hooked.__briefingColors) return;
  for (const spot of mapper.spots) doc.addSpotColor(spot.name, ...spot.cmyk);
  const normalize = hooked._normalizeColor;
  if (typeof normalize !== 'function') throw new Error('pdfkit _normalizeColor changed; review src/typeset/print/print-colors.ts');
  hooked._normalizeColor = function normalizeInPrintColors(color: unknown) {
    const mapped = color === null || color === undefined || typeof color === 'object' && !Array.isArray(color) ? color : mapper.map(color as PdfKitColor);
    return normalize.call(this, mapped);
  };
  hooked.__briefingColors = mapper;
}
