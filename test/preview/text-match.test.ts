import { describe, expect, it } from 'vitest';
import { bestMatches, longestCommonRun, normalizeText } from '../../src/preview/text-match.js';

const candidates = (...texts: string[]) => texts.map((text) => ({ text, keys: [normalizeText(text)] }));
const best = (cs: { text: string; keys: string[] }[], printed: Parameters<typeof bestMatches>[1]) => bestMatches(cs, printed).map((m) => m.candidate.text);

describe('normalizeText', () => {
  it('drops the spaces a typesetter or pdf.js puts between Han and digits, and digit-group commas', () => {
    expect(normalizeText('8 月 21 日，召开')).toBe(normalizeText('8月21日，召开'));
    expect(normalizeText('二 七 工 作 简 报')).toBe('二七工作简报');
    expect(normalizeText('总投资 1,230 亿元')).toBe('总投资1230亿元');
    expect(normalizeText('ＡＢＣ１２３')).toBe('ABC123');
  });
});

describe('longestCommonRun', () => {
  it('finds the longest shared run of characters', () => {
    expect(longestCommonRun('现代化美好二七建设', '推动现代化美好二七')).toBe(7);
    expect(longestCommonRun('甲乙', '丙丁')).toBe(0);
    expect(longestCommonRun('', '甲')).toBe(0);
  });
});

describe('bestMatches', () => {
  it('takes the paragraph a printed line was broken from', () => {
    const cs = candidates('上半年工作回顾', '会议指出，上半年全区经济运行稳中有进，重点项目投资完成率居全市前列。', '重点项目');
    expect(best(cs, { text: '稳中有进，重点项目投资完成率居全市', line: '稳中有进，重点项目投资完成率居全市' })).toEqual([cs[1]!.text]);
  });

  it('settles a short span by the line around it', () => {
    const cs = candidates('进入2023年，全区经济企稳回升。', '2023年8月22日', '2023');
    expect(best(cs, { text: '2023', line: '进入 2023 年，全区经济企稳回升。', spanStart: 3 })).toEqual([cs[0]!.text]);
  });

  it('gives a table cell to the cell, not to a paragraph that quotes it', () => {
    const cs = candidates('让发展“强起来”，关键在深化产业战略布局，深入谋划“三区三轴”。', '让发展“强起来”', '深化产业战略布局', '深入谋划“三区三轴”');
    const line = '让发展“强起来” 深化产业战略布局 深入谋划“三区三轴”';
    expect(best(cs, { text: '深化产业战略布局', line, spanStart: line.indexOf('深化') })).toEqual(['深化产业战略布局']);
  });

  it('finds a heading the template numbered', () => {
    const cs = candidates('敢想敢为 现代化美好二七实现破题开局', '现代化');
    expect(best(cs, { text: '一、敢想敢为 现代化美好二七实现破题开局', line: '一、敢想敢为 现代化美好二七实现破题开局' })).toEqual([cs[0]!.text]);
  });

  it('in a line made of several values, picks the one under the pointer', () => {
    const cs = candidates('18', '236');
    const text = '第 18 期（总第 236 期）';
    expect(best(cs, { text, line: text, charIndex: text.indexOf('18') })).toEqual(['18']);
    expect(best(cs, { text, line: text, charIndex: text.indexOf('236') + 1 })).toEqual(['236']);
  });

  it('returns every place holding the same text, and nothing for text no source has', () => {
    const cs = candidates('高质量推动现代化美好二七建设蔚然成势', '高质量推动现代化美好二七建设蔚然成势', '其他');
    expect(best(cs, { text: '高质量推动现代化美好二七建设蔚然成势', line: '' })).toHaveLength(2);
    expect(best(cs, { text: '— 1 —', line: '— 1 —' })).toEqual([]);
  });
});
