import { BriefingError } from '../errors/briefing-error.js';
import { MM } from './units.js';
import type { PaperSize } from './page-size.js';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * How a template's text block (版心) follows the paper when it is printed on another size than the
 * one its style was designed for:
 * - `fixed`: the block keeps its size, so a 公文 keeps GB/T 9704's 156 × 225 mm and its 28 × 22 grid;
 *   the space left over is shared as the design's margins share it (37 : 35 top to bottom, 28 : 26
 *   binding side to the other), so on A4 the page is exactly the standard's.
 * - `scale`: every margin scales with the paper — left and right with its width, top and bottom
 *   with its height — so the block keeps its proportion of the page. Type sizes stay as set.
 */
export type TypeAreaRule = 'fixed' | 'scale';
export const TYPE_AREA_RULES: readonly TypeAreaRule[] = ['fixed', 'scale'];

/** Less than this between the block and the trim and a print shop's cut or a printer's grip eats text. */
export const MIN_MARGIN = 10 * MM;

/** The margins for `paper` of a style designed with `margins` on `design`. */
export function fitTypeArea(design: PaperSize, margins: Margins, paper: PaperSize, rule: TypeAreaRule, file: string): Margins {
  if (paper.width === design.width && paper.height === design.height) return margins;
  let fitted: Margins;
  if (rule === 'scale') {
    const sx = paper.width / design.width;
    const sy = paper.height / design.height;
    fitted = { top: margins.top * sy, right: margins.right * sx, bottom: margins.bottom * sy, left: margins.left * sx };
  } else {
    const blockW = design.width - margins.left - margins.right;
    const blockH = design.height - margins.top - margins.bottom;
    const spareW = paper.width - blockW;
    const spareH = paper.height - blockH;
    fitted = {
      top: share(spareH, margins.top, margins.bottom),
      bottom: spareH - share(spareH, margins.top, margins.bottom),
      left: share(spareW, margins.left, margins.right),
      right: spareW - share(spareW, margins.left, margins.right),
    };
  }
  const narrowest = Math.min(fitted.top, fitted.right, fitted.bottom, fitted.left);
  if (narrowest < MIN_MARGIN - 1e-6) {
    throw new BriefingError('E_PAPER_TOO_SMALL', {
      paper: paper.name,
      design: design.name,
      margin: (narrowest / MM).toFixed(1),
      min: MIN_MARGIN / MM,
      rule,
    }, { file });
  }
  return fitted;
}

/** `spare` split in the ratio a : b (half each when the design had no margins). */
function share(spare: number, a: number, b: number): number {
  return a + b > 0 ? (spare * a) / (a + b) : spare / 2;
}
