import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { createCaches } from '../../src/host/caches.js';
import { writeAtomic, writeAtomicAsync } from '../../src/output/write-atomic.js';
import { tempDir } from '../helpers/run-cli.js';

describe('writeAtomic', () => {
  it('creates folders and replaces the file whole', () => {
    const dir = tempDir();
    const out = join(dir, 'a/b/out.pdf');
    writeAtomic(out, Buffer.from('first'));
    writeAtomic(out, Buffer.from('second'));
    expect(readFileSync(out, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['out.pdf']);
  });

  it('keeps the previous file and leaves no temp file when the write fails', () => {
    const dir = tempDir();
    const out = join(dir, 'out.pdf');
    writeFileSync(out, 'good');
    // A directory where the file should go makes the rename fail after the temp file was written.
    const blocked = join(dir, 'blocked.pdf');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    expect(() => writeAtomic(blocked, Buffer.from('new'))).toThrow(BriefingError);
    expect(readFileSync(out, 'utf8')).toBe('good');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('reports a folder it may not write', () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    expect(() => writeAtomic(join(dir, 'x.pdf'), Buffer.from('x'))).toThrow(/cannot write/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('writes the same way when the flush and rename run off the main thread', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.pdf');
    await writeAtomicAsync(out, Buffer.from('first'));
    await writeAtomicAsync(out, Buffer.from('second'));
    expect(readFileSync(out, 'utf8')).toBe('second');
    // A file where its folder should be: refused as the synchronous writer refuses it.
    await expect(writeAtomicAsync(join(out, 'x.pdf'), Buffer.from('new'))).rejects.toMatchObject({ code: 'E_WRITE' });
    expect(readdirSync(dir)).toEqual(['out.pdf']);
    expect(readFileSync(out, 'utf8')).toBe('second');
  });

  it('with a batch\'s caches, removes a folder\'s leftover temp files at its first write there only', async () => {
    const dir = tempDir();
    // A temp file a killed build left, two hours ago, for another PDF of the folder.
    const leftover = () => {
      const file = join(dir, '.other.pdf.2147483646.0123abcd.tmp');
      writeFileSync(file, 'half');
      const old = Date.now() / 1000 - 7200;
      utimesSync(file, old, old);
    };
    const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    const caches = createCaches();
    leftover();
    await writeAtomicAsync(join(dir, 'a.pdf'), Buffer.from('a'), undefined, caches);
    expect(temps()).toEqual([]);
    // Listed once per batch: what appears later stays until the next batch (or the build's own sweep at its end).
    leftover();
    await writeAtomicAsync(join(dir, 'b.pdf'), Buffer.from('b'), undefined, caches);
    expect(temps()).toHaveLength(1);
    await writeAtomicAsync(join(dir, 'c.pdf'), Buffer.from('c'), undefined, createCaches());
    expect(temps()).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
  });

  it('leaves a fresh temp file of this process alone at a batch\'s sweep: another thread of the batch is writing it', async () => {
    const dir = tempDir();
    const inFlight = join(dir, `.other.pdf.${process.pid}.0123abcd.tmp`);
    writeFileSync(inFlight, 'being written');
    await writeAtomicAsync(join(dir, 'a.pdf'), Buffer.from('a'), undefined, createCaches());
    expect(existsSync(inFlight)).toBe(true);
    // Without a batch (a lone write of the same target), this process's earlier temp file is abandoned.
    writeFileSync(join(dir, `.a.pdf.${process.pid}.89abcdef.tmp`), 'earlier');
    await writeAtomicAsync(join(dir, 'a.pdf'), Buffer.from('a again'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.a.pdf'))).toEqual([]);
  });
});
