import { describe, expect, it } from 'vitest';
import { countVisible } from '../../../src/typeset/layout/set-text.js';

/** The definition the content audit counts by: code points that /\s/ does not match. */
const byRegExp = (text: string): number => [...text].filter((ch) => !/\s/.test(ch)).length;

describe('countVisible', () => {
  it('counts what /\\s/ leaves, for every UTF-16 unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (countVisible(String.fromCharCode(c)) !== byRegExp(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('counts a surrogate pair once and a lone surrogate as one', () => {
    for (const text of ['会议 指出\u3000“双轮驱动”\n', 'a\u{1f600}b', '\ud83d', '\ude00\ud83d', 'x\ud83d \ude00', '\ud83d\ud83d\ude00', '\u{20000}\u00a0\u2028']) {
      expect(countVisible(text)).toBe(byRegExp(text));
    }
  });
});
