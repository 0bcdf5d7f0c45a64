import { dirname, extname, join, resolve } from 'node:path';
import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';
import { sourceDateEpoch } from '../orchestrate/document-date.js';
import { writeAtomic, type WriteRule } from '../output/write-atomic.js';
import { builtinTemplatesDir, bundledFontsDir, packageRoot } from '../project/paths.js';
import { createCaches, type Caches } from './caches.js';
import type { FileKind } from './file-kinds.js';
import { checkFile, isRegularFile, openFile, readFile, realPathOf, rootHolding, type GateRequest } from './gate.js';
import { userCacheDir } from './user-cache-dir.js';

/**
 * What the stages are handed instead of the file system, in the manner of typst's `World`: file
 * access, the clock and the caches. Every read goes through the gate (gate.ts) with the roots its
 * kind may read from; every write through the one writer (output/write-atomic.ts). docs/security.md
 * says what this guarantees; caches.ts how long what the stages keep lives.
 */
export interface Host {
  /** The project folder: the nearest folder holding a briefing.config.*, else the current one. */
  readonly projectRoot: string;
  /** Every cache the stages keep between builds (caches.ts): shared only by hosts given the same one. */
  readonly caches: Caches;
  /** A file of `kind`, read whole once the gate lets it through. */
  read(kind: FileKind, file: string, opts?: ReadOptions): Buffer;
  /** The gate's checks without reading: the file's real path, for a file a later stage reads. */
  check(kind: FileKind, file: string, opts?: ReadOptions): string;
  /** The gate's checks and an open descriptor, for files read piece by piece (fonts). */
  open(kind: FileKind, file: string, opts?: ReadOptions): { fd: number; size: number; real: string };
  /**
   * A path written in the data (CSV, Markdown, image), resolved against the data file's folder and
   * refused when it is a URL or leaves the project and that folder. Checks no more than that.
   */
  resolveReference(written: string, dataFile: string, where: SourceLocation): string;
  /**
   * A template folder by name (the project's templates/, then briefing's own) or by path. A path
   * the user typed (-t) may lie anywhere; one from the data or a config must lie in the project or
   * among briefing's own templates. The folder's files may then be read from where it lies.
   */
  templateFolder(name: string, opts: { typed: boolean; cwd?: string }): string | undefined;
  /** Write `bytes` to `path` atomically, under `rule` (where the path came from). */
  write(path: string, bytes: Uint8Array, rule: WriteRule): void;
  /** SOURCE_DATE_EPOCH as a date, when it is set to a whole number of seconds (orchestrate/document-date.ts). */
  sourceDate(): Date | undefined;
  now(): Date;
}

export interface ReadOptions {
  /** The path as the user wrote it, for messages. */
  shown?: string;
  /** Where it was written. */
  where?: SourceLocation;
  /** The error when the file does not exist. */
  missing?: () => BriefingError;
  /**
   * data: the user named the file (anywhere), else a config glob found it (inside the project).
   * font: named in briefing.config.yaml (anywhere, with a font's extension), else a bundled font.
   */
  typed?: boolean;
  /** csv, markdown, image: the data file that names it; its folder is a root too. */
  from?: string;
  /** font: the role it serves, for messages. */
  role?: string;
}

export interface HostOptions {
  projectRoot: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The caches of a batch or session this host serves; default its own, empty. */
  caches?: Caches;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Font files by name: a config may name any file, but only these are opened as fonts. */
export const FONT_EXTENSIONS: ReadonlySet<string> = new Set(['.ttf', '.otf', '.ttc', '.otc']);

export function createHost(options: HostOptions): Host {
  const projectRoot = resolve(options.projectRoot);
  const env = options.env ?? process.env;
  /** Roots template files may be read from: where each admitted template folder was found. */
  const templateRoots = new Set<string>([projectRoot, builtinTemplatesDir]);

  const rootsFor = (kind: FileKind, opts: ReadOptions): readonly string[] | undefined => {
    switch (kind) {
      case 'data':
        return opts.typed ? undefined : [projectRoot];
      case 'csv':
      case 'markdown':
      case 'image':
        return opts.from ? [projectRoot, dirname(opts.from)] : [projectRoot];
      case 'template':
      case 'partial':
      case 'style':
      case 'schema':
        return [...templateRoots];
      case 'font':
        return opts.typed ? undefined : [bundledFontsDir];
      case 'profile':
        // Named in the config (a print shop's .icc may live with the system's profiles), checked there by extension.
        return undefined;
      case 'config':
        return [projectRoot];
      case 'recipients':
        return undefined;
      case 'cache':
        return [projectRoot, userCacheDir()];
      case 'package':
        return [packageRoot];
      case 'project':
        return [projectRoot];
      // Read where the caller found them (gate.ts's readFile with their own roots); through a host, anywhere.
      case 'lockfile':
      case 'tarball':
      case 'pdf':
        return undefined;
    }
  };

  const request = (kind: FileKind, file: string, opts: ReadOptions): GateRequest => {
    const req: GateRequest = { kind, file: resolve(file), roots: rootsFor(kind, opts), shown: opts.shown, where: opts.where, missing: opts.missing };
    if (kind === 'template' || kind === 'partial' || kind === 'style' || kind === 'schema') {
      req.outside = (root) => new BriefingError('E_TEMPLATE_FILE_OUTSIDE', { kind, path: opts.shown ?? file, root }, opts.where ?? { file });
    }
    if (kind === 'font' && opts.typed && !FONT_EXTENSIONS.has(extname(file).toLowerCase())) {
      throw new BriefingError('E_FONT_FILE_TYPE', { role: opts.role ?? '', path: file }, { file });
    }
    return req;
  };

  return {
    projectRoot,
    caches: options.caches ?? createCaches(),
    read: (kind, file, opts = {}) => readFile(request(kind, file, opts)),
    check: (kind, file, opts = {}) => checkFile(request(kind, file, opts)).real,
    open: (kind, file, opts = {}) => openFile(request(kind, file, opts)),
    resolveReference(written, dataFile, where) {
      if (URL_LIKE.test(written) || written.startsWith('data:')) throw new BriefingError('E_URL_NOT_ALLOWED', { url: written }, where);
      const full = resolve(dirname(dataFile), written);
      if (!rootHolding(realPathOf(full), [projectRoot, dirname(dataFile)])) {
        throw new BriefingError('E_PATH_OUTSIDE_PROJECT', { path: written, root: projectRoot }, where);
      }
      return full;
    },
    templateFolder(name, { typed, cwd = process.cwd() }) {
      const isPath = name.includes('/') || name.includes('\\') || name.startsWith('.');
      // Only a path the user typed is theirs to vouch for; a name is looked up in the project.
      const trusted = typed && isPath;
      const candidates = isPath ? [resolve(cwd, name)] : [join(projectRoot, 'templates', name), join(builtinTemplatesDir, name)];
      for (const dir of candidates) {
        const real = realPathOf(dir);
        const root = rootHolding(real, [projectRoot, builtinTemplatesDir]);
        if (!root && !trusted) throw new BriefingError('E_TEMPLATE_OUTSIDE', { path: name, root: projectRoot });
        if (!isRegularFile(join(real, 'template.yaml'))) continue;
        templateRoots.add(root ?? real);
        return dir;
      }
      return undefined;
    },
    write: (path, bytes, rule) => writeAtomic(path, bytes, { ...rule, root: rule.root ?? projectRoot }),
    sourceDate: () => sourceDateEpoch(env).date,
    now: options.now ?? (() => new Date()),
  };
}
