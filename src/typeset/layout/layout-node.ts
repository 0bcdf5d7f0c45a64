import type { Content } from '../../document/doc-definition.js';
import { atomic, type Block, type LayoutEnv, type NodeLayout } from './block.js';
import { boxBlock } from './box-block.js';
import { columnsBlock, snakeBlock } from './columns-block.js';
import { stackBlock } from './flow.js';
import type { Item } from './frame.js';
import { setText, textWidths } from './set-text.js';
import { tableBlock } from './table-block.js';
import { textBlock } from './text-block.js';

export type Margins = [number, number, number, number];

/** pdfmake's margin forms: one number, [horizontal, vertical] or [left, top, right, bottom]. */
function marginsOf(node: Content): Margins {
  const m = node.margin as number | number[] | undefined;
  if (m === undefined) return [0, 0, 0, 0];
  if (typeof m === 'number') return [m, m, m, m];
  if (m.length === 2) return [m[0]!, m[1]!, m[0]!, m[1]!];
  return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m[3] ?? 0];
}

/** Properties that make a stack more than a grouping: such a stack is a block of its own. */
const OWN = ['unbreakable', 'keepTogether', 'box', 'pin', 'float', 'keepWithNext', 'keepWithPrevious', 'pageBreak', 'relativePosition', 'absolutePosition', 'table', 'columns', 'text'];

/**
 * The top-level flow: sections (plain stacks) are opened up, so keep rules, floats and page
 * breaks work across them; a section's margins go to its first and last block, its id to an anchor.
 */
export function flowBlocks(nodes: Content[], width: number, env: LayoutEnv): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node.stack) || OWN.some((k) => node[k] !== undefined)) {
      out.push(layoutNode(node, width, env));
      continue;
    }
    const [ml, mt, mr, mb] = marginsOf(node);
    const inner = flowBlocks(node.stack as Content[], width - ml - mr, env).map((b) => (ml ? { ...b, x: b.x + ml } : b));
    const lead = anchorOf(node);
    if (lead.length) inner.unshift({ ...atomic(0, () => lead), detached: { x: ml, y: 0, absolute: false } });
    const first = inner.findIndex((b) => !b.detached);
    // An empty section still holds its space (a 公文 head ends with one to return to the grid).
    if (first < 0) inner.push({ ...atomic(0, () => []), before: mt, after: mb, x: ml });
    if (first >= 0 && mt) inner[first] = { ...inner[first]!, before: inner[first]!.before + mt };
    const last = inner.length - 1 - [...inner].reverse().findIndex((b) => !b.detached);
    if (first >= 0 && mb) inner[last] = { ...inner[last]!, after: inner[last]!.after + mb };
    out.push(...inner);
  }
  return out;
}

/**
 * A document node laid out at `width` (its margins inside it) as a block for the flow. The node
 * kinds are pdfmake's — text, stack, columns, table, canvas, image, svg — with briefing's own
 * properties for what pdfmake cannot say: `box` (a framed block that continues with its title and
 * （续）), `pin` (the foot of the last page), `keepTogether: 'small'` (whole unless taller than a
 * third of a page) and `float` (text may pass it when it does not fit).
 */
function layoutNode(node: Content, width: number, env: LayoutEnv): Block {
  const [ml, mt, mr, mb] = marginsOf(node);
  const inner = width - ml - mr;
  const base = { before: mt, after: mb, x: ml };
  let block = contentBlock(node, inner, env, base);
  const small = node.keepTogether === 'small' && block.height <= env.pageHeight / 3;
  const extra: Partial<Block> = {};
  if (small) Object.assign(extra, { split: undefined, minHead: block.height, float: true });
  if (node.float) extra.float = true;
  if (node.keepWithNext) extra.keepWithNext = true;
  if (node.keepWithPrevious) extra.keepWithPrevious = true;
  if (node.pageBreak === 'before') extra.breakBefore = true;
  if (node.pageBreak === 'after') extra.breakAfter = true;
  if (node.pin) extra.pin = node.pin === 'foot-even' ? 'foot-even' : 'foot';
  const rel = node.relativePosition as { x?: number; y?: number } | undefined;
  const abs = node.absolutePosition as { x?: number; y?: number } | undefined;
  if (rel || abs) extra.detached = { x: (rel ?? abs)!.x ?? 0, y: (rel ?? abs)!.y ?? 0, absolute: !!abs };
  if (Object.keys(extra).length) block = { ...block, ...extra };
  return block;
}

const nodeLayouts = new WeakMap<LayoutEnv, NodeLayout>();

/** The env handed to blocks that hold other nodes: it lays them out through layoutNode. */
function nodeLayout(env: LayoutEnv): NodeLayout {
  let out = nodeLayouts.get(env);
  if (!out) nodeLayouts.set(env, (out = { ...env, layout: (node, width) => layoutNode(node, width, env), widths: (node) => nodeWidths(node, env) }));
  return out;
}

function contentBlock(node: Content, width: number, env: LayoutEnv, base: { before: number; after: number; x: number }): Block {
  const lead = anchorOf(node);
  if (node.box) return boxBlock(node, width, nodeLayout(env), base);
  if (node.table) return tableBlock(node, width, nodeLayout(env), base);
  if (Array.isArray(node.columns)) {
    return node.snakingColumns ? snakeBlock(node, width, nodeLayout(env), base) : columnsBlock(node, width, nodeLayout(env), base);
  }
  if (node.stack !== undefined) {
    const children = (node.stack as Content[]).map((child) => layoutNode(child, width, env));
    const block = stackBlock(children, { ...base, unbreakable: !!node.unbreakable, keepWithNext: !!node.keepWithNext });
    return lead.length ? withLead(block, lead) : block;
  }
  if (node.text !== undefined) {
    const lines = setText(node, width, env);
    return textBlock(lines, width, { ...base, keepWithNext: !!node.keepWithNext, lead });
  }
  if (Array.isArray(node.canvas)) return canvasBlock(node.canvas as Content[], base);
  if (typeof node.image === 'string') return imageBlock(node, width, env, base);
  if (typeof node.svg === 'string') {
    const w = node.width as number;
    const h = node.height as number;
    return { ...atomic(h, () => [{ kind: 'svg', x: 0, y: 0, w, h, svg: node.svg as string, source: node }]), ...base };
  }
  return { ...atomic(0, () => lead), ...base };
}

/** A named destination (and a bookmark) where a node with an `id` starts. */
function anchorOf(node: Content): Item[] {
  if (typeof node.id !== 'string') return [];
  const outline = node.outline ? { title: String(node.outlineText ?? ''), ...(node.outlineParentId ? { parent: String(node.outlineParentId) } : {}) } : undefined;
  return [{ kind: 'anchor', x: 0, y: 0, id: node.id, ...(outline ? { outline } : {}) }];
}

function withLead(block: Block, lead: Item[]): Block {
  const split = block.split;
  return {
    ...block,
    whole: () => [...lead, ...block.whole()],
    split: split && ((room, force) => {
      const part = split(room, force);
      return part && { head: { ...part.head, items: [...lead, ...part.head.items] }, rest: part.rest };
    }),
  };
}

function canvasBlock(ops: Content[], base: { before: number; after: number; x: number }): Block {
  let height = 0;
  const items: Item[] = [];
  for (const op of ops) {
    if (op.type === 'rect') {
      const [x, y, w, h] = [op.x, op.y, op.w, op.h] as number[];
      items.push({ kind: 'rect', x: x!, y: y!, w: w!, h: h!, color: op.color as string | undefined, lineColor: op.lineColor as string | undefined, lineWidth: op.lineWidth as number | undefined });
      height = Math.max(height, y! + h!);
    } else if (op.type === 'line') {
      const [x1, y1, x2, y2] = [op.x1, op.y1, op.x2, op.y2] as number[];
      const w = (op.lineWidth as number | undefined) ?? 1;
      items.push({ kind: 'line', x1: x1!, y1: y1!, x2: x2!, y2: y2!, width: w, color: (op.lineColor as string | undefined) ?? '#000000', dash: op.dash as { length: number } | undefined });
      height = Math.max(height, Math.max(y1!, y2!) + w / 2);
    }
  }
  return { ...atomic(height, () => items), ...base };
}

function imageBlock(node: Content, width: number, env: LayoutEnv, base: { before: number; after: number; x: number }): Block {
  const natural = env.imageSize(node.image as string);
  const ratio = natural.height / Math.max(1, natural.width);
  let w: number;
  let h: number;
  const fit = node.fit as [number, number] | undefined;
  if (fit) {
    // Scaled, up or down, to the largest size inside the box (pdfmake's `fit`).
    const s = Math.min(fit[0] / Math.max(1, natural.width), fit[1] / Math.max(1, natural.height));
    w = natural.width * s;
    h = natural.height * s;
  } else {
    w = (node.width as number | undefined) ?? natural.width;
    h = (node.height as number | undefined) ?? w * ratio;
  }
  // Never taller than a page: a picture that is, is scaled down to one.
  if (h > env.pageHeight) {
    w *= env.pageHeight / h;
    h = env.pageHeight;
  }
  const align = node.alignment as string | undefined;
  const x = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
  const blend = node.blend === 'multiply' ? ('multiply' as const) : undefined;
  return { ...atomic(h, () => [{ kind: 'image', x, y: 0, w, h, image: node.image as string, ...(blend ? { blend } : {}), source: node }]), ...base };
}

/** Narrowest and widest a node can be laid out, its horizontal margins included (for `auto` columns and table cells). */
function nodeWidths(node: Content, env: LayoutEnv): { min: number; max: number } {
  const [ml, , mr] = marginsOf(node);
  const add = (w: { min: number; max: number }) => ({ min: w.min + ml + mr, max: w.max + ml + mr });
  if (node.relativePosition || node.absolutePosition) return { min: 0, max: 0 };
  if (node.box || node.table) return add({ min: 40, max: 10000 });
  if (Array.isArray(node.columns)) {
    const cols = node.columns as Content[];
    const gap = ((node.columnGap as number | undefined) ?? 0) * Math.max(0, cols.length - 1);
    let min = gap;
    let max = gap;
    for (const c of cols) {
      if (typeof c.width === 'number') {
        min += c.width;
        max += c.width;
      } else {
        const w = nodeWidths(c, env);
        min += w.min;
        max += w.max;
      }
    }
    return add({ min, max });
  }
  if (node.stack !== undefined) {
    let min = 0;
    let max = 0;
    for (const c of node.stack as Content[]) {
      const w = nodeWidths(c, env);
      min = Math.max(min, w.min);
      max = Math.max(max, w.max);
    }
    return add({ min, max });
  }
  if (node.text !== undefined) return add(textWidths(node, env));
  if (typeof node.image === 'string') {
    const fit = node.fit as [number, number] | undefined;
    const w = (node.width as number | undefined) ?? fit?.[0] ?? env.imageSize(node.image).width;
    return add({ min: w, max: w });
  }
  if (typeof node.svg === 'string') return add({ min: node.width as number, max: node.width as number });
  if (Array.isArray(node.canvas)) {
    let w = 0;
    for (const op of node.canvas as Content[]) w = Math.max(w, op.type === 'rect' ? (op.x as number) + (op.w as number) : Math.max(op.x1 as number, op.x2 as number));
    return add({ min: w, max: w });
  }
  return add({ min: 0, max: 0 });
}
