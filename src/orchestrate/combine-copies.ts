import { dirname } from 'node:path';
import type { Content, Inline } from '../document/doc-definition.js';
import { BriefingError } from '../errors/briefing-error.js';
import { prepareDocument, type BuildRequest, type BuildResult } from './build-briefing.js';
import type { Copy } from './numbered-copies.js';

/** Later copies get their own node ids and no bookmarks: the outline describes the document once. */
function renameIds(content: Content[], suffix: string): Content[] {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Content;
    if (typeof n.id === 'string') n.id += suffix;
    if (n.outline) delete n.outline;
    delete n.outlineParentId;
    for (const key of ['stack', 'columns', 'table', 'body']) if (key in n) visit(n[key]);
  };
  visit(content);
  return content;
}

/**
 * All copies in one PDF for duplex printing: each copy starts on an odd page (a blank page follows
 * a copy with an odd page count), carries its own 份号 and numbers its own pages.
 */
export async function buildCombinedCopies(base: BuildRequest, copies: Copy[], output: string): Promise<BuildResult> {
  const started = performance.now();
  const { loadFontSet } = await import('../typeset/font-set.js');
  const { typesetPdf } = await import('../typeset/typeset-pdf.js');
  const { writeAtomic } = await import('../output/write-atomic.js');
  const prepare = (copy: Copy) => {
    const prepared = prepareDocument({ ...base, output });
    for (const slot of prepared.definition.copyNumberSlots) (slot.text as Inline[])[0]!.text = copy.number;
    return prepared;
  };
  const first = prepare(copies[0]!);
  const fonts = loadFontSet(first.fonts);
  const roots = [first.projectRoot, dirname(first.loaded.file)];
  // One copy alone tells how many pages each copy takes (the 份号 never changes the layout).
  const single = await typesetPdf(prepare(copies[0]!).definition, fonts, { readableRoots: roots });
  const pages = single.pages;
  // Known before the copies are set: each odd-length copy but the last is followed by a blank page.
  const total = copies.length * pages + (pages % 2) * (copies.length - 1);
  if (base.maxPages && total > base.maxPages) {
    throw new BriefingError('E_COPIES_MAX_PAGES', { copies: copies.length, pages, total, max: base.maxPages }, { file: first.loaded.file });
  }
  const content: Content[] = [];
  copies.forEach((copy, i) => {
    const prepared = i === 0 ? first : prepare(copy);
    if (i > 0) content.push({ text: '', pageBreak: 'before' }, ...(pages % 2 ? [{ text: '', pageBreak: 'before' }] : []));
    content.push({ stack: i === 0 ? prepared.definition.content : renameIds(prepared.definition.content, `-copy${i + 1}`) });
  });
  const definition = { ...first.definition, content, copyNumberSlots: [] };
  const result = await typesetPdf(definition, fonts, { readableRoots: roots, copyPages: pages });
  writeAtomic(output, result.pdf, first.outputRule);
  return {
    input: first.loaded.file, output, template: first.template.pack.name, inputs: first.inputs, hash: '', skipped: false,
    pages: result.pages, bytes: result.pdf.length, ms: Math.round(performance.now() - started), warnings: [],
  };
}
