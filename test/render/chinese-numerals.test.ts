import { describe, expect, it } from 'vitest';
import { chineseDateUpper, chineseMoney, chineseNumber, chineseYear } from '../../src/render/chinese-numerals.js';
import { HelperValueError } from '../../src/render/helper-value.js';

describe('chineseMoney (大写金额)', () => {
  it('writes whole amounts with 元整 and 壹拾 for a leading ten', () => {
    expect(chineseMoney(12000)).toBe('壹万贰仟元整');
    expect(chineseMoney(100000)).toBe('壹拾万元整');
    expect(chineseMoney(10)).toBe('壹拾元整');
    expect(chineseMoney(110)).toBe('壹佰壹拾元整');
    expect(chineseMoney(1)).toBe('壹元整');
    expect(chineseMoney(0)).toBe('零元整');
    expect(chineseMoney(100000000)).toBe('壹亿元整');
    expect(chineseMoney(123000000000)).toBe('壹仟贰佰叁拾亿元整');
  });

  it('writes one 零 for a run of zeros inside the number, across 万 and 亿', () => {
    expect(chineseMoney(10005)).toBe('壹万零伍元整');
    expect(chineseMoney(1005)).toBe('壹仟零伍元整');
    expect(chineseMoney(6007.14)).toBe('陆仟零柒元壹角肆分');
    expect(chineseMoney(1409.5)).toBe('壹仟肆佰零玖元伍角');
    expect(chineseMoney(100010000)).toBe('壹亿零壹万元整');
    expect(chineseMoney(100000001)).toBe('壹亿零壹元整');
    expect(chineseMoney(10000500)).toBe('壹仟万零伍佰元整');
  });

  it('leaves out the zeros at the end of a section (the rules allow either)', () => {
    expect(chineseMoney(107000.53)).toBe('壹拾万柒仟元伍角叁分');
    expect(chineseMoney(1680.32)).toBe('壹仟陆佰捌拾元叁角贰分');
    expect(chineseMoney(11001000)).toBe('壹仟壹佰万壹仟元整');
  });

  it('writes 角 and 分, with 零 after 元 when 角 is zero, and no 整 after 角 or 分', () => {
    expect(chineseMoney(0.5)).toBe('伍角');
    expect(chineseMoney(0.05)).toBe('伍分');
    expect(chineseMoney(0.55)).toBe('伍角伍分');
    expect(chineseMoney(16409.02)).toBe('壹万陆仟肆佰零玖元零贰分');
    expect(chineseMoney(325.04)).toBe('叁佰贰拾伍元零肆分');
    expect(chineseMoney(1.5)).toBe('壹元伍角');
  });

  it('rounds to the 分 on the decimal value, and reads numeric text', () => {
    expect(chineseMoney(1.005)).toBe('壹元零壹分');
    expect(chineseMoney(0.994)).toBe('玖角玖分');
    expect(chineseMoney(0.999)).toBe('壹元整');
    expect(chineseMoney('12000')).toBe('壹万贰仟元整');
    expect(chineseMoney(999999999999.99)).toBe('玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });

  it('refuses negative, non-numeric, missing and too large amounts with a reason', () => {
    expect(() => chineseMoney(-5)).toThrow(/-5 is negative/);
    expect(() => chineseMoney(Number.NaN)).toThrow(HelperValueError);
    expect(() => chineseMoney('十二')).toThrow(/"十二" is not a number/);
    expect(() => chineseMoney('')).toThrow(/is not a number/);
    expect(() => chineseMoney(undefined)).toThrow(/no value given/);
    expect(() => chineseMoney(1e12)).toThrow(/too large/);
  });
});

describe('chineseNumber', () => {
  it('writes counts the way they are read', () => {
    const cases: [number, string][] = [
      [0, '零'], [7, '七'], [10, '十'], [12, '十二'], [20, '二十'], [105, '一百零五'], [110, '一百一十'],
      [1005, '一千零五'], [10000, '一万'], [10010, '一万零一十'], [100000, '十万'], [150000, '十五万'],
      [11001000, '一千一百万一千'], [100000000, '一亿'], [300000005, '三亿零五'],
    ];
    for (const [n, words] of cases) expect(chineseNumber(n), String(n)).toBe(words);
  });

  it('writes negatives with 负 and decimals digit by digit after 点', () => {
    expect(chineseNumber(-3)).toBe('负三');
    expect(chineseNumber(2.05)).toBe('二点零五');
    expect(chineseNumber(0.5)).toBe('零点五');
  });

  it('refuses what it cannot write', () => {
    expect(() => chineseNumber('abc')).toThrow(HelperValueError);
    expect(() => chineseNumber(1e12)).toThrow(/too large/);
    expect(() => chineseNumber(1e-7)).toThrow(/decimal places/);
  });
});

describe('chineseYear and chineseDateUpper', () => {
  it('writes year digits one by one with 〇', () => {
    expect(chineseYear(2023)).toBe('二〇二三年');
    expect(chineseYear('2008')).toBe('二〇〇八年');
    expect(chineseYear(1990)).toBe('一九九〇年');
    expect(() => chineseYear(2023.5)).toThrow(/not a year/);
    expect(() => chineseYear(-1)).toThrow(/not a year/);
  });

  it('writes a date in words, months and days as numbers are read', () => {
    expect(chineseDateUpper('2023-08-21')).toBe('二〇二三年八月二十一日');
    expect(chineseDateUpper('2023-10-30')).toBe('二〇二三年十月三十日');
    expect(chineseDateUpper('2024-12-10')).toBe('二〇二四年十二月十日');
    expect(chineseDateUpper('2000-1-1')).toBe('二〇〇〇年一月一日');
  });

  it('passes other text through, like cnDate, but refuses an impossible month or day', () => {
    expect(chineseDateUpper('八月下旬')).toBe('八月下旬');
    expect(() => chineseDateUpper('2023-13-01')).toThrow(/"2023-13-01" is not a date/);
    expect(() => chineseDateUpper('2023-02-00')).toThrow(/not a date/);
  });
});
