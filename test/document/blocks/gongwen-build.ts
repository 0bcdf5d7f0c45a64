import { join } from 'node:path';
import { buildDocument } from '../../../src/document/build-document.js';
import type { Content, DocDefinition, Inline } from '../../../src/document/doc-definition.js';
import { loadStyle } from '../../../src/document/style.js';
import { MM } from '../../../src/document/units.js';
import { parseMarkup } from '../../../src/markup/parse-markup.js';
import { repoRoot } from '../../helpers/run-cli.js';

/** The 公文 template's own style sheet: A4, 37/26/35/28 mm margins, 28 × 22 grid. */
export const sheet = loadStyle(join(repoRoot, 'templates/gongwen/style.yaml'));
export const PITCH = (225 * MM) / 22;
export const CELL = (156 * MM) / 28;
export const WIDTH = 156 * MM;
export { MM };

/** Build `<document>body</document>` with the gongwen style; data files resolve from templates/gongwen. */
export function build(body: string): DocDefinition {
  const markup = parseMarkup(`<document>${body}</document>`, { file: 'test.hbs' });
  const dir = join(repoRoot, 'templates/gongwen');
  return buildDocument(markup, sheet, { baseDir: dir, projectRoot: repoRoot, origin: 'test.hbs', creationDate: new Date(0) }).definition;
}

/** Every object below a node, depth first. */
export function walk(node: unknown, out: Content[] = []): Content[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Content);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}

/** The printed text of a node: its runs joined. */
export function textOf(node: Content): string {
  return walk(node).filter((n) => typeof n.text === 'string' && typeof n.font === 'string').map((n) => (n as unknown as Inline).text).join('');
}

export const top = (node: Content) => (node.margin as number[])[1]!;
