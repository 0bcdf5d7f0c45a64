import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { tempDir } from './run-cli.js';

/**
 * Poppler's pdftoppm and qpdf, the command-line tools the print tests read PDFs with. `.ci/run`
 * installs them; in CI (CI=true) a missing tool fails the tests that need it instead of skipping them.
 */
const has = (tool: string, arg: string) => spawnSync(tool, [arg]).status === 0;
export const hasQpdf = has('qpdf', '--version');
export const hasPdftoppm = has('pdftoppm', '-v');
/** Whether tests that need qpdf run here: always in CI, elsewhere when it is installed. */
export const qpdfRun = hasQpdf || !!process.env.CI;
/** Whether tests that render pages with pdftoppm run here: always in CI, elsewhere when it is installed. */
export const renderRun = hasPdftoppm || !!process.env.CI;

function need(tool: string, present: boolean): void {
  if (!present) throw new Error(`${tool} is missing: install Debian's ${tool === 'qpdf' ? 'qpdf' : 'poppler-utils'} package (.ci/run does)`);
}

/** qpdf --check's verdict on a PDF: its complaints, empty when the file is sound. */
export function qpdfProblems(pdf: Buffer): string[] {
  need('qpdf', hasQpdf);
  const file = join(tempDir(), 'check.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  // Exit 0: sound; 3: warnings; 2: errors. A warning fails a test as an error does.
  if (r.status === 0 && !r.stderr.trim()) return [];
  const out = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /warning|error/i.test(l) && !/^No syntax or stream encoding errors/.test(l));
  return out.length ? out : [`qpdf exited ${r.status}`];
}

/** Every page rendered by pdftoppm at `dpi`, as RGBA pixels. */
export function renderPages(pdf: Buffer, dpi: number): PNG[] {
  need('pdftoppm', hasPdftoppm);
  const dir = tempDir();
  writeFileSync(join(dir, 'in.pdf'), pdf);
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'in.pdf'), join(dir, 'p')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
    .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
}

/** Pixels that differ between two renderings of a page (all of them when the sizes differ). */
export function differingPixels(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return Math.max(a.width * a.height, b.width * b.height);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2] || a.data[i + 3] !== b.data[i + 3]) n++;
  }
  return n;
}
