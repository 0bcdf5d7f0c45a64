import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
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
});
