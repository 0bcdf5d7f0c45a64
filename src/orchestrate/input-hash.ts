import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cacheSlot } from '../host/caches.js';
import { fileStamp, readFile } from '../host/gate.js';
import type { Host } from '../host/host.js';
import { SIZE_LIMITS, type FileKind } from '../host/file-kinds.js';
import { briefingVersion } from '../host/package-files.js';
import { bundledFontsDir } from '../project/paths.js';
import type { FontSet } from '../typeset/font-set.js';

/** The kinds of file a build reads (not briefing init's tarballs, nor the PDFs it writes). */
const BUILD_INPUTS: FileKind[] = ['data', 'csv', 'markdown', 'image', 'template', 'partial', 'style', 'schema', 'font', 'config'];

const FILE_HASHES = cacheSlot('input file hashes', () => new Map<string, { stamp: string; hash: string }>());

/**
 * Content hash of one file; re-read only when its size or time changed since the host's caches
 * hashed it. Every input was read through the gate already; read again through it, so a file
 * swapped for a pipe since cannot hang the hash (the largest limit of a kind a build reads: fonts).
 */
function hashFile(host: Host, file: string): string {
  const stamp = fileStamp(file);
  if (stamp === undefined) return 'missing';
  const fileHashes = host.caches.get(FILE_HASHES);
  const known = fileHashes.get(file);
  if (known && known.stamp === stamp) return known.hash;
  let bytes: Buffer;
  try {
    bytes = readFile({ kind: 'font', file, limit: Math.max(...BUILD_INPUTS.map((k) => SIZE_LIMITS[k])) });
  } catch {
    return 'unreadable';
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  fileHashes.set(file, { stamp, hash });
  return hash;
}

/** briefing's own version and its bundled fonts' manifest: a new briefing rebuilds everything. */
function briefingKey(host: Host): string {
  return `${briefingVersion()}:${hashFile(host, join(bundledFontsDir, 'manifest.json'))}`;
}

/**
 * What decides an output's bytes: every input file's content, the font files of every role (the
 * office's own fonts by content; bundled ones through the manifest), briefing's version, and the
 * options that change the PDF. Timestamps never count.
 */
export function hashInputs(inputs: string[], fonts: FontSet, options: Record<string, unknown>, host: Host): string {
  const h = createHash('sha256');
  h.update(briefingKey(host));
  for (const file of [...inputs].sort()) h.update(`\n${file}\n${hashFile(host, file)}`);
  // Code-point order: only its being the same every time matters, and localeCompare's first call
  // sets up ICU's collator, some 7 ms of a cold build.
  for (const [role, faces] of [...fonts.roles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const face of [faces.normal, faces.bold]) {
      if (face && !face.file.startsWith(bundledFontsDir)) h.update(`\n${role}:${face.file}:${hashFile(host, face.file)}`);
    }
  }
  h.update(`\n${JSON.stringify(options)}\n${process.env.SOURCE_DATE_EPOCH ?? ''}`);
  return h.digest('hex');
}
