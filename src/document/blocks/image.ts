import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { MarkupElement } from '../../markup/markup-tree.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { resolveInsideProject } from '../../project/inside-project.js';
import type { BuildContext } from '../build-context.js';
import type { Content } from '../doc-definition.js';
import { parseLength } from '../units.js';

/** A local PNG/JPEG, relative to the data file and inside the project. */
export function image(el: MarkupElement, ctx: BuildContext): Content[] {
  const where = { file: ctx.origin, ...el.at };
  const src = el.attrs.src;
  if (!src) throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element: 'img', name: 'src', value: '', reason: 'an image needs a file', reasonZh: '图片须指定文件' }, where);
  const file = resolveInsideProject(src, ctx.baseDir, ctx.projectRoot, where);
  if (!existsSync(file)) throw new BriefingError('E_IMAGE_NOT_FOUND', { path: src }, where);
  if (!isPngOrJpeg(file)) throw new BriefingError('E_IMAGE_INVALID', { path: src, reason: 'it is neither PNG nor JPEG', reasonZh: '既不是 PNG 也不是 JPEG 图片' }, where);
  const key = `image-${Object.keys(ctx.images).length + 1}`;
  ctx.images[key] = file;
  ctx.files.push(file);
  const width = el.attrs.width?.endsWith('%') ? (ctx.width * Number.parseFloat(el.attrs.width)) / 100 : parseLength(el.attrs.width);
  const height = parseLength(el.attrs.height);
  const node: Content = { image: key, alignment: el.attrs.align ?? 'center' };
  if (width || height) node.fit = [Math.min(width ?? ctx.width, ctx.width), height ?? 10000];
  else node.width = ctx.width;
  return [node];
}

/** pdfmake embeds PNG and JPEG only; tell by the first bytes, not the file name. */
function isPngOrJpeg(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.readUInt32BE(0) === 0x89504e47 || (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff);
}
