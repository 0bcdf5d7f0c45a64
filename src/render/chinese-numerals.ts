import { HelperValueError, numberArgument, roundDecimal, shiftDecimal } from './helper-value.js';

/**
 * Chinese numerals as official print writes them: 二〇二三年 (year digits one by one, with 〇),
 * 十二 (counts), 二〇二三年八月二十一日 (dates in 公文 落款 style) and 大写金额 (壹万贰仟元整), the
 * last following the zero rules of 《支付结算办法》附一 (正确填写票据和结算凭证的基本规定).
 */
interface NumeralSet {
  digits: string;
  units: readonly string[];
}

const LOWER: NumeralSet = { digits: '零一二三四五六七八九', units: ['', '十', '百', '千'] };
const UPPER: NumeralSet = { digits: '零壹贰叁肆伍陆柒捌玖', units: ['', '拾', '佰', '仟'] };
const SECTIONS = ['', '万', '亿'];
const YEAR_DIGITS = '〇一二三四五六七八九';
/** Four-digit sections 个, 万, 亿: the largest whole number written is 9999亿9999万9999. */
const LIMIT = 1e12;

/**
 * A whole number 0 ≤ n < 10¹² in four-digit sections. Zeros inside a number are read once (1005 →
 * 一千零五; 10005 → 一万零五); zeros at the end of a section are not read (11001000 → 一千一百万一千).
 */
function wholeNumber(n: number, set: NumeralSet): string {
  if (n === 0) return set.digits[0]!;
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) sections.push(rest % 10000);
  let out = '';
  let zero = false;
  for (let s = sections.length - 1; s >= 0; s--) {
    const section = sections[s]!;
    if (section === 0) {
      zero = out !== '';
      continue;
    }
    for (let place = 3; place >= 0; place--) {
      const d = Math.floor(section / 10 ** place) % 10;
      if (d === 0) {
        zero ||= out !== '';
        continue;
      }
      if (zero) out += set.digits[0];
      zero = false;
      out += set.digits[d]! + set.units[place]!;
    }
    out += SECTIONS[s];
    zero = false;
  }
  return out;
}

/** 12 → 十二, 105 → 一百零五, 100000 → 十万, -3 → 负三, 2.05 → 二点零五. */
export function chineseNumber(value: unknown): string {
  const v = numberArgument(value);
  if (Math.abs(v) >= LIMIT) throw new HelperValueError(`${v} is too large; the largest is 999999999999`, `${v} 太大；最大为 999999999999`);
  const [whole, fraction] = String(Math.abs(v)).split('.');
  if (/e/i.test(String(Math.abs(v)))) throw new HelperValueError(`${v} has too many decimal places to write in words`, `${v} 的小数位太多，无法写成汉字`);
  // 一十二 is written 十二 at the very start (十万 too); inside a number 一十 stays (一百一十).
  const words = wholeNumber(Number(whole), LOWER).replace(/^一十/, '十');
  const decimals = fraction ? `点${[...fraction].map((d) => LOWER.digits[Number(d)]).join('')}` : '';
  return `${v < 0 ? '负' : ''}${words}${decimals}`;
}

/** 2023 → 二〇二三年 */
export function chineseYear(value: unknown): string {
  const v = numberArgument(value);
  if (!Number.isInteger(v) || v < 0) throw new HelperValueError(`${v} is not a year (a whole number such as 2023)`, `${v} 不是年份（应为 2023 这样的整数）`);
  return `${[...String(v)].map((d) => YEAR_DIGITS[Number(d)]).join('')}年`;
}

/**
 * 2023-08-21 → 二〇二三年八月二十一日. Like cnDate, a date must open the text and anything else is
 * printed unchanged; a month or day out of range is an error rather than a wrong date in words.
 */
export function chineseDateUpper(text: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (!m) return text;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new HelperValueError(`"${m[0]}" is not a date`, `“${m[0]}”不是有效的日期`);
  return `${chineseYear(year)}${chineseNumber(month)}月${chineseNumber(day)}日`;
}

/**
 * 大写金额 in 元, rounded to the 分: 12000 → 壹万贰仟元整, 10005 → 壹万零伍元整, 0.5 → 伍角,
 * 16409.02 → 壹万陆仟肆佰零玖元零贰分. 整 follows 元 only (the rules let it be left off after 角);
 * a zero 元 place before a non-zero 角 is not written (the rules allow either).
 */
export function chineseMoney(value: unknown): string {
  const v = numberArgument(value);
  if (v < 0) throw new HelperValueError(`${v} is negative; 大写金额 is written for amounts of 0 or more`, `${v} 是负数；大写金额只用于 0 及以上的金额`);
  if (v >= LIMIT) throw new HelperValueError(`${v} is too large; the largest amount is 999999999999.99`, `${v} 太大；最大金额为 999999999999.99`);
  const fen = shiftDecimal(roundDecimal(v, 2), 2);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? `${wholeNumber(yuan, UPPER)}元` : '';
  if (jiao === 0 && cents === 0) return `${out || '零元'}整`;
  if (jiao > 0) out += `${UPPER.digits[jiao]}角`;
  else if (yuan > 0) out += UPPER.digits[0]; // 角 is 0 but 分 is not: 元 is followed by 零
  if (cents > 0) out += `${UPPER.digits[cents]}分`;
  return out;
}
