import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefingSource } from '../../src/project/briefing-source.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

/** A tree as npm leaves it: <tree>/node_modules/briefing and a lock file saying where it came from. */
function installed(resolved: string | undefined, lockfile = 'package-lock.json'): { tree: string; root: string } {
  const tree = tempDir();
  const root = join(tree, 'node_modules', 'briefing');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"briefing","version":"0.1.0"}');
  if (resolved !== undefined) {
    const packages = { '': {}, 'node_modules/briefing': { version: '0.1.0', resolved } };
    writeFileSync(lockfile === 'hidden' ? join(tree, 'node_modules/.package-lock.json') : join(tree, lockfile), JSON.stringify({ lockfileVersion: 3, packages }));
  }
  return { tree, root };
}

describe('where the running briefing came from', () => {
  it('a tarball, as npx records it relative to its cache folder', () => {
    const { tree, root } = installed('file:../offline/briefing-0.1.0-offline.tgz');
    mkdirSync(join(tree, '../offline'), { recursive: true });
    writeFileSync(join(tree, '../offline/briefing-0.1.0-offline.tgz'), 'x');
    expect(briefingSource(root, '0.1.0')).toEqual({ kind: 'tarball', file: join(tree, '../offline/briefing-0.1.0-offline.tgz') });
  });

  it('a git commit, from the hidden lock file too', () => {
    const { root } = installed('git+ssh://git@example.invalid/office/briefing.git#0123abc', 'hidden');
    expect(briefingSource(root, '0.1.0')).toEqual({ kind: 'spec', spec: 'git+ssh://git@example.invalid/office/briefing.git#0123abc' });
  });

  it('a registry, or no record at all (a global install)', () => {
    expect(briefingSource(installed('https://registry.npmjs.org/briefing/-/briefing-0.1.0.tgz').root, '0.1.0')).toEqual({ kind: 'spec', spec: '^0.1.0' });
    expect(briefingSource(installed(undefined).root, '0.1.0')).toEqual({ kind: 'unknown', spec: '^0.1.0' });
    // A tarball that has since been deleted cannot be copied.
    expect(briefingSource(installed('file:gone.tgz').root, '0.1.0')).toEqual({ kind: 'unknown', spec: '^0.1.0' });
  });

  it('a checkout of briefing itself: the folder', () => {
    expect(briefingSource(repoRoot, '0.1.0')).toEqual({ kind: 'spec', spec: `file:${repoRoot}` });
  });
});
