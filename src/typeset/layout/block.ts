import type { Content } from '../../document/doc-definition.js';
import type { Frame, Item } from './frame.js';
import type { TextEnv } from './set-text.js';

/** What laying out needs: text setting, the page's text block height, the images' sizes. */
export interface LayoutEnv extends TextEnv {
  /** Height of the text block: the most one page can hold. */
  pageHeight: number;
  imageSize(key: string): { width: number; height: number };
}

/**
 * A LayoutEnv that can also lay out a node and say how wide it may be: what a block that holds
 * other nodes (a box, columns, a table) is handed, so it need not know every kind of node.
 */
export interface NodeLayout extends LayoutEnv {
  layout(node: Content, width: number): Block;
  widths(node: Content): { min: number; max: number };
}

/** A first part that fits, and the block that continues on the next page or column. */
export interface Split {
  head: Frame;
  rest: Block;
}

/**
 * A document node laid out at a width, ready to be placed in a flow: its height, the space it wants
 * above and below, and — if it may break — how to cut it. The flow (flow.ts) decides where it goes.
 */
export interface Block {
  /** Height of the whole block, margins excluded. */
  height: number;
  /** Space above and below (the node's vertical margins). Space above is dropped at the top of a continued page. */
  before: number;
  after: number;
  /** Items of the whole block, from its top left. */
  whole(): Item[];
  /**
   * A first part no taller than `room` and the rest, or undefined when no allowed cut fits.
   * `force`: the block stands at the top of an empty page or column, so some part must be cut
   * even if that bends a rule (a lone line, a row split inside its cells).
   */
  split?: (room: number, force: boolean) => Split | undefined;
  /** The smallest first part it may be cut to (its whole height when it never breaks). */
  minHead: number;
  /** Never the last thing on a page: a heading goes with the first part of what follows it. */
  keepWithNext?: boolean;
  /** Never the first thing on a page: a 署名 or a table's note takes the end of what precedes it along. */
  keepWithPrevious?: boolean;
  breakBefore?: boolean;
  breakAfter?: boolean;
  /** Whole and movable: when it does not fit, text after it may fill the page and it goes to the next. */
  float?: boolean;
  /** Set at the foot of the last page (報尾, 版记); `even`: of an even page. */
  pin?: 'foot' | 'foot-even';
  /** Drawn where the flow stands (or at page coordinates) without taking space. */
  detached?: { x: number; y: number; absolute: boolean };
  /** A newspaper-column block: the page flow fills its columns itself. */
  snake?: { count: number; gap: number; width: number; blocks: Block[] };
  /** Left margin: where the block stands from the flow's left edge. */
  x: number;
}

/** A block that never breaks, from its items. */
export function atomic(height: number, items: () => Item[], extra: Partial<Block> = {}): Block {
  return { height, before: 0, after: 0, x: 0, minHead: height, whole: items, ...extra };
}
