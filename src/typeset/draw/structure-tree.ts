import type { Content, StructRole } from '../../document/doc-definition.js';
import type { SetLine } from '../layout/frame.js';

/**
 * Tagged PDF: the structure tree a screen reader follows, written while the pages are drawn.
 *
 * The document stage says what each node is (`role`, see doc-definition.ts); this module knows
 * each node's place in the document (its parent: a cell's row, a row's table) and, as the drawing
 * step reaches every line, image and rule, wraps it in marked content that belongs either to a
 * structure element or to an artifact. Elements are made when their first content is drawn and
 * added to their parent then, so the tree's order is the order of the printed pages — a float
 * after the text that passed it, a two-column insert column by column. A paragraph that runs onto
 * the next page stays one element with content on both. What is drawn again for the eye — a table
 * header repeated on a continuation page — is an artifact the second time.
 */

/** What pdfkit's structure element offers (pdfkit ships no types). */
interface StructElement {
  dictionary: { data: Record<string, unknown> };
  add(child: unknown): StructElement;
}

/** The part of pdfkit's tagging API used here: `struct`, `addStructure`, marked content. */
export interface TaggingDocument {
  page: unknown;
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): unknown;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  markContent(tag: string, options?: Record<string, unknown> | null): unknown;
  endMarkedContent(): unknown;
}

/** ISO 32000-1 §14.8.2.2: pagination (page numbers, watermarks), layout (rules, fills), page (cut marks), background. */
export type ArtifactType = 'Pagination' | 'Layout' | 'Page' | 'Background';

/** A table's body row: not a node of the document, made here so its cells have a parent. */
interface Row {
  role: 'TR';
  cells: Content[];
  header: boolean;
}
type Node = Content | Row;

/** Roles whose element holds the content drawn for it (and for nodes under it without a role). */
const HOLDS_CONTENT: ReadonlySet<string> = new Set<string>(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'Caption', 'Figure', 'Lbl', 'LBody', 'TH', 'TD', 'TOCI']);

/** What a piece of drawing belongs to: an element, or an artifact of a kind. */
type Target = { element: StructElement } | { artifact: ArtifactType };

export class StructureWriter {
  private readonly parents: Map<Node, Node>;
  private readonly document: StructElement;
  private root: StructElement;
  private elements = new Map<Node, StructElement>();
  /** Paragraphs for text nodes without a role, by node. */
  private implicit = new Map<Node, StructElement>();
  private drawn = new Set<SetLine>();
  private open?: { target: Target; page: unknown };

  constructor(private readonly doc: TaggingDocument, content: Content[]) {
    this.parents = parentsOf(content);
    this.document = doc.struct('Document');
    doc.addStructure(this.document);
    this.root = this.document;
  }

  /**
   * A new copy of the document in the same file (--copies N --combine): its own part of the tree,
   * titled with its 份号, in which everything is read again.
   */
  beginCopy(title?: string): void {
    this.close();
    this.root = this.doc.struct('Part', title ? { title } : {});
    this.document.add(this.root);
    this.elements = new Map();
    this.implicit = new Map();
    this.drawn = new Set();
  }

  /** Before drawing a line of text. */
  text(line: SetLine): void {
    if (this.drawn.has(line)) return this.switchTo({ artifact: 'Pagination' });
    this.drawn.add(line);
    this.switchTo(this.targetOf(line.source));
  }

  /** Before drawing an image or a chart's graphics; `bbox` [x1, y1, x2, y2] in pdfkit's page coordinates. */
  node(source: Content | undefined, bbox?: [number, number, number, number]): void {
    this.switchTo(source ? this.targetOf(source, bbox) : { artifact: 'Layout' });
  }

  /** Before drawing something no reader needs: a rule, a fill, a page number, a crop mark. */
  artifact(type: ArtifactType): void {
    this.switchTo({ artifact: type });
  }

  /** Ends the open marked content: before the page ends, and before drawing outside the structure. */
  close(): void {
    if (!this.open) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  private switchTo(target: Target): void {
    const open = this.open;
    if (open && open.page === this.doc.page && sameTarget(open.target, target)) return;
    this.close();
    if ('artifact' in target) {
      this.doc.markContent('Artifact', { type: target.artifact });
    } else {
      const content = this.doc.markStructureContent(String(target.element.dictionary.data.S).replace(/^\//, ''));
      target.element.add(content);
    }
    this.open = { target, page: this.doc.page };
  }

  private targetOf(source: Content, bbox?: [number, number, number, number]): Target {
    const chain: Node[] = [];
    for (let n: Node | undefined = source; n; n = this.parents.get(n)) chain.push(n);
    if (chain.some((n) => n.role === 'Artifact')) return { artifact: 'Pagination' };
    // Everything inside a figure is the figure: its alt text speaks for it.
    const figure = [...chain].reverse().find((n) => n.role === 'Figure');
    if (figure) return { element: this.elementOf(figure, bbox) };
    const holder = chain.find((n) => typeof n.role === 'string');
    if (holder && HOLDS_CONTENT.has(holder.role as string)) return { element: this.elementOf(holder) };
    // Text with no role of its own is a paragraph of whatever group holds it.
    let p = this.implicit.get(source);
    if (!p) {
      p = this.doc.struct('P');
      (holder ? this.elementOf(holder) : this.root).add(p);
      this.implicit.set(source, p);
    }
    return { element: p };
  }

  /** The element for a node with a role, made (with its ancestors) when first needed. */
  private elementOf(node: Node, bbox?: [number, number, number, number]): StructElement {
    const known = this.elements.get(node);
    if (known) return known;
    let up = this.parents.get(node);
    while (up && typeof up.role !== 'string') up = this.parents.get(up);
    const parent = up ? this.elementOf(up) : this.root;
    // Making a row makes its cells: this node may be one of them.
    const made = this.elements.get(node);
    if (made) return made;
    const role = node.role as StructRole | 'TR';
    const options: Record<string, unknown> = {};
    const alt = (node as Content).alt;
    if (role === 'Figure' && typeof alt === 'string') options.alt = alt;
    if (role === 'Figure' && bbox) options.bbox = bbox;
    const element = this.doc.struct(role, options);
    parent.add(element);
    this.elements.set(node, element);
    if (isRow(node)) this.addCells(node, element);
    return element;
  }

  /** A row's cells, all of them and in order, as soon as the row is: an empty cell is still a cell. */
  private addCells(row: Row, tr: StructElement): void {
    for (const cell of row.cells) {
      const element = this.doc.struct(cell.role as string);
      const attributes: Record<string, unknown> = {};
      if (cell.role === 'TH') attributes.Scope = row.header ? 'Column' : 'Row';
      if (Number(cell.colSpan ?? 1) > 1) attributes.ColSpan = Number(cell.colSpan);
      if (Number(cell.rowSpan ?? 1) > 1) attributes.RowSpan = Number(cell.rowSpan);
      if (Object.keys(attributes).length) element.dictionary.data.A = { O: 'Table', ...attributes };
      tr.add(element);
      this.elements.set(cell, element);
    }
  }
}

function isRow(node: Node): node is Row {
  return node.role === 'TR';
}

function sameTarget(a: Target, b: Target): boolean {
  return 'artifact' in a ? 'artifact' in b && a.artifact === b.artifact : 'element' in b && a.element === b.element;
}

/**
 * Each node's parent in the document, as the content audit walks it: stacks, columns, table
 * cells (under a row made here when the table is a Table), captions, box titles.
 */
function parentsOf(content: Content[]): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const visit = (node: unknown, parent: Node | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, parent);
      return;
    }
    const n = node as Content;
    if (parent) parents.set(n, parent);
    if (Array.isArray(n.stack)) visit(n.stack, n);
    if (Array.isArray(n.columns)) visit(n.columns, n);
    const table = n.table as { body?: Content[][]; headerRows?: number } | undefined;
    if (table?.body) {
      table.body.forEach((cells, r) => {
        if (n.role !== 'Table') return visit(cells, n);
        const row: Row = { role: 'TR', cells: cells.filter((c) => c && !c.spanned && typeof c.role === 'string'), header: r < (table.headerRows ?? 0) };
        parents.set(row, n);
        visit(cells, row);
      });
    }
    for (const key of ['caption', 'captionContinued', 'continuedLabel']) visit(n[key], n);
    const box = n.box as { title?: Content; titleContinued?: Content } | undefined;
    if (box) {
      visit(box.title, n);
      visit(box.titleContinued, n);
    }
  };
  visit(content, undefined);
  return parents;
}
