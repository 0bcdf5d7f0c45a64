import type { PdfKitDocument, PdfKitReference } from './pdfkit-document.js';

/** The separable and non-separable blend modes of ISO 32000-1 §11.3.5, the only ones PDF/A-2 allows (§6.2.10). */
export type BlendMode = 'Normal' | 'Multiply' | 'Screen' | 'Overlay' | 'Darken' | 'Lighten' | 'ColorDodge' | 'ColorBurn'
  | 'HardLight' | 'SoftLight' | 'Difference' | 'Exclusion' | 'Hue' | 'Saturation' | 'Color' | 'Luminosity';

export type BlendingSpace = 'DeviceRGB' | 'DeviceCMYK';

/**
 * Make the current page a transparency group with a stated blending colour space: the space in
 * which a Multiply (the seal) or an opacity (the watermark) is computed. ISO 19005-2 §6.2.10 requires
 * it on every page with transparency when the file has no PDF/A output intent; with one, a group
 * that states its space still keeps viewers and RIPs from each choosing their own, and it must then
 * be the output intent's space (§6.2.4.3): DeviceRGB beside PDF/A's sRGB, DeviceCMYK in a PDF/X
 * file. Call once per page (again is harmless), while the page is current.
 */
export function addPageGroup(doc: PdfKitDocument, space: BlendingSpace): void {
  doc.page.dictionary.data.Group = { Type: 'Group', S: 'Transparency', CS: space, I: false, K: false };
}

interface BlendDocument extends PdfKitDocument {
  __briefingBlendStates?: Map<BlendMode, PdfKitReference>;
}

/**
 * Draw what follows with a blend mode, as ink on paper does for the seal (Multiply: the red darkens
 * the black text under it instead of covering it). Between `doc.save()` and `doc.restore()`:
 *
 *     doc.save(); setBlendMode(doc, 'Multiply', space); …draw the seal…; doc.restore();
 *
 * Adds the page group in `space` (addPageGroup) and one ExtGState per blend mode per document.
 */
export function setBlendMode(doc: PdfKitDocument, mode: BlendMode, space: BlendingSpace): void {
  const d = doc as BlendDocument;
  const states = (d.__briefingBlendStates ??= new Map<BlendMode, PdfKitReference>());
  let state = states.get(mode);
  if (!state) {
    state = doc.ref({ Type: 'ExtGState', BM: mode });
    state.end();
    states.set(mode, state);
  }
  const name = `GsBm${mode}`;
  const resources = doc.page.resources.data;
  const gstates = (resources.ExtGState ??= {}) as Record<string, unknown>;
  gstates[name] = state;
  addPageGroup(doc, space);
  doc.addContent(`/${name} gs`);
}

/**
 * Draw with a library that makes its own transparency groups (svg-to-pdfkit: a chart's clip paths
 * become luminosity soft masks, its opacities groups), all declared DeviceRGB: in a CMYK print
 * file they must blend in CMYK instead (PDF/X-4 allows no RGB). Every group and soft mask made
 * during `draw` is declared in `space`; a soft mask's backdrop keeps its meaning (RGB black
 * [0 0 0] is CMYK [0 0 0 1], RGB white is no ink). In DeviceRGB nothing changes.
 */
export function drawInBlendingSpace(doc: PdfKitDocument, space: BlendingSpace, draw: () => void): void {
  if (space === 'DeviceRGB') return draw();
  const ref = doc.ref;
  doc.ref = function refInBlendingSpace(this: PdfKitDocument, data?: unknown) {
    const dict = data as Record<string, unknown> | undefined;
    const group = dict?.Group as Record<string, unknown> | undefined;
    if (group?.S === 'Transparency' && group.CS === 'DeviceRGB') group.CS = space;
    const mask = dict?.SMask as { BC?: number[] } | undefined;
    if (mask?.BC?.length === 3) mask.BC = mask.BC.every((v) => v === 0) ? [0, 0, 0, 1] : [0, 0, 0, 0];
    return ref.call(this, data);
  };
  try {
    draw();
  } finally {
    doc.ref = ref;
  }
}
