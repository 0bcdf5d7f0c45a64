/**
 * The briefing markup vocabulary: every element, the attributes it takes and what it may hold.
 * docs/markup.md documents the same list for people; test/markup checks the two agree.
 */
export type AttrType = 'text' | 'number' | 'boolean' | 'length' | 'extent' | 'list' | `enum:${string}`;
export type Content = 'blocks' | 'inline' | 'empty' | 'rows' | 'cells' | 'items' | 'recipients' | 'figures';

export interface ElementSpec {
  content: Content;
  attrs: Record<string, AttrType>;
  /** The only parents this element may have, where it matters. */
  parents?: string[];
}

const align = 'enum:left,center,right,justify' as const;

export const vocabulary: Record<string, ElementSpec> = {
  document: { content: 'blocks', attrs: { title: 'text', subject: 'text', author: 'text', keywords: 'text', lang: 'text' } },
  masthead: {
    content: 'empty',
    attrs: { name: 'text', issue: 'text', 'total-issue': 'text', unit: 'text', date: 'text', classification: 'text', 'copy-number': 'boolean' },
  },
  'copy-number': { content: 'empty', attrs: { align } },
  kicker: { content: 'inline', attrs: { align } },
  title: { content: 'inline', attrs: { align } },
  subtitle: { content: 'inline', attrs: { align } },
  lead: { content: 'inline', attrs: { align } },
  byline: { content: 'inline', attrs: { align } },
  section: { content: 'blocks', attrs: { id: 'text' } },
  h1: { content: 'inline', attrs: { align, outline: 'boolean', toc: 'boolean' } },
  h2: { content: 'inline', attrs: { align, outline: 'boolean', toc: 'boolean' } },
  h3: { content: 'inline', attrs: { align, outline: 'boolean', toc: 'boolean' } },
  h4: { content: 'inline', attrs: { align, outline: 'boolean', toc: 'boolean' } },
  p: { content: 'inline', attrs: { align, indent: 'number' } },
  strong: { content: 'inline', attrs: {} },
  em: { content: 'inline', attrs: {} },
  span: { content: 'inline', attrs: { font: 'text', size: 'text', color: 'text', bold: 'boolean' } },
  br: { content: 'empty', attrs: {} },
  box: { content: 'blocks', attrs: { title: 'text' } },
  ol: { content: 'items', attrs: { numbering: 'enum:decimal,cjk,cjk-paren,decimal-paren,circled' } },
  ul: { content: 'items', attrs: {} },
  li: { content: 'inline', attrs: { label: 'text' }, parents: ['ol', 'ul', 'attachments'] },
  table: { content: 'rows', attrs: { widths: 'list', align: 'list', 'header-rows': 'number', caption: 'text' } },
  tr: { content: 'cells', attrs: {}, parents: ['table'] },
  th: { content: 'inline', attrs: { align, colspan: 'number', rowspan: 'number' }, parents: ['tr'] },
  td: { content: 'inline', attrs: { align, colspan: 'number', rowspan: 'number' }, parents: ['tr'] },
  kpis: { content: 'figures', attrs: { columns: 'number' } },
  kpi: {
    content: 'empty',
    attrs: { value: 'text', unit: 'text', label: 'text', rate: 'number', note: 'text', change: 'number', 'change-unit': 'text', 'change-label': 'text' },
    parents: ['kpis'],
  },
  chart: {
    content: 'empty',
    attrs: {
      type: 'enum:bar,line,pie,ring', title: 'text', labels: 'list', series: 'text', unit: 'text', note: 'text',
      width: 'extent', height: 'length', legend: 'boolean', 'value-labels': 'boolean', decimals: 'number',
    },
  },
  'page-break': { content: 'empty', attrs: {} },
  img: { content: 'empty', attrs: { src: 'text', alt: 'text', width: 'extent', height: 'length', align } },
  figcaption: { content: 'inline', attrs: {} },
  distribution: { content: 'recipients', attrs: {} },
  to: { content: 'inline', attrs: { kind: 'text' }, parents: ['distribution', 'record'] },
  copies: { content: 'inline', attrs: {}, parents: ['distribution'] },
  columns: { content: 'blocks', attrs: { count: 'number', gap: 'length' } },
  rule: { content: 'empty', attrs: { color: 'text', thickness: 'length' } },
  spacer: { content: 'empty', attrs: { height: 'length' } },
  toc: { content: 'empty', attrs: { title: 'text', levels: 'number' } },
  // GB/T 9704 公文: 版头, 附件说明, 署名 and 印章, 附件 pages, 版记.
  'gongwen-head': {
    content: 'empty',
    attrs: { mark: 'text', number: 'text', signers: 'list', 'signer-label': 'text', secrecy: 'text', urgency: 'text', 'copy-number': 'boolean', copy: 'text' },
  },
  attachments: { content: 'items', attrs: { label: 'text' } },
  signature: { content: 'inline', attrs: { date: 'text', seal: 'text', 'seal-size': 'length' } },
  annex: { content: 'blocks', attrs: { label: 'text' } },
  record: { content: 'recipients', attrs: { issuer: 'text', issued: 'text', page: 'enum:even,any' } },
};

export const INLINE_ELEMENTS: ReadonlySet<string> = new Set(['strong', 'em', 'span', 'br']);

/** Closest known element name, for "did you mean" hints. */
export function suggestElement(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const known of Object.keys(vocabulary)) {
    const d = editDistance(name, known);
    if (d <= 2 && (!best || d < best.d)) best = { name: known, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
