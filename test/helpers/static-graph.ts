import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Files reachable from `entry` through static imports only (dynamic import() is excluded by design). */
export function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      visit(spec.startsWith('.') ? resolve(dirname(file), spec) : `package:${spec}`);
    }
  };
  visit(entry);
  return seen;
}
