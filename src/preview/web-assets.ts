import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { packageRoot } from '../project/paths.js';

/** A file the preview may send, and how to label it. */
export interface WebAsset {
  file: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** The page's own files, shipped with briefing (package.json "files"). */
export const previewWebDir = join(packageRoot, 'web/preview');

/**
 * Every URL the preview answers with a file, fixed when the server starts: the page's own files
 * and the parts of the installed pdfjs-dist the page loads (the legacy build, which also runs in
 * the older Chromium-based browsers common on office machines). A request is answered only by an
 * exact match here, so no path written in a URL can reach any other file.
 */
export function webAssets(): Map<string, WebAsset> {
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const table = new Map<string, WebAsset>();
  const add = (url: string, file: string) => table.set(url, { file, type: TYPES[extname(file)] ?? 'application/octet-stream' });
  add('/', join(previewWebDir, 'index.html'));
  for (const name of filesIn(previewWebDir)) add(`/assets/${name}`, join(previewWebDir, name));
  add('/pdfjs/pdf.mjs', join(pdfjs, 'legacy/build/pdf.min.mjs'));
  add('/pdfjs/pdf.worker.mjs', join(pdfjs, 'legacy/build/pdf.worker.min.mjs'));
  add('/pdfjs/pdf_viewer.css', join(pdfjs, 'legacy/web/pdf_viewer.css'));
  // Fonts a PDF names without embedding, CMaps of non-embedded CJK fonts, image decoders.
  for (const dir of ['cmaps', 'standard_fonts', 'wasm']) {
    for (const name of filesIn(join(pdfjs, dir))) add(`/pdfjs/${dir}/${name}`, join(pdfjs, dir, name));
  }
  // The icons pdf_viewer.css names relative to itself.
  for (const name of filesIn(join(pdfjs, 'legacy/web/images'))) add(`/pdfjs/images/${name}`, join(pdfjs, 'legacy/web/images', name));
  return table;
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isFile());
}
