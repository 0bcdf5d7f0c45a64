import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { cacheSlot, type Caches } from '../host/caches.js';
import { createHost, type Host } from '../host/host.js';
import { loadData, type LoadedData } from '../load/load-data.js';
import { precompiledData } from '../project/precompiled-code.js';
import { checkSettings } from './validate-data.js';

/**
 * briefing's own settings files (style.yaml, briefing.config.yaml), loaded and checked against
 * their schema. The bundled templates' style.yaml files are parsed and checked when briefing is
 * built (scripts/precompile.mjs, dist/precompiled/settings/): parsing a style sheet's flow
 * mappings and checking it is some 60 ms of a cold start. Found by the file's text, yaml's
 * version and the schema, so any other or edited file is parsed and checked here as usual.
 */

/** Where checked settings are kept, precompiled with briefing. */
export const SETTINGS = 'settings';

type SettingsCode = 'E_STYLE' | 'E_CONFIG';

let yamlVersion: string | undefined;

/** A file's checked values are found by its text, the yaml that parses it and the schema that checked them. */
export function settingsKey(text: string, schema: object): string {
  yamlVersion ??= (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`yaml ${yamlVersion}\n${JSON.stringify(schema)}\n${text}`).digest('hex').slice(0, 40);
}

/** Every settings file loaded through these caches, with its schema: what scripts/precompile.mjs precompiles. */
const SETTINGS_READ = cacheSlot('settings files read', () => new Map<string, { file: string; schema: object; code: SettingsCode }>());

/** `host`: how the file is read; by default a host of its own around the file's folder. */
export function loadSettings(file: string, schema: object, code: SettingsCode, host: Host = createHost({ projectRoot: dirname(file) })): LoadedData & { precompiled: boolean } {
  host.caches.get(SETTINGS_READ).set(`${code} ${file}`, { file, schema, code });
  let precompiled = false;
  const parsed = (text: string) => {
    const data = precompiledData<unknown>(SETTINGS, settingsKey(text, schema));
    // Anything but a mapping is a damaged file: parse and check the text instead.
    precompiled = !!data && typeof data === 'object' && !Array.isArray(data);
    return precompiled ? (data as Record<string, unknown>) : undefined;
  };
  const loaded = loadData(file, { host, kind: code === 'E_STYLE' ? 'style' : 'config', parsed });
  if (!precompiled) checkSettings(loaded, schema, code, host.caches);
  return { ...loaded, precompiled };
}

export function settingsLoaded(caches: Caches): { file: string; schema: object; code: SettingsCode }[] {
  return [...caches.get(SETTINGS_READ).values()];
}
