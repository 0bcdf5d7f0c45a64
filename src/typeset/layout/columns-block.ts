import type { Content } from '../../document/doc-definition.js';
import { atomic, type Block, type NodeLayout } from './block.js';
import { columnWidths } from './column-widths.js';
import { snakeFill } from './flow.js';
import { group, type Item } from './frame.js';

/**
 * Columns side by side (a KPI row, a label and its text, a 署名 beside its margin): widths as
 * pdfmake sizes them, each column laid out at its width; the row is as tall as its tallest column
 * and never breaks.
 */
export function columnsBlock(node: Content, width: number, env: NodeLayout, base: { before: number; after: number; x: number }): Block {
  const cols = node.columns as Content[];
  const gap = (node.columnGap as number | undefined) ?? 0;
  const specs = cols.map((c) => ({ width: c.width as number | string | undefined, ...env.widths(c) }));
  const { widths } = columnWidths(specs, width - gap * Math.max(0, cols.length - 1));
  const blocks = cols.map((c, i) => env.layout(c, widths[i]!));
  const height = Math.max(0, ...blocks.map((b) => b.before + b.height + b.after));
  const items: Item[] = [];
  let x = 0;
  blocks.forEach((b, i) => {
    // A column may sit at the foot of the row (a 目录's page number, level with the entry's last line).
    const drop = cols[i]!.valign === 'bottom' ? height - (b.before + b.height + b.after) : 0;
    items.push(group(x + b.x, drop + b.before, b.whole()));
    x += widths[i]! + gap;
  });
  return { ...atomic(height, () => items), ...base };
}

/**
 * Newspaper columns: the content of the first column runs down it, then down the next, then onto
 * the next page; on the page where it ends the columns are balanced. The page flow fills them
 * (snakeFill); anywhere else the block stands as balanced columns.
 */
export function snakeBlock(node: Content, width: number, env: NodeLayout, base: { before: number; after: number; x: number }): Block {
  const cols = node.columns as Content[];
  const count = cols.length;
  const gap = (node.columnGap as number | undefined) ?? 0;
  const colWidth = (width - gap * (count - 1)) / count;
  const first = cols[0]!;
  const content = (first.stack as Content[] | undefined) ?? [first];
  const blocks = content.map((c) => env.layout(c, colWidth));
  const whole = snakeFill(blocks, count, colWidth, gap, Number.POSITIVE_INFINITY);
  return { ...atomic(whole.height, () => whole.items), ...base, snake: { count, gap, width: colWidth, blocks } };
}
