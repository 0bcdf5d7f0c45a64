/** The parsed markup: a tree of known elements with their positions in the rendered markup. */
export interface MarkupPosition {
  line: number;
  column: number;
}

export interface MarkupElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: MarkupNode[];
  at: MarkupPosition;
}

export interface MarkupText {
  kind: 'text';
  text: string;
}

export type MarkupNode = MarkupElement | MarkupText;

export function isElement(node: MarkupNode, name?: string): node is MarkupElement {
  return node.kind === 'element' && (name === undefined || node.name === name);
}

/** All text below a node, concatenated. */
export function textOf(node: MarkupNode): string {
  return node.kind === 'text' ? node.text : node.children.map(textOf).join('');
}
