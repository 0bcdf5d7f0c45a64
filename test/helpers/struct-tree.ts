import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A structure element as a reader's software gets it: its role, alt text, and the text it holds (its own content). */
export interface StructNode {
  role: string;
  alt?: string;
  text: string;
  children: StructNode[];
  page: number;
}

interface PdfJsNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: PdfJsNode[];
}

/**
 * The structure tree of every page, read by pdf.js (`page.getStructTree()`, as Firefox's reader
 * does): each page's elements with the text of the marked content they hold. An element with
 * content on two pages appears on both.
 */
export async function readStructTree(pdf: Buffer): Promise<StructNode[][]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false }).promise;
  const pages: StructNode[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = (await page.getStructTree()) as PdfJsNode | null;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    const open: (string | undefined)[] = [];
    for (const it of content.items as { type?: string; id?: string; str?: string }[]) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') open.push(it.id);
      else if (it.type === 'endMarkedContent') open.pop();
      else if (typeof it.str === 'string') {
        const id = [...open].reverse().find((x) => x !== undefined);
        if (id) texts.set(id, (texts.get(id) ?? '') + it.str);
      }
    }
    const convert = (n: PdfJsNode): StructNode => {
      const kids = n.children ?? [];
      const text = kids.filter((k) => k.type === 'content').map((k) => texts.get(k.id!) ?? '').join('');
      return { role: n.role ?? '', ...(n.alt ? { alt: n.alt } : {}), text, children: kids.filter((k) => k.role !== undefined).map(convert), page: i };
    };
    pages.push(tree ? (tree.children ?? []).map(convert) : []);
  }
  await doc.destroy();
  return pages;
}

/** Every element of the trees, depth first, in reading order. */
export function allNodes(pages: StructNode[][]): StructNode[] {
  const out: StructNode[] = [];
  const visit = (n: StructNode) => {
    out.push(n);
    n.children.forEach(visit);
  };
  pages.forEach((roots) => roots.forEach(visit));
  return out;
}

/** Every page's text in marked content that belongs to the structure, in reading order. */
export function structText(pages: StructNode[][]): string {
  return allNodes(pages).map((n) => n.text).join('');
}
