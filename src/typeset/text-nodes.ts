import type { Content } from '../document/doc-definition.js';

/**
 * Calls `each` for every node of a document definition that holds text runs, wherever it stands:
 * under the properties named in `holders` (stacks, columns, table bodies, captions, box titles…),
 * at any depth. Font fallback and the content audit walk the same tree this way; each names the
 * properties it reads (the audit leaves out the （续） repeats, which print only when a block breaks).
 */
export function eachTextNode(content: unknown, holders: readonly string[], each: (node: Content) => void): void {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as Content;
    if (Array.isArray(n.text)) each(n);
    for (const key of holders) if (key in n) visit(n[key]);
  };
  visit(content);
}
