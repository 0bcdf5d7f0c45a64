import { describe, expect, it } from 'vitest';
import type { Content, Inline } from '../../../src/document/doc-definition.js';
import { applyFontFallback } from '../../../src/typeset/font-fallback.js';
import { loadFontSet } from '../../../src/typeset/font-set.js';
import { setText } from '../../../src/typeset/layout/set-text.js';
import { LineMemo } from '../../../src/typeset/linebreak/line-memo.js';

const fonts = loadFontSet();
const env = { faceOf: (r: Inline) => fonts.roles.get(r.font)!.normal, rules: { hanLatinEm: 0.25, compress: true }, memo: new LineMemo(10) };

/** A centred 二号 headline set at `width`: its lines' text. */
function headline(text: string, width: number): string[] {
  const node: Content = { text: [{ text, font: 'serif', fontSize: 22, leading: 1.4, bold: true }], alignment: 'center' };
  applyFontFallback([node], fonts);
  return setText(node, width, env).map((l) => l.inlines.map((i) => i.text).join(''));
}

describe('headlines break between words into even lines', () => {
  it('keeps every word whole', () => {
    const cases: [string, number, string[]][] = [
      ['360个重大项目跑出“加速度”——二七区上半年经济运行稳中有进', 462, ['加速度', '上半年', '经济运行']],
      ['关于印发郑州市二七区推进重大项目建设攻坚行动方案和二七区城市更新三年行动计划的通知', 442, ['郑州市', '行动方案', '三年', '计划']],
      ['关于高质量建设现代化美好二七扎实推进中国式现代化二七实践的实施意见', 442, ['高质量', '美好', '实施意见']],
    ];
    for (const [text, width, words] of cases) {
      const lines = headline(text, width);
      expect(lines.join(''), text).toBe(text);
      expect(lines.length).toBeGreaterThan(1);
      for (const word of words) expect(lines.some((l) => l.includes(word)), `${word} in ${lines.join(' / ')}`).toBe(true);
      // Even: no line less than 60 % of the longest (a stub of one or two characters never).
      const lengths = lines.map((l) => [...l].length);
      expect(Math.min(...lengths) / Math.max(...lengths)).toBeGreaterThan(0.6);
    }
  });

  it('breaks where the writer typed a space, and nowhere else, when that fits', () => {
    expect(headline('重大项目建设稳步推进 投资完成过六成', 300)).toEqual(['重大项目建设稳步推进', '投资完成过六成']);
  });

  it('leaves a headline that fits on one line alone, and respects lines the writer broke', () => {
    expect(headline('二七区多措并举', 462)).toEqual(['二七区多措并举']);
    expect(headline('关于印发\n郑州市二七区攻坚行动方案的通知', 462)).toEqual(['关于印发', '郑州市二七区攻坚行动方案的通知']);
  });
});
