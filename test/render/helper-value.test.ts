import { describe, expect, it } from 'vitest';
import { decimalsArgument, formatFixed, formatPercent, numberArgument, roundDecimal } from '../../src/render/helper-value.js';

describe('percent and fixed formatting', () => {
  it('writes a fraction as a percentage without binary noise', () => {
    expect(formatPercent(0.622, 1)).toBe('62.2%');
    expect(formatPercent(0.622)).toBe('62.2%');
    expect(formatPercent(0.1 + 0.2)).toBe('30%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.654, 0)).toBe('65%');
    expect(formatPercent(0.0125, 1)).toBe('1.3%');
    expect(formatPercent(-0.035, 1)).toBe('-3.5%');
    expect(formatPercent(1.25, 2)).toBe('125.00%');
  });

  it('rounds half away from zero on the decimal value as written', () => {
    expect(formatFixed(1.005, 2)).toBe('1.01');
    expect(formatFixed(-1.005, 2)).toBe('-1.01');
    expect(formatFixed(3, 2)).toBe('3.00');
    expect(formatFixed(186.65, 1)).toBe('186.7');
    expect(formatFixed(1234567.8, 0)).toBe('1234568');
    expect(roundDecimal(2.5, 0)).toBe(3);
  });

  it('prints no negative zero', () => {
    expect(formatFixed(-0.0001, 2)).toBe('0.00');
    expect(formatPercent(-0.00001, 1)).toBe('0.0%');
  });
});

describe('helper arguments', () => {
  it('reads numbers and numeric text (CSV cells), and names what it cannot read', () => {
    expect(numberArgument(62.2)).toBe(62.2);
    expect(numberArgument(' 62.2 ')).toBe(62.2);
    expect(() => numberArgument('62.2%')).toThrow('"62.2%" is not a number');
    expect(() => numberArgument(Number.NaN)).toThrow('"NaN" is not a number');
    expect(() => numberArgument(Number.POSITIVE_INFINITY)).toThrow('is not a number');
    expect(() => numberArgument(null)).toThrow('no value given');
    expect(() => numberArgument(true)).toThrow('true is not a number');
  });

  it('takes 0 to 20 decimal places', () => {
    expect(decimalsArgument(undefined, 0)).toBe(0);
    expect(decimalsArgument(2, 0)).toBe(2);
    expect(() => decimalsArgument(-1, 0)).toThrow(/whole number from 0 to 20/);
    expect(() => decimalsArgument('2', 0)).toThrow(/whole number from 0 to 20/);
  });
});
