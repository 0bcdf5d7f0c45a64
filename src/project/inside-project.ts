import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Resolve a path written in data (CSV, image) against `baseDir` (the data file's folder) and make
 * sure it stays inside the project or below the data file's folder, following symlinks, so a data
 * file cannot make briefing read /etc/passwd.
 */
export function resolveInsideProject(written: string, baseDir: string, projectRoot: string, where: SourceLocation): string {
  if (URL_LIKE.test(written) || written.startsWith('data:')) {
    throw new BriefingError('E_URL_NOT_ALLOWED', { url: written }, where);
  }
  const full = resolve(baseDir, written);
  const real = realOrSelf(full);
  if (!isWithin(realOrSelf(projectRoot), real) && !isWithin(realOrSelf(baseDir), real)) {
    throw new BriefingError('E_PATH_OUTSIDE_PROJECT', { path: written, root: projectRoot }, where);
  }
  return full;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
