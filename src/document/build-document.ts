import { join } from 'node:path';
import { createHost, type Host } from '../host/host.js';
import { isElement, textOf, type MarkupElement } from '../markup/markup-tree.js';
import type { BuildContext } from './build-context.js';
import type { Content, DocDefinition } from './doc-definition.js';
import { pageContentWidth, pageDimensions } from './page-size.js';
import { parseLength } from './units.js';
import { styleFor, type StyleSheet } from './style.js';
import { paragraph, heading } from './blocks/text-blocks.js';
import { masthead, copyNumber } from './blocks/masthead.js';
import { box } from './blocks/box.js';
import { list } from './blocks/list.js';
import { table } from './blocks/table.js';
import { kpis } from './blocks/kpi.js';
import { chart } from './blocks/chart.js';
import { distribution } from './blocks/distribution.js';
import { image } from './blocks/image.js';
import { rule, spacer } from './blocks/rule.js';
import { gongwenHead } from './blocks/gongwen-head.js';
import { attachments } from './blocks/attachments.js';
import { signature } from './blocks/signature.js';
import { annex } from './blocks/annex.js';
import { record } from './blocks/record.js';
import { finishTocs, newTocRegistry, toc } from './blocks/toc.js';


export interface BuildOptions {
  baseDir: string;
  projectRoot: string;
  origin: string;
  creationDate: Date;
  /** How images are read; by default a host around the project folder. */
  host?: Host;
  /** The data file paths are relative to; by default a file in `baseDir`. */
  dataFile?: string;
}

/** Markup tree → pdfmake document definition. Pure: reads no fonts and lays out nothing. */
export function buildDocument(doc: MarkupElement, sheet: StyleSheet, options: BuildOptions): { definition: DocDefinition; files: string[] } {
  const { margins } = sheet.page;
  const ctx: BuildContext = {
    sheet,
    width: pageContentWidth(sheet.page.size, margins.left, margins.right, sheet.file),
    baseDir: options.baseDir,
    projectRoot: options.projectRoot,
    host: options.host ?? createHost({ projectRoot: options.projectRoot }),
    dataFile: options.dataFile ?? join(options.baseDir, 'data'),
    origin: options.origin,
    outline: { lastByLevel: [], count: 0, counters: [] },
    copyNumberSlots: [],
    toc: newTocRegistry(),
    images: {},
    imageSources: {},
    imagesWithoutAlt: [],
    headings: { base: hasTitle(doc) ? 1 : 0, last: 0 },
    files: [],
    blocks(nodes, width) {
      const saved = this.width;
      if (width !== undefined) this.width = width;
      const elements = nodes.filter((n): n is MarkupElement => isElement(n));
      const out = elements.flatMap((el, k) => {
        const built = buildBlock(el, this);
        if (el.name === 'figcaption' && built.length === 1) Object.assign(built[0]!, captionKeep(elements[k - 1], elements[k + 1]));
        return built;
      });
      this.width = saved;
      return out;
    },
  };
  const a = doc.attrs;
  const info: Record<string, string | Date> = { creator: 'briefing', producer: 'briefing', creationDate: options.creationDate, modDate: options.creationDate };
  if (a.title) info.title = a.title;
  if (a.subject) info.subject = a.subject;
  if (a.author) info.author = a.author;
  if (a.keywords) info.keywords = a.keywords;
  const pn = sheet.page.pageNumber;
  const [pageWidth, pageHeight] = pageDimensions(sheet.page.size, sheet.file);
  const definition: DocDefinition = {
    pageSize: { width: pageWidth, height: pageHeight },
    pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
    content: ctx.blocks(doc.children),
    info,
    pageNumber: pn && { format: pn.format, align: pn.align, offset: pn.offset, skipFirst: pn.skipFirst, inline: { font: pn.text.font, fontSize: pn.text.size, bold: pn.text.bold, color: pn.text.color, leading: 1 } },
    copyNumberSlots: ctx.copyNumberSlots,
    images: ctx.images,
    imageSources: ctx.imageSources,
    ...(ctx.imagesWithoutAlt.length ? { imagesWithoutAlt: ctx.imagesWithoutAlt } : {}),
    ...(sheet.page.band ? { band: { color: sheet.page.band.color, height: sheet.page.band.height ?? pageHeight, pages: sheet.page.band.pages } } : {}),
    defaultStyle: { font: sheet.text.font, fontSize: sheet.text.size },
    typography: { hanLatinEm: sheet.typography.hanLatinSpace, compress: !sheet.page.grid },
    ...(sheet.page.grid ? { grid: true } : {}),
    ...(a.lang ? { language: a.lang } : {}),
    ...(Object.keys(sheet.print.colors).length ? { printColors: sheet.print.colors } : {}),
  };
  finishTocs(ctx);
  return { definition, files: ctx.files };
}

/** Whether the document has a <title>: then it is the top heading (H1) of a tagged PDF. */
function hasTitle(el: MarkupElement): boolean {
  return el.children.some((c) => isElement(c) && (c.name === 'title' || hasTitle(c)));
}

/** What a caption or note is read with: a note under a table or chart keeps its last rows; a caption above one keeps its first. */
const FIGURES: ReadonlySet<string> = new Set(['table', 'chart', 'kpis', 'img', 'box', 'distribution']);
function captionKeep(before: MarkupElement | undefined, after: MarkupElement | undefined): Content {
  if (before && FIGURES.has(before.name)) return { keepWithPrevious: true };
  if (after && FIGURES.has(after.name)) return { keepWithNext: true };
  return {};
}

function buildBlock(el: MarkupElement, ctx: BuildContext): Content[] {
  switch (el.name) {
    case 'masthead': return masthead(el, ctx);
    case 'copy-number': return [copyNumber(el, ctx)];
    case 'kicker': case 'title': case 'subtitle': case 'lead': case 'byline': case 'p': case 'figcaption':
      return [paragraph(el, ctx)];
    case 'h1': case 'h2': case 'h3': case 'h4': return [heading(el, ctx)];
    case 'section': return [{ stack: ctx.blocks(el.children), role: 'Sect', ...(el.attrs.id ? { id: el.attrs.id } : {}) }];
    case 'box': return [box(el, ctx)];
    case 'ol': case 'ul': return [list(el, ctx)];
    case 'table': return table(el, ctx);
    case 'kpis': return kpis(el, ctx);
    case 'chart': return chart(el, ctx);
    case 'distribution': return [distribution(el, ctx)];
    case 'img': return image(el, ctx);
    case 'page-break': return [{ text: '', pageBreak: 'after' }];
    case 'rule': return [rule(el, ctx)];
    case 'spacer': return [spacer(el, ctx)];
    case 'gongwen-head': return gongwenHead(el, ctx);
    case 'attachments': return [attachments(el, ctx)];
    case 'signature': return [signature(el, ctx)];
    case 'annex': return annex(el, ctx);
    case 'record': return record(el, ctx);
    case 'toc': return [toc(el, ctx)];
    case 'columns': return [columns(el, ctx)];
    default: return [];
  }
}

/** Newspaper columns: content fills the first column, then snakes into the next. */
function columns(el: MarkupElement, ctx: BuildContext): Content {
  const count = Math.max(1, Math.min(4, Number(el.attrs.count ?? 2)));
  const style = styleFor(ctx.sheet, 'columns');
  const gap = parseLength(el.attrs.gap) ?? style.size * 2;
  const width = (ctx.width - gap * (count - 1)) / count;
  const body = ctx.blocks(el.children, width);
  const cols: Content[] = [{ stack: body, width }];
  for (let i = 1; i < count; i++) cols.push({ text: '', width });
  return { columns: cols, columnGap: gap, snakingColumns: true };
}

export { textOf };
