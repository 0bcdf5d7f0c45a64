import { dirname, join, resolve } from 'node:path';
import { exists } from '../host/gate.js';

const CONFIG_NAMES = ['briefing.config.yaml', 'briefing.config.yml', 'briefing.config.json'];

/** The nearest folder at or above `start` that holds a briefing.config.*, else `start` itself. */
export function findProjectRoot(start: string): { root: string; configFile?: string } {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (exists(candidate)) return { root: dir, configFile: candidate };
    }
    const parent = dirname(dir);
    if (parent === dir) return { root: resolve(start) };
    dir = parent;
  }
}
