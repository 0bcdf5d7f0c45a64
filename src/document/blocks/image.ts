import type { MarkupElement } from '../../markup/markup-tree.js';
import { BriefingError } from '../../errors/briefing-error.js';
import type { BuildContext } from '../build-context.js';
import { checkImage } from '../check-image.js';
import type { Content } from '../doc-definition.js';
import { parseLength } from '../units.js';

/**
 * A local PNG/JPEG, relative to the data file and inside the project, read through the host and
 * checked (checkImage) here; the document carries the checked bytes, so the typeset stage never
 * opens an image file itself. `alt` describes it in a tagged PDF.
 */
export function image(el: MarkupElement, ctx: BuildContext): Content[] {
  const where = { file: ctx.origin, ...el.at };
  const src = el.attrs.src;
  if (!src) throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element: 'img', name: 'src', value: '', reason: 'an image needs a file', reasonZh: '图片须指定文件' }, where);
  const file = ctx.host.resolveReference(src, ctx.dataFile, where);
  const bytes = ctx.host.read('image', file, { from: ctx.dataFile, shown: src, where, missing: () => new BriefingError('E_IMAGE_NOT_FOUND', { path: src }, where) });
  const checked = checkImage(bytes, src, where);
  const key = `image-${Object.keys(ctx.images).length + 1}`;
  ctx.images[key] = `data:${checked.mime};base64,${bytes.toString('base64')}`;
  ctx.imageSources[key] = { path: src, where };
  ctx.files.push(file);
  const width = el.attrs.width?.endsWith('%') ? (ctx.width * Number.parseFloat(el.attrs.width)) / 100 : parseLength(el.attrs.width);
  const height = parseLength(el.attrs.height);
  // A figure to a reader who cannot see it, described by its alt text.
  const alt = el.attrs.alt?.trim();
  const node: Content = { image: key, alignment: el.attrs.align ?? 'center', role: 'Figure', ...(alt ? { alt } : {}) };
  if (!alt) ctx.imagesWithoutAlt.push({ path: src, where });
  if (width || height) node.fit = [Math.min(width ?? ctx.width, ctx.width), height ?? 10000];
  else node.width = ctx.width;
  return [node];
}
