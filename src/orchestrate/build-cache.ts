import { join } from 'node:path';
import { readFile } from '../host/gate.js';
import { writeAtomic } from '../output/write-atomic.js';

/**
 * Input hashes of the last build of each output, kept in <project>/.briefing-cache/builds.json.
 * A missing or unreadable cache just means everything is built.
 */
export class BuildCache {
  private readonly file: string;
  private entries = new Map<string, string>();
  private dirty = false;

  constructor(private readonly root: string) {
    this.file = join(root, '.briefing-cache', 'builds.json');
    try {
      const read: unknown = JSON.parse(readFile({ kind: 'cache', file: this.file, roots: [root] }).toString('utf8'));
      // Only text → text is an entry; `null`, a list or anything else damaged is no cache at all.
      if (read && typeof read === 'object' && !Array.isArray(read)) {
        for (const [k, v] of Object.entries(read)) if (typeof v === 'string') this.entries.set(k, v);
      }
    } catch {
      this.entries.clear();
    }
  }

  get(output: string): string | undefined {
    return this.entries.get(output);
  }

  set(output: string, hash: string): void {
    if (this.entries.get(output) === hash) return;
    this.entries.set(output, hash);
    this.dirty = true;
  }

  /** Written only when something changed: a failed or fully skipped build leaves it alone. */
  save(): void {
    if (!this.dirty) return;
    writeAtomic(this.file, Buffer.from(`${JSON.stringify(Object.fromEntries(this.entries), null, 1)}\n`), { origin: 'inside', root: this.root });
  }
}
