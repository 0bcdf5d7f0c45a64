/** Chinese list and heading numbers: 一、 （一） 1. （1） ①. */
const DIGITS = '〇一二三四五六七八九';

export function chineseNumeral(n: number): string {
  if (n < 0 || !Number.isInteger(n)) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

export const NUMBERING_STYLES = ['cjk', 'cjk-paren', 'decimal', 'decimal-paren', 'circled', 'chapter', 'section'] as const;

/**
 * Labels for items in order: an item that brings its own label (an empty one included: an
 * unnumbered item) keeps it and is not counted, so the numbered items run 1, 2, 3 without a gap.
 */
export function itemLabels(own: readonly (string | undefined)[], label: (n: number) => string): string[] {
  let n = 0;
  return own.map((l) => l ?? label(++n));
}

/** GB/T 9704's numbered 附件说明 (附件：1．名称): the number with a full-width full stop. */
export const attachmentLabel = (n: number): string => `${n}．`;

export function listLabel(style: string, n: number): string {
  switch (style) {
    case 'chapter': return `第${chineseNumeral(n)}章　`;
    case 'section': return `第${chineseNumeral(n)}节　`;
    case 'cjk': return `${chineseNumeral(n)}、`;
    case 'cjk-paren': return `（${chineseNumeral(n)}）`;
    case 'decimal-paren': return `（${n}）`;
    case 'circled': return n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
    case 'bullet': return '●';
    default: return `${n}.`;
  }
}
