import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parse as parseYaml, stringify } from 'yaml';
import type { PrintOptions } from '../../src/document/print-options.js';
import { buildBriefing, type BuildRequest } from '../../src/orchestrate/build-briefing.js';
import { repoRoot, tempDir } from './run-cli.js';

export const SAMPLES = ['bulletin', 'stats', 'handout', 'gongwen'] as const;
export const MM = 72 / 25.4;

/** A project holding a template's sample and its files, the data changed by `edit`, as report.yaml. */
export function sampleProject(template: string, edit: (data: Record<string, unknown>, dir: string) => void = () => {}): string {
  const dir = tempDir();
  cpSync(join(repoRoot, 'templates', template), dir, { recursive: true });
  const data = parseYaml(readFileSync(join(dir, 'sample.yaml'), 'utf8')) as Record<string, unknown>;
  edit(data, dir);
  writeFileSync(join(dir, 'report.yaml'), stringify(data));
  return dir;
}

/** Build a project's report.yaml (or a bundled sample as it is) with these print options; the PDF's bytes. */
export async function buildWith(print: PrintOptions, where: { template?: string; dir?: string } & Partial<BuildRequest>): Promise<Buffer> {
  const { template, dir, ...extra } = where;
  const dataFile = dir ? join(dir, 'report.yaml') : join(repoRoot, 'templates', template!, 'sample.yaml');
  const output = join(tempDir(), 'out.pdf');
  await buildBriefing({ dataFile, output, cwd: dir ?? repoRoot, force: true, print, strict: !!print.pdfa, ...extra });
  return readFileSync(output);
}

/** A small photograph-like PNG (a colour gradient), `width` × `height` pixels. */
export function photoPng(width = 240, height = 150): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = 120 + Math.round((x / width) * 100);
      png.data[i + 1] = 140 + Math.round((y / height) * 80);
      png.data[i + 2] = 200 - Math.round((x / width) * 60);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
