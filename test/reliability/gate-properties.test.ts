import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import type { FileKind } from '../../src/host/file-kinds.js';
import { realPathOf } from '../../src/host/gate.js';
import { createHost } from '../../src/host/host.js';
import { checkWriteTarget } from '../../src/output/write-atomic.js';
import { tempDir } from '../helpers/run-cli.js';

// A fixed seed keeps CI reproducible; FC_SEED=random (or a number) explores other paths locally.
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });

/**
 * Random paths — `..`, absolute ones, links in and out of the project, folders, FIFOs, loops —
 * driven through the gate the way the stages use it. Whatever the path, the gate either refuses
 * it with a BriefingError or hands over a regular file inside the project (or the data file's
 * folder); nothing outside is ever readable, and no write is allowed outside the project or onto
 * anything but a regular file or a new path.
 */
const posix = process.platform !== 'win32';
const base = realpathSync(tempDir('briefing-gate-prop-'));
const project = join(base, 'project');
const outside = join(base, 'outside');
const SECRET = 'SECRET-never-readable';
afterAll(() => rmSync(base, { recursive: true, force: true }));

mkdirSync(join(project, 'data/pics'), { recursive: true });
mkdirSync(join(project, 'tables/dir'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(project, 'data/report.yaml'), 'title: x\n');
writeFileSync(join(project, 'data/pics/a.png'), 'png');
writeFileSync(join(project, 'tables/t.csv'), 'a,b\n');
writeFileSync(join(outside, 'secret.txt'), SECRET);
writeFileSync(join(outside, 'report.yaml'), `title: ${SECRET}\n`);
if (posix) {
  execFileSync('mkfifo', [join(project, 'tables/pipe')]);
  execFileSync('mkfifo', [join(outside, 'pipe')]);
}
/** Windows lets only some users make symbolic links: without them the paths below simply do not exist. */
function link(target: string, path: string, type?: 'junction'): void {
  try {
    symlinkSync(target, path, type);
  } catch (e) {
    if (posix || (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}
link(join(project, 'tables/t.csv'), join(project, 'link-in'));
link(join(outside, 'secret.txt'), join(project, 'link-out'));
link(outside, join(project, 'link-dir-out'), 'junction');
link(join(project, 'link-loop'), join(project, 'link-loop'));
link(join(project, 'tables/t.csv'), join(outside, 'link-back'));
link(join(base, 'outside', '..', 'outside', 'secret.txt'), join(project, 'tables/sneaky.csv'));

const dataFile = join(project, 'data/report.yaml');
const host = createHost({ projectRoot: project });
const inside = (path: string, roots: string[]) => roots.some((r) => {
  const rel = relative(realPathOf(r), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
});

// Few names, short paths: most draws land on something that exists, so links, pipes and the
// secret are reached often rather than by luck.
const segment = fc.constantFrom('..', '..', '..', '.', '', 'data', 'pics', 'tables', 'dir', 'pipe', 't.csv', 'a.png', 'report.yaml', 'link-in',
  'link-out', 'link-dir-out', 'link-loop', 'link-back', 'sneaky.csv', 'outside', 'secret.txt', 'project', 'nothing');
const prefix = fc.constantFrom('', '', '', '', '/', `${base}/`, `${outside}/`, `${project}/`, `${project}/data/`, '/etc/', '/dev/', 'file://', '//');
const written = fc.tuple(prefix, fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('/', sep))
  .map(([p, parts, s]) => p + parts.join(s));

/** Read `written` through the host as `kind`; the bytes or the BriefingError, never anything else. */
function attempt(read: () => { file: string; bytes: Buffer }, roots: string[]): void {
  let got: { file: string; bytes: Buffer };
  try {
    got = read();
  } catch (e) {
    if (e instanceof BriefingError) {
      expect(e.message).not.toContain(SECRET);
      tally.refused++;
      return;
    }
    throw e;
  }
  expect(inside(realpathSync(got.file), roots), got.file).toBe(true);
  expect(lstatSync(realpathSync(got.file)).isFile()).toBe(true);
  expect(got.bytes.toString()).not.toContain(SECRET);
  tally.read++;
}

/** How often the random paths were refused and read: a generator that never reaches a file proves little. */
const tally = { read: 0, refused: 0 };

describe('the gate, driven by random paths', () => {
  it('never lets a file outside the project be read, whatever the data names', () => {
    fc.assert(fc.property(written, (w) => {
      const where = { file: dataFile, line: 1 };
      // As the data's CSV, Markdown and image paths are read: resolved from the data file, then read.
      for (const kind of ['csv', 'markdown', 'image'] as FileKind[]) {
        attempt(() => {
          const file = host.resolveReference(w, dataFile, where);
          return { file, bytes: host.read(kind, file, { from: dataFile, shown: w, where }) };
        }, [project]);
      }
      // As files the project itself holds: a data file a config glob found, the config, a cache.
      for (const kind of ['data', 'config', 'cache'] as FileKind[]) {
        const file = resolve(project, w);
        attempt(() => ({ file, bytes: host.read(kind, file) }), [project, ...(kind === 'cache' ? [join(base, 'no-user-cache')] : [])]);
      }
    }), { numRuns: 1000 });
    expect(tally.read).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(1000);
  });

  it('never takes a template folder from outside the project unless the user typed its path', () => {
    fc.assert(fc.property(written, (w) => {
      try {
        const dir = host.templateFolder(w, { typed: false, cwd: project });
        if (dir) expect(inside(realPathOf(dir), [project, join(resolve(import.meta.dirname, '../..'), 'templates')]), dir).toBe(true);
      } catch (e) {
        if (!(e instanceof BriefingError)) throw e;
        expect(e.code).toBe('E_TEMPLATE_OUTSIDE');
      }
    }), { numRuns: 300 });
  });

  it('never lets a config pattern write outside the project, or onto anything but a file or a new path', () => {
    fc.assert(fc.property(written, fc.constantFrom<'pattern' | 'inside'>('pattern', 'inside'), (w, origin) => {
      const target = resolve(project, w);
      try {
        checkWriteTarget(target, { origin, root: project });
      } catch (e) {
        if (!(e instanceof BriefingError)) throw e;
        expect(e.code).toMatch(/^E_OUTPUT_(OUTSIDE|NOT_PDF|NOT_FILE)$/);
        return;
      }
      expect(inside(realPathOf(target), [project]), target).toBe(true);
      let st;
      try {
        st = lstatSync(target);
      } catch {
        return; // a new path
      }
      expect(st.isFile()).toBe(true);
    }), { numRuns: 400 });
  });
});
