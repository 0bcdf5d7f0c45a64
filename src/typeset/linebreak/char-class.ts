/**
 * Character classes for Chinese line breaking and punctuation compression, after clreq and
 * GB/T 15834. "Blank right" marks (，。、） …) have their ink on the left half of the em box, so
 * their right half can be removed; "blank left" marks (“（《 …) the other way round.
 */
const BLANK_RIGHT: ReadonlySet<string> = new Set('，。、；：！？”’）》」』】〕〉］｝〗〙');
const BLANK_LEFT: ReadonlySet<string> = new Set('“‘（《「『【〔〈［｛〖〘');
/** Never at the start of a line: closing and ending marks, and the halves of —— and …… */
const NO_START: ReadonlySet<string> = new Set([...BLANK_RIGHT, ...'·・…‥—–%‰℃°.,;:!?)]}>〞﹚々ゝゞヽヾーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ']);
/** Never at the end of a line: opening marks. */
const NO_END: ReadonlySet<string> = new Set([...BLANK_LEFT, ...'([{<']);
/** Marks that join two numbers into a range (1—9月, 1～9月, 3-5): glued to the numbers on both sides. */
const RANGE_MARKS: ReadonlySet<string> = new Set('—–～〜~-');
/**
 * Unit symbols written straight after a number (62.2%, 25℃, 3‰): part of the number, so no break,
 * no justification space and no Han–Latin space between them, and the space after them is the one
 * after a number.
 */
export const NUMBER_SUFFIX = '%‰℃℉°′″';
/** What may follow a number without a break: 186.6亿元, 62.2%, 2023年, 12个. */
const UNITS: ReadonlySet<string> = new Set('%‰℃°亿万千百十元角分个家项人次倍户名所座条份件台吨米年月日号期届岁斤克里亩位批辆架艘套栋间处场轮起批余多');

export type CharKind = 'han' | 'latin' | 'space' | 'punct';

export function kindOf(ch: string): CharKind {
  if (ch === ' ' || ch === '\t') return 'space';
  if (BLANK_RIGHT.has(ch) || BLANK_LEFT.has(ch) || NO_START.has(ch) || NO_END.has(ch)) return isWordChar(ch) ? 'latin' : 'punct';
  if (isWordChar(ch)) return 'latin';
  return 'han';
}

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9\u00B2\u00B3\u00B9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/.test(ch);
}

export const blankRight = (ch: string) => BLANK_RIGHT.has(ch);
export const blankLeft = (ch: string) => BLANK_LEFT.has(ch);
export const noStart = (ch: string) => NO_START.has(ch);
export const noEnd = (ch: string) => NO_END.has(ch);
export const isUnit = (ch: string) => UNITS.has(ch);
export const isRangeMark = (ch: string) => RANGE_MARKS.has(ch);
export const isDigit = (ch: string) => ch >= '0' && ch <= '9';
/** Western brackets belong to the Latin text they enclose: the Han–Latin space goes outside them. */
export const isWesternOpen = (ch: string) => ch === '(' || ch === '[' || ch === '{';
export const isWesternClose = (ch: string) => ch === ')' || ch === ']' || ch === '}';
/** Ideographs and kana, which take the quarter-em space next to Latin letters and digits. */
export const isIdeograph = (ch: string) => /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD8BF][\uDC00-\uDFFF]/.test(ch);
