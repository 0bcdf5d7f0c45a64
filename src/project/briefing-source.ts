import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { exists, isRegularFile, readFile } from '../host/gate.js';

/**
 * Where the running briefing came from, as a dependency spec a new project's package.json can use:
 * what `briefing init` writes so that `npm install` in the project installs this same briefing.
 */
export type BriefingSource =
  /** A package tarball on this machine (briefing-0.1.0.tgz, or the offline bundle): init copies it into the project. */
  | { kind: 'tarball'; file: string }
  /** A spec npm resolves itself: a git URL, a registry range, a folder. */
  | { kind: 'spec'; spec: string }
  /** npm kept no record (a global install): the registry range, which may not resolve. */
  | { kind: 'unknown'; spec: string };

/**
 * npm records where each package came from in the lock file of the tree it installed it in: the
 * project's package-lock.json, the hidden node_modules/.package-lock.json, or — for `npx
 * --package ./briefing-0.1.0.tgz` — the lock file of npx's own cache folder. A global install keeps
 * none. A checkout of briefing's own repository is a folder npm can install from.
 */
export function briefingSource(packageRoot: string, version: string): BriefingSource {
  const registry = `^${version}`;
  const parent = dirname(packageRoot);
  if (basename(parent) !== 'node_modules') {
    return isRegularFile(join(packageRoot, 'package.json')) ? { kind: 'spec', spec: `file:${packageRoot}` } : { kind: 'unknown', spec: registry };
  }
  const tree = dirname(parent);
  for (const lockfile of [join(tree, 'package-lock.json'), join(tree, 'npm-shrinkwrap.json'), join(parent, '.package-lock.json')]) {
    const resolved = recordedSource(lockfile, packageRoot, tree);
    if (resolved === undefined) continue;
    if (resolved.startsWith('file:')) {
      const path = resolved.slice('file:'.length);
      const file = isAbsolute(path) ? path : resolve(tree, path);
      if (/\.t(ar\.)?gz$/.test(file) && isRegularFile(file)) return { kind: 'tarball', file };
      if (exists(file)) return { kind: 'spec', spec: `file:${file}` };
      return { kind: 'unknown', spec: registry };
    }
    // A git dependency is recorded with the commit it resolved to: the new project gets the same.
    if (/^(git\+|git:|github:|gitlab:|bitbucket:)/.test(resolved)) return { kind: 'spec', spec: resolved };
    return { kind: 'spec', spec: registry };
  }
  return { kind: 'unknown', spec: registry };
}

/** The `resolved` of this package in a lock file, if the file names it. */
function recordedSource(lockfile: string, packageRoot: string, tree: string): string | undefined {
  let lock: { packages?: Record<string, { resolved?: string }> };
  try {
    // Through the gate, from the tree npm installed briefing in: never a pipe, never gigabytes.
    lock = JSON.parse(readFile({ kind: 'lockfile', file: lockfile, roots: [tree] }).toString('utf8')) as typeof lock;
  } catch {
    return undefined;
  }
  const key = packageRoot.slice(tree.length + 1).split(sep).join('/');
  return lock.packages?.[key]?.resolved;
}
