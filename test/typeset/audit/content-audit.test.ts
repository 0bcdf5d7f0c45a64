import { describe, expect, it } from 'vitest';
import type { Content, Inline } from '../../../src/document/doc-definition.js';
import { auditContent } from '../../../src/typeset/audit/content-audit.js';
import { applyFontFallback } from '../../../src/typeset/font-fallback.js';
import { loadFontSet } from '../../../src/typeset/font-set.js';
import type { Item } from '../../../src/typeset/layout/frame.js';
import type { PageLayout } from '../../../src/typeset/layout/paginate.js';
import { setText } from '../../../src/typeset/layout/set-text.js';
import { LineMemo } from '../../../src/typeset/linebreak/line-memo.js';

const fonts = loadFontSet();
const env = {
  faceOf: (run: Inline) => fonts.roles.get(run.font)!.normal,
  rules: { hanLatinEm: 0.25, compress: true },
  memo: new LineMemo(10),
};
const page = { width: 595, height: 842, origin: [70, 70] as [number, number] };

function paragraph(text: string): Content {
  const node: Content = { text: [{ text, font: 'serif', fontSize: 14, leading: 1.6 }], alignment: 'justify' };
  applyFontFallback([node], fonts);
  return node;
}

/** A page holding the given lines of `node`, one under the other at x. */
function pageOf(items: Item[]): PageLayout {
  return { items, used: 0, end: 'last' };
}

describe('the content audit', () => {
  const text = '今年前7个月，二七区重大项目建设保持较快节奏，全区360个重大项目累计投资186.6亿元，投资完成率为62.2%；其中省市重点项目45个，投资完成率达65.4%。';
  const node = paragraph(text);
  const table: Content = { table: { body: [[paragraph('指标'), paragraph('数量')], [paragraph('重大项目'), paragraph('360')]] } };
  const lines = setText(node, 300, env);
  const cells = (table.table as { body: Content[][] }).body.flat().map((c) => setText(c, 100, env)[0]!);
  const all: Item[] = [...lines.map((line, i) => ({ kind: 'text' as const, x: 0, y: i * 22, line })), ...cells.map((line, i) => ({ kind: 'text' as const, x: 0, y: 200 + i * 20, line }))];

  it('passes a document whose every text is on a page, wherever its lines stand', () => {
    expect(lines.length).toBeGreaterThan(2);
    expect(auditContent([node, table], [pageOf(all.slice(0, 2)), pageOf([{ kind: 'group', x: 10, y: 10, items: all.slice(2) }])], page)).toEqual([]);
  });

  it('reports a text one of whose lines was placed nowhere, with its whole text', () => {
    const lost = auditContent([node, table], [pageOf(all.filter((_, i) => i !== 1))], page);
    expect(lost).toEqual([{ text, reason: 'missing' }]);
  });

  it('reports a table cell that is not on any page', () => {
    const lost = auditContent([node, table], [pageOf(all.slice(0, -1))], page);
    expect(lost).toEqual([{ text: '360', reason: 'missing' }]);
  });

  it('counts a line off the page as lost, clipped', () => {
    const off: Item[] = all.map((it, i) => (i === 0 ? { ...it, x: 500 } as Item : it));
    expect(auditContent([node, table], [pageOf(off)], page)).toEqual([{ text, reason: 'clipped' }]);
  });

  it('counts a line drawn twice (a repeated table header) once', () => {
    const twice = [...all, all[lines.length]!];
    expect(auditContent([node, table], [pageOf(all.slice(0, -1)), pageOf(twice.slice(-1))], page)).toEqual([{ text: '360', reason: 'missing' }]);
  });
});
