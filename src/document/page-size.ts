import { BriefingError } from '../errors/briefing-error.js';
import { MM } from './units.js';

/** Paper sizes briefing's templates use, portrait, in pt. */
const SIZES: Record<string, [number, number]> = {
  A3: [297 * MM, 420 * MM],
  A4: [210 * MM, 297 * MM],
  A5: [148 * MM, 210 * MM],
  B5: [176 * MM, 250 * MM],
  LETTER: [612, 792],
};

export function pageDimensions(size: string, file: string): [number, number] {
  const dims = SIZES[size.toUpperCase()];
  if (!dims) {
    const known = Object.keys(SIZES);
    throw new BriefingError('E_STYLE', { reason: `unknown page size "${size}" (known: ${known.join(', ')})`, reasonZh: `未知的纸张尺寸“${size}”（可用：${known.join('、')}）` }, { file });
  }
  return dims;
}

export function pageContentWidth(size: string, left: number, right: number, file: string): number {
  return pageDimensions(size, file)[0] - left - right;
}
