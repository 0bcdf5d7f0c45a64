import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIZE_LIMITS } from '../../src/host/file-kinds.js';
import { readFile } from '../../src/host/gate.js';
import { createHost } from '../../src/host/host.js';
import { checkWriteTarget, removeLeftoverTemps, writeAtomic } from '../../src/output/write-atomic.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { tempDir } from '../helpers/run-cli.js';

const posix = process.platform !== 'win32';

/** A project folder and, beside it, a folder it must never reach, with a secret in it. */
function sandbox() {
  const base = tempDir('briefing-gate-');
  const project = join(base, 'project');
  const outside = join(base, 'outside');
  mkdirSync(join(project, 'tables'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.csv'), 'SECRET,1\n');
  writeFileSync(join(project, 'tables/ok.csv'), 'a,b\n1,2\n');
  return { base, project, outside, host: createHost({ projectRoot: project }) };
}

describe('the gate: reads', () => {
  it('reads a regular file inside the project, and follows a link that stays inside', () => {
    const { project, host } = sandbox();
    expect(host.read('csv', join(project, 'tables/ok.csv')).toString()).toBe('a,b\n1,2\n');
    symlinkSync(join(project, 'tables/ok.csv'), join(project, 'tables/link.csv'));
    expect(host.read('csv', join(project, 'tables/link.csv')).toString()).toBe('a,b\n1,2\n');
  });

  it('refuses a path out of the project the same way whether or not the file exists', () => {
    const { project, outside, host } = sandbox();
    symlinkSync(join(outside, 'secret.csv'), join(project, 'tables/out.csv'));
    for (const path of [join(project, '../outside/secret.csv'), join(outside, 'secret.csv'), join(project, 'tables/out.csv'), join(outside, 'nothing.csv')]) {
      const e = thrownBriefingError(() => host.read('csv', path));
      expect(e.code, path).toBe('E_PATH_OUTSIDE_PROJECT');
      expect(e.message).not.toContain('SECRET');
    }
  });

  it.skipIf(!posix)('refuses folders, FIFOs and devices without opening them for long', () => {
    const { project, host } = sandbox();
    execFileSync('mkfifo', [join(project, 'tables/pipe.csv')]);
    mkdirSync(join(project, 'tables/folder.csv'));
    symlinkSync('/dev/zero', join(project, 'tables/zero.csv'));
    const what = (file: string) => thrownBriefingError(() => host.read('csv', join(project, 'tables', file))).params.what;
    expect(what('pipe.csv')).toBe('fifo');
    expect(what('folder.csv')).toBe('folder');
    // A device is outside the project too; read as a typed file it is refused for what it is.
    expect(thrownBriefingError(() => readFile({ kind: 'font', file: join(project, 'tables/zero.csv') })).params.what).toBe('device');
  });

  it('refuses a file over its kind’s limit from its size, before reading it', () => {
    const { project, host } = sandbox();
    const big = join(project, 'tables/big.csv');
    writeFileSync(big, '');
    truncateSync(big, SIZE_LIMITS.csv + 1); // sparse: nothing is written, nothing need be read
    const e = thrownBriefingError(() => host.read('csv', big));
    expect(e.code).toBe('E_FILE_TOO_LARGE');
    expect(e.message).toMatch(/is 64 MB, more than the 64 MB/);
  });

  it('lets a font named in the config lie anywhere, but only as a font file', () => {
    const { outside, host } = sandbox();
    writeFileSync(join(outside, 'office.ttf'), 'not really a font');
    expect(host.read('font', join(outside, 'office.ttf'), { typed: true, role: 'fangsong' }).length).toBe(17);
    expect(thrownBriefingError(() => host.read('font', join(outside, 'secret.csv'), { typed: true, role: 'fangsong' })).code).toBe('E_FONT_FILE_TYPE');
    // A bundled font comes only from briefing's own fonts/.
    expect(thrownBriefingError(() => host.read('font', join(outside, 'office.ttf'))).code).toBe('E_PATH_OUTSIDE_PROJECT');
  });
});

describe('the writer', () => {
  it.skipIf(!posix)('never replaces a device, FIFO, symbolic link or folder, even at a path the user typed', () => {
    const { project, outside } = sandbox();
    execFileSync('mkfifo', [join(project, 'pipe.pdf')]);
    symlinkSync(join(outside, 'secret.csv'), join(project, 'link.pdf'));
    mkdirSync(join(project, 'folder.pdf'));
    for (const [path, what] of [['/dev/null', 'device'], [join(project, 'pipe.pdf'), 'fifo'], [join(project, 'link.pdf'), 'symlink'], [join(project, 'folder.pdf'), 'folder']] as const) {
      const e = thrownBriefingError(() => writeAtomic(path, Buffer.from('%PDF-')));
      expect([e.code, e.params.what], path).toEqual(['E_OUTPUT_NOT_FILE', what]);
    }
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(join(project, 'pipe.pdf')).isFIFO()).toBe(true);
    expect(lstatSync(join(project, 'link.pdf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, 'secret.csv'), 'utf8')).toBe('SECRET,1\n');
  });

  it('holds a config pattern to a .pdf inside the project; a typed path may go anywhere', () => {
    const { project, outside } = sandbox();
    const rule = { origin: 'pattern' as const, root: project, pattern: 'x' };
    expect(thrownBriefingError(() => checkWriteTarget(join(outside, 'victim.rc'), rule)).code).toBe('E_OUTPUT_NOT_PDF');
    expect(thrownBriefingError(() => checkWriteTarget(join(project, '../outside/r.pdf'), rule)).code).toBe('E_OUTPUT_OUTSIDE');
    if (posix) {
      symlinkSync(outside, join(project, 'output'));
      expect(thrownBriefingError(() => checkWriteTarget(join(project, 'output/r.pdf'), { origin: 'inside', root: project })).code).toBe('E_OUTPUT_OUTSIDE');
    }
    writeAtomic(join(outside, 'typed.pdf'), Buffer.from('%PDF-'));
    expect(readFileSync(join(outside, 'typed.pdf'), 'utf8')).toBe('%PDF-');
  });

  it('removes the temp files a killed build left, and leaves another running build’s alone', () => {
    const { project } = sandbox();
    const out = join(project, 'output');
    mkdirSync(out);
    const old = new Date(Date.now() - 10 * 60 * 1000);
    const dead = join(out, '.r.pdf.999999999.0badc0de.tmp'); // a pid no process has
    const live = join(out, `.r.pdf.${process.ppid}.0123abcd.tmp`); // a running process, fresh
    const abandoned = join(out, `.r.pdf.${process.ppid}.89abcdef.tmp`); // running, but hours old
    const other = join(out, '.s.pdf.999999999.feedface.tmp'); // another target's: left to its own write
    for (const f of [dead, live, abandoned, other]) writeFileSync(f, 'half');
    utimesSync(dead, old, old);
    utimesSync(other, old, old);
    utimesSync(abandoned, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    writeAtomic(join(out, 'r.pdf'), Buffer.from('%PDF-'));
    expect(readdirSync(out).sort()).toEqual([live, other, join(out, 'r.pdf')].map((f) => f.slice(out.length + 1)).sort());
    removeLeftoverTemps(out);
    expect(existsSync(other)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});
