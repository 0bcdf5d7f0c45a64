/** Lengths and font sizes as users write them: 16, "16pt", "7mm", "三号". Results in PDF points. */

export const MM = 72 / 25.4;

/** The Chinese font-size names (字号) in points, per the ctex table. */
export const CHINESE_SIZES: Readonly<Record<string, number>> = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15,
  四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5, 八号: 5,
};

/** A length in pt, or undefined when the text is not a length. `em` needs the font size. */
export function parseLength(value: unknown, emSize = 0): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|em)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'mm': return n * MM;
    case 'cm': return n * 10 * MM;
    case 'em': return n * emSize;
    default: return n;
  }
}

/** A font size in pt from a number, "16pt" or a Chinese size name. */
export function parseFontSize(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() in CHINESE_SIZES) return CHINESE_SIZES[value.trim()];
  const n = parseLength(value);
  return n !== undefined && n > 0 ? n : undefined;
}
