import { describe, expect, it } from 'vitest';
import { CHINESE_SIZES, MM, parseFontSize, parseLength } from '../../src/document/units.js';

describe('units', () => {
  it('knows the Chinese size names', () => {
    expect(parseFontSize('三号')).toBe(16);
    expect(parseFontSize('小四')).toBe(12);
    expect(parseFontSize('五号')).toBe(10.5);
    expect(parseFontSize('初号')).toBe(42);
    expect(Object.keys(CHINESE_SIZES)).toHaveLength(16);
  });

  it('reads points, millimetres and em', () => {
    expect(parseFontSize('16pt')).toBe(16);
    expect(parseFontSize(14)).toBe(14);
    expect(parseLength('7mm')).toBeCloseTo(7 * MM, 6);
    expect(parseLength('156mm')).toBeCloseTo(442.2, 1);
    expect(parseLength('2em', 16)).toBe(32);
    expect(parseLength('wide')).toBeUndefined();
    expect(parseFontSize('大号')).toBeUndefined();
  });
});
