import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import { cacheSlot } from '../host/caches.js';
import { fileStamp } from '../host/gate.js';
import { createHost, type Host } from '../host/host.js';
import { bundledFontsDir } from '../project/paths.js';
import type { FontFileSpec } from '../project/load-config.js';
import { Coverage } from './coverage.js';
import { mappedCodePoints } from './sfnt/cmap.js';
import { glyphIndexProblem } from './sfnt/check-glyph-index.js';
import { FileSource } from './sfnt/font-source.js';
import { SfntFile } from './sfnt/sfnt-file.js';
import { TrueTypeFont } from './sfnt/truetype-font.js';

/** Vertical metrics in font units: hhea ascent/descent, as pdfkit uses them for line height. */
export interface SfntMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

/** One font file as a face of a role. Its bytes, metrics and coverage are read on first use. */
export interface Face {
  role: string;
  weight: 'normal' | 'bold';
  file: string;
  /** For a TrueType collection: which font in it. */
  postscriptName?: string;
  /** The name the font is registered under with pdfkit. */
  key: string;
  /** The font's tables, read as needed. */
  sfnt(): SfntFile;
  /** The font as briefing serves it to pdfkit, or undefined for one only fontkit reads (CFF). */
  truetype(): TrueTypeFont | undefined;
  /** The whole file, for fonts fontkit must read. */
  bytes(): Buffer;
  metrics(): SfntMetrics;
  coverage(): Coverage;
}

export interface RoleFaces {
  normal: Face;
  bold?: Face;
}

/** The fonts of a build: every role, and the order in which roles stand in for one another. */
export interface FontSet {
  roles: ReadonlyMap<string, RoleFaces>;
  /** Roles to try, in order, for a character the role's own font lacks. */
  chain(role: string): string[];
}

interface Manifest {
  fonts: Record<string, { file: string; postscriptName?: string; coverage: string }>;
  roles: Record<string, { normal: string; bold?: string; extra?: string[] }>;
}

/** Which roles look most alike, so a missing character borrows the nearest style. */
const NEAREST: Record<string, string[]> = {
  serif: ['sans', 'kai', 'fangsong'],
  sans: ['serif', 'kai', 'fangsong'],
  kai: ['fangsong', 'serif', 'sans'],
  fangsong: ['serif', 'kai', 'sans'],
};
const FALLBACK_ROLE = 'fallback';

/** A font opened through a host, by file and name: a batch (one set of caches) opens each once. */
interface OpenedFont {
  sfnt: SfntFile;
  source: FileSource;
  stamp: string;
  /** For a font outside the bundle: the characters its cmap maps. */
  coverage?: Coverage;
  metrics: SfntMetrics;
  truetype?: TrueTypeFont | null;
  bytes?: Buffer;
}
/** Each holds its file open while the caches live (font-source.ts); closing the caches closes them. */
const OPENED_FONTS = cacheSlot('opened fonts', () => new Map<string, OpenedFont>(), (fonts) => {
  for (const font of fonts.values()) font.source.close();
});
const BUNDLED_COVERAGES = cacheSlot('bundled fonts\' coverage', () => new Map<string, Coverage>());
const MANIFEST = cacheSlot('bundled font manifest', (): { manifest?: Manifest } => ({}));

/** A bundled font's coverage, parsed from the manifest once per set of caches. */
function bundledCoverage(host: Host, id: string, compact: string): Coverage {
  const coverages = host.caches.get(BUNDLED_COVERAGES);
  let c = coverages.get(id);
  if (!c) coverages.set(id, (c = Coverage.parse(compact)));
  return c;
}

function readManifest(host: Host): Manifest {
  const held = host.caches.get(MANIFEST);
  return (held.manifest ??= JSON.parse(host.read('package', join(bundledFontsDir, 'manifest.json')).toString('utf8')) as Manifest);
}

/**
 * The bundled fonts, with any role the project's config maps to its own files replaced. Font
 * files are opened through the host: bundled ones only from briefing's fonts/, the config's from
 * anywhere, but only regular files named .ttf/.otf/.ttc/.otc that parse as fonts. They are kept
 * open, and shared, in the host's caches; the default host's (tests, `briefing fonts`) are never
 * closed, so their files stay open until the process ends.
 */
export function loadFontSet(overrides: Record<string, FontFileSpec> = {}, host: Host = createHost({ projectRoot: process.cwd() })): FontSet {
  const manifest = readManifest(host);
  const roles = new Map<string, RoleFaces>();
  const bundled = (role: string, id: string, weight: Face['weight']): Face => {
    const entry = manifest.fonts[id]!;
    return lazyFace(host, role, weight, join(bundledFontsDir, entry.file), undefined, () => bundledCoverage(host, id, entry.coverage));
  };
  for (const [role, spec] of Object.entries(manifest.roles)) {
    roles.set(role, { normal: bundled(role, spec.normal, 'normal'), ...(spec.bold ? { bold: bundled(role, spec.bold, 'bold') } : {}) });
    (spec.extra ?? []).forEach((id, i) => roles.set(`${role}-${i + 2}`, { normal: bundled(`${role}-${i + 2}`, id, 'normal') }));
  }
  for (const [role, spec] of Object.entries(overrides)) {
    const face = (f: string | [string, string], weight: Face['weight']) =>
      Array.isArray(f) ? lazyFace(host, role, weight, f[0], f[1]) : lazyFace(host, role, weight, f);
    roles.set(role, { normal: face(spec.normal, 'normal'), ...(spec.bold ? { bold: face(spec.bold, 'bold') } : {}) });
  }
  const fallbacks = [...roles.keys()].filter((r) => r === FALLBACK_ROLE || r.startsWith(`${FALLBACK_ROLE}-`));
  return {
    roles,
    chain(role) {
      const near = NEAREST[role] ?? Object.keys(NEAREST);
      const others = [...roles.keys()].filter((r) => r !== role && !near.includes(r) && !fallbacks.includes(r));
      return [role, ...near, ...others, ...fallbacks].filter((r, i, all) => roles.has(r) && all.indexOf(r) === i);
    },
  };
}

/** Size and modification time: a font file replaced while `watch` runs is opened anew. */
function stampOf(role: string, file: string): string {
  const stamp = fileStamp(file);
  if (stamp === undefined) throw new BriefingError('E_FONT_MISSING', { role, path: file }, { file });
  return stamp;
}

function openFont(host: Host, role: string, file: string, postscriptName: string | undefined, configured: boolean): OpenedFont {
  const key = `${file}#${postscriptName ?? ''}`;
  const stamp = stampOf(role, file);
  const openedFonts = host.caches.get(OPENED_FONTS);
  let font = openedFonts.get(key);
  if (font && font.stamp !== stamp) {
    font.source.close();
    font = undefined;
  }
  if (!font) {
    const missing = () => new BriefingError('E_FONT_MISSING', { role, path: file }, { file });
    const opened = host.open('font', file, { typed: configured, role, missing });
    const source = FileSource.fromDescriptor(opened.fd, opened.size);
    const check = SfntFile.open(source, postscriptName);
    // A font the config names is checked further: a damaged glyph index prints text invisibly.
    const damaged = !check.ok ? { reason: check.reason, reasonZh: check.reasonZh } : configured ? glyphIndexProblem(check.font) : undefined;
    if (!check.ok || damaged !== undefined) {
      source.close();
      throw new BriefingError('E_FONT_INVALID', { role, path: file, ...(damaged ?? { reason: '', reasonZh: '' }) }, { file });
    }
    const head = check.font.view('head');
    const hhea = check.font.view('hhea');
    const metrics = { unitsPerEm: head.getUint16(18), ascent: hhea.getInt16(4), descent: hhea.getInt16(6) };
    openedFonts.set(key, (font = { sfnt: check.font, source, stamp, metrics }));
  }
  return font;
}

function lazyFace(host: Host, role: string, weight: Face['weight'], file: string, postscriptName?: string, coverage?: () => Coverage): Face {
  let cov: Coverage | undefined;
  let font: OpenedFont | undefined;
  // Only a bundled face comes with its coverage; every other file was named in the config.
  const configured = !coverage;
  const opened = () => (font ??= openFont(host, role, file, postscriptName, configured));
  const face: Face = {
    role,
    weight,
    file,
    postscriptName,
    key: `${role}-${weight}:${file}`,
    sfnt: () => opened().sfnt,
    metrics: () => opened().metrics,
    truetype() {
      const f = opened();
      if (f.truetype === undefined) f.truetype = TrueTypeFont.from(f.sfnt) ?? null;
      return f.truetype ?? undefined;
    },
    bytes() {
      const f = opened();
      return (f.bytes ??= host.read('font', file, { typed: configured, role, missing: () => new BriefingError('E_FONT_MISSING', { role, path: file }, { file }) }));
    },
    coverage() {
      if (coverage) return (cov ??= coverage());
      const f = opened();
      return (f.coverage ??= coverageFromFont(face));
    },
  };
  return face;
}

/** A user's own font has no manifest entry: read which characters its cmap maps. */
function coverageFromFont(face: Face): Coverage {
  const mapped = mappedCodePoints(face.sfnt());
  if (mapped) return Coverage.fromCodePoints(mapped);
  // A cmap briefing cannot read itself (a symbol or legacy encoding): ask fontkit (through
  // draw/pdfkit-patches.ts's wrapper, which leaves every font it cannot serve to fontkit).
  const require = createRequire(import.meta.url);
  const fontkit = require('fontkit') as { create(b: Buffer, name?: string): { characterSet: number[] } };
  try {
    return Coverage.fromCodePoints(fontkit.create(face.bytes(), face.postscriptName).characterSet);
  } catch (e) {
    if (e instanceof BriefingError) throw e;
    throw new BriefingError('E_FONT_INVALID', { role: face.role, path: face.file, reason: (e as Error).message, reasonZh: `原文：“${(e as Error).message}”` }, { file: face.file });
  }
}

