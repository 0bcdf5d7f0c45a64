import { BriefingError } from '../errors/briefing-error.js';
import { usageError } from '../errors/usage.js';
import { MM } from './units.js';

/** A sheet of paper, portrait, in pt. `name` is how the user wrote it, or `W×H mm` for a custom size. */
export interface PaperSize {
  name: string;
  width: number;
  height: number;
}

const mm = (w: number, h: number): [number, number] => [w * MM, h * MM];

/**
 * Paper sizes used in Chinese print, portrait, in pt. The 开 sizes are cuts of the 正度 (787 × 1092 mm)
 * and 大度 (889 × 1194 mm) sheets as trimmed by print shops: 16开 185 × 260, 大16开 210 × 285.
 * B5 is the ISO (GB/T 148) B5, 176 × 250 mm.
 */
const SIZES: Record<string, [number, number]> = {
  A3: mm(297, 420),
  A4: mm(210, 297),
  A5: mm(148, 210),
  B5: mm(176, 250),
  '8开': mm(260, 370),
  '大8开': mm(285, 420),
  '16开': mm(185, 260),
  '大16开': mm(210, 285),
  '32开': mm(130, 184),
  '大32开': mm(140, 203),
  LETTER: [612, 792],
};
/** 16K is how 16开 is written on Latin keyboards and printer menus. */
const ALIASES: Record<string, string> = { '8K': '8开', '大8K': '大8开', '16K': '16开', '大16K': '大16开', '32K': '32开', '大32K': '大32开' };

/** `185x260`, `185 × 260 mm`, `185*260mm`: width × height in mm. */
const CUSTOM = /^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$/i;
/** Smaller than a business card or larger than A0 is a typo, not a paper. */
const MIN_MM = 50;
const MAX_MM = 1200;

export const KNOWN_PAPER = [...Object.keys(SIZES), 'W×H mm'];
/** The same list for Chinese messages. */
export const KNOWN_PAPER_ZH = [...Object.keys(SIZES), '宽×高（毫米）'];

/** A paper size from its name (A4, 16开, 16K, 大16开 …) or `width × height` in mm; undefined if neither. */
export function parsePaperSize(text: string): PaperSize | undefined {
  const key = text.trim().toUpperCase();
  const named = SIZES[ALIASES[key] ?? key];
  if (named) return { name: ALIASES[key] ?? key, width: named[0], height: named[1] };
  const m = CUSTOM.exec(text);
  if (!m) return undefined;
  const [w, h] = [Number(m[1]), Number(m[2])];
  if (w < MIN_MM || h < MIN_MM || w > MAX_MM || h > MAX_MM) return undefined;
  return { name: `${m[1]}×${m[2]} mm`, width: w * MM, height: h * MM };
}

/** The paper, or an E_STYLE error naming the file the size was written in (or E_USAGE for `--paper`). */
export function paperSize(text: string, where: { file?: string; flag?: string }): PaperSize {
  const paper = parsePaperSize(text);
  if (paper) return paper;
  const reason = `unknown page size "${text}" (known: ${KNOWN_PAPER.join(', ')}, from ${MIN_MM} to ${MAX_MM} mm a side)`;
  const reasonZh = `未知的纸张尺寸“${text}”（可用：${KNOWN_PAPER_ZH.join('、')}，每边 ${MIN_MM} 至 ${MAX_MM} 毫米）`;
  if (where.flag) throw usageError(`${where.flag}: ${reason}`, `${where.flag}：${reasonZh}`);
  throw new BriefingError('E_STYLE', { reason, reasonZh }, { file: where.file });
}

export function pageDimensions(size: string, file: string): [number, number] {
  const { width, height } = paperSize(size, { file });
  return [width, height];
}

export function pageContentWidth(size: string, left: number, right: number, file: string): number {
  return pageDimensions(size, file)[0] - left - right;
}
