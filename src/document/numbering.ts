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
