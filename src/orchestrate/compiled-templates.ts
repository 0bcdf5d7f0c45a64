import { join } from 'node:path';
import { cacheSlot } from '../host/caches.js';
import { fileStamp, listFolder } from '../host/gate.js';
import { createHost, type Host } from '../host/host.js';
import { compileTemplate, type CompiledTemplate } from '../render/render-template.js';
import type { TemplateCacheOptions } from '../render/template-specs.js';
import { loadTemplatePack } from '../template/template-pack.js';

/** Compiled packs by folder, with the folder's stamp taken before its files were read. */
const COMPILED_PACKS = cacheSlot('compiled template packs', () => new Map<string, { stamp: string; template: CompiledTemplate }>());

/**
 * A template pack read, checked and compiled (entry and partials) once for a whole batch (the
 * host's caches), and again only when a file in it changed, so `watch` rebuilds with the partial
 * just saved. Without a host, one of its own around the folder: nothing is kept for later.
 */
export function compiledTemplate(dir: string, opts: TemplateCacheOptions = {}, host: Host = createHost({ projectRoot: dir })): CompiledTemplate {
  const compiled = host.caches.get(COMPILED_PACKS);
  // Stamped before reading: a file saved while the pack is read gives a stamp that no longer
  // matches next time, so the pack is read again rather than kept stale.
  const stamp = folderStamp(dir);
  const known = compiled.get(dir);
  if (known && known.stamp === stamp) return known.template;
  const template = compileTemplate(loadTemplatePack(dir, host), { ...opts, caches: host.caches });
  compiled.set(dir, { stamp, template });
  return template;
}

/** Name, size and time of every file in the pack folder and its partials/: a dozen stats. */
function folderStamp(dir: string): string {
  const parts: string[] = [];
  for (const folder of [dir, join(dir, 'partials')]) {
    for (const name of listFolder(folder)) parts.push(`${name}:${fileStamp(join(folder, name)) ?? 'gone'}`);
  }
  return parts.join('|');
}
