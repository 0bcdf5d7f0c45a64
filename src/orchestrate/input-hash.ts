import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundledFontsDir, packageRoot } from '../project/paths.js';
import type { FontSet } from '../typeset/font-set.js';

const fileHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** Content hash of one file; re-read only when its size or time changed within this process. */
function hashFile(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    return 'missing';
  }
  const known = fileHashes.get(file);
  if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.hash;
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  fileHashes.set(file, { size: st.size, mtimeMs: st.mtimeMs, hash });
  return hash;
}

let versionKey: string | undefined;

/** briefing's own version and its bundled fonts' manifest: a new briefing rebuilds everything. */
function briefingKey(): string {
  return (versionKey ??= `${JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version}:${hashFile(join(bundledFontsDir, 'manifest.json'))}`);
}

/**
 * What decides an output's bytes: every input file's content, the font files of every role (the
 * office's own fonts by content; bundled ones through the manifest), briefing's version, and the
 * options that change the PDF. Timestamps never count.
 */
export function hashInputs(inputs: string[], fonts: FontSet, options: Record<string, unknown>): string {
  const h = createHash('sha256');
  h.update(briefingKey());
  for (const file of [...inputs].sort()) h.update(`\n${file}\n${hashFile(file)}`);
  for (const [role, faces] of [...fonts.roles].sort(([a], [b]) => a.localeCompare(b))) {
    for (const face of [faces.normal, faces.bold]) {
      if (face && !face.file.startsWith(bundledFontsDir)) h.update(`\n${role}:${face.file}:${hashFile(face.file)}`);
    }
  }
  h.update(`\n${JSON.stringify(options)}\n${process.env.SOURCE_DATE_EPOCH ?? ''}`);
  return h.digest('hex');
}
