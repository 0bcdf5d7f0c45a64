import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../output/write-atomic.js';

/**
 * Input hashes of the last build of each output, kept in <project>/.briefing-cache/builds.json.
 * A missing or unreadable cache just means everything is built.
 */
export class BuildCache {
  private readonly file: string;
  private entries: Record<string, string> = {};
  private dirty = false;

  constructor(root: string) {
    this.file = join(root, '.briefing-cache', 'builds.json');
    try {
      this.entries = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      this.entries = {};
    }
  }

  get(output: string): string | undefined {
    return this.entries[output];
  }

  set(output: string, hash: string): void {
    if (this.entries[output] === hash) return;
    this.entries[output] = hash;
    this.dirty = true;
  }

  /** Written only when something changed: a failed or fully skipped build leaves it alone. */
  save(): void {
    if (!this.dirty) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeAtomic(this.file, Buffer.from(`${JSON.stringify(this.entries, null, 1)}\n`));
  }
}
