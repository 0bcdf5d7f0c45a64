import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants as zlibConstants, deflateSync } from 'node:zlib';
import { deferLoading, loadBehindStandIn, putStandIn } from '../module-stand-in.js';
import { TrueTypeFont } from '../sfnt/truetype-font.js';
import { subsetPrograms } from '../sfnt/truetype-subset.js';

/**
 * What briefing changes in pdfkit, applied once when it is first loaded. Each change names the
 * exact version it was written against and checks the shape of what it replaces, so an upgrade
 * fails loudly at start-up (and in the tests) instead of printing wrong PDFs. To move to a new
 * pdfkit or fontkit: read the changed methods, adjust the patch, and update PINNED (see
 * docs/architecture.md).
 *
 * 1. Fonts: pdfkit's `require('fontkit')` gets a stand-in that serves TrueType fonts from
 *    sfnt/truetype-font.ts (no table decoding, no shaping, a byte-copying subsetter) and loads
 *    fontkit only for others (CFF, variable). Whatever it opens is kept per Buffer, so a batch
 *    reuses it across documents; pdfkit's subset stays per document.
 * 2. pdfkit's encryption and hashing libraries, its line breaker and its PNG decoder load on first
 *    use, which in briefing is rare or never.
 * 3. Font programs briefing subset carry /Length1, and are deflated with Huffman coding only (no
 *    string matching): glyph outlines are nearly free of repeats, so in the bulletin the fonts'
 *    304 KB become 249 KB this way in 2.5 ms, against 214 KB in 7 ms at level 1 and 206 KB at
 *    level 6 (docs/performance.md has the decision). Page content and the other streams pdfkit
 *    compresses (ToUnicode maps) are deflated at level 1 instead of pdfkit's 6: 1.7 ms instead
 *    of 4.7 for the bulletin's 71 KB, which become 16.7 KB instead of 15.4.
 * 4. Every new document opens pdfkit's default font, Helvetica, which parses its AFM metrics
 *    (5 % of a warm document's time). briefing never draws in it, but it is the document's first
 *    font (F1) and the current one: a document gets the same font object, sharing the metrics
 *    parsed for the first, so the PDF stays byte for byte what it was.
 */
export const PINNED = { pdfkit: '0.19.1', fontkit: '2.0.4' } as const;

export interface PdfReference {
  data: Record<string, unknown>;
  compress: boolean;
  buffer: Uint8Array[];
  finalize: (this: PdfReference) => void;
}

interface PdfKitClass {
  new (options: Record<string, unknown>): unknown;
  prototype: { ref(this: unknown, data: object): PdfReference; initFonts: InitFonts; __briefing?: boolean };
}

/** pdfkit's FontsMixin state that initFonts sets up. */
interface FontState {
  _fontCount: number;
  _fontSource: unknown;
  _fontFamilies: Record<string, unknown>;
  _font: unknown;
}
type InitFonts = (this: FontState, defaultFont?: string | null, defaultFontFamily?: string | null, defaultFontSize?: number) => void;

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): unknown;
}

/**
 * Which fonts stand behind which bytes. The stand-in is installed into pdfkit once per process by
 * whichever copy of this module comes first (the bundle, tsc's dist/, or the sources under a test
 * runner), so every copy must read and write the same tables: they hang off the global object.
 */
interface FontTables {
  parsed: WeakMap<Uint8Array, Map<string, unknown>>;
  served: WeakMap<Uint8Array, TrueTypeFont>;
  handles: WeakMap<TrueTypeFont, Buffer>;
}
const tablesKey = Symbol.for('briefing.pdfkit-font-tables');
const { parsed, served, handles } = ((globalThis as { [tablesKey]?: FontTables })[tablesKey] ??= {
  parsed: new WeakMap(),
  served: new WeakMap(),
  handles: new WeakMap(),
});

/**
 * What to hand pdfkit for a font briefing serves itself: pdfkit wants bytes, but the font is read
 * from its file as needed. The handle (the font's first bytes) stands for it; the fontkit stand-in
 * knows it by identity and returns the served font.
 */
export function handleOf(font: TrueTypeFont): Buffer {
  let handle = handles.get(font);
  if (!handle) {
    handle = Buffer.from(font.file.table('head'));
    handles.set(font, handle);
    served.set(handle, font);
  }
  return handle;
}

/** The version of an installed package, read from its package.json next to its entry. */
function versionOf(require: NodeJS.Require, entry: string, name: string): string {
  let dir = dirname(require.resolve(entry));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // not here: one folder up
    }
  }
  return '?';
}

/** Refuse to run on a pdfkit or fontkit the patches were not written for. */
export function checkPinnedVersions(require: NodeJS.Require = createRequire(import.meta.url)): void {
  const pdfkit = versionOf(require, 'pdfkit', 'pdfkit');
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  const fontkit = versionOf(pdfkitRequire, 'fontkit', 'fontkit');
  if (pdfkit !== PINNED.pdfkit || fontkit !== PINNED.fontkit) {
    throw new Error(`briefing's pdfkit patches were written for pdfkit ${PINNED.pdfkit} and fontkit ${PINNED.fontkit}, found ${pdfkit} and ${fontkit}; reinstall with npm ci, or review src/typeset/draw/pdfkit-patches.ts`);
  }
}

function serveFonts(require: NodeJS.Require): void {
  const fontkitPath = createRequire(require.resolve('pdfkit')).resolve('fontkit');
  if ((require.cache[fontkitPath]?.exports as { __briefing?: boolean } | undefined)?.__briefing) return;
  let real = require.cache[fontkitPath]?.exports as FontkitModule | undefined;
  const loadReal = (): FontkitModule => (real ??= loadBehindStandIn<FontkitModule>(require, fontkitPath));
  putStandIn(require, fontkitPath, {
    __briefing: true,
    create(buffer: Uint8Array, postscriptName?: string) {
      let byName = parsed.get(buffer);
      if (!byName) parsed.set(buffer, (byName = new Map<string, unknown>()));
      const key = postscriptName ?? '';
      if (!byName.has(key)) byName.set(key, served.get(buffer) ?? TrueTypeFont.open(buffer, postscriptName) ?? loadReal().create(buffer, postscriptName));
      return byName.get(key);
    },
  });
}

/**
 * pdfkit loads these up front: for encryption, file IDs and attachments; for its own text layout
 * (linebreak, which inflates a Unicode table as it loads: 10 % of a cold build's typesetting),
 * which briefing never calls since it sets its lines itself; and for PNG images (png-js), which
 * only some documents have.
 */
const DEFERRED = ['js-md5', '@noble/hashes/sha2', '@noble/hashes/utils', '@noble/ciphers/aes', 'linebreak', 'png-js'];

/** How font programs are deflated (3. above). */
export const FONT_DEFLATE = { level: 1, memLevel: 9, strategy: zlibConstants.Z_HUFFMAN_ONLY } as const;
/** How every other stream pdfkit would compress is deflated (3. above). */
export const STREAM_DEFLATE = { level: 1, memLevel: 9 } as const;

/** pdfkit's stream objects (PDFReference) are not exported: one made on a stand-in document shows their class. */
function compressFaster(pdfDocument: PdfKitClass): void {
  const reference = Object.getPrototypeOf(pdfDocument.prototype.ref.call({ _offsets: [], _waiting: 0, compress: false }, {})) as PdfReference;
  const finalize = reference.finalize;
  if (typeof finalize !== 'function' || finalize.length !== 0) throw new Error('pdfkit PDFReference.finalize changed; review src/typeset/draw/pdfkit-patches.ts');
  reference.finalize = function finalizeStream(this: PdfReference) {
    const program = this.buffer.length === 1 && subsetPrograms.has(this.buffer[0]!) ? this.buffer[0]! : undefined;
    // A FontFile2 stream states its program's decoded length: ISO 32000-1 Table 127 requires
    // /Length1 for TrueType, and PDF/A validators check it. pdfkit leaves it out.
    if (program) this.data.Length1 = program.length;
    if (this.compress && this.buffer.length) {
      // write() has already set /Filter /FlateDecode; finalize then writes these bytes as they are.
      this.buffer = [program ? deflateSync(program, FONT_DEFLATE) : deflateSync(Buffer.concat(this.buffer), STREAM_DEFLATE)];
      this.compress = false;
    }
    finalize.call(this);
  };
}

/** Fields of pdfkit's StandardFont as its constructor leaves them (PDFFont adds the rest when used). */
const STANDARD_FONT_FIELDS = ['font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'] as const;

/**
 * initFonts(): what `this.font('Helvetica')` leaves — a StandardFont with the next id, cached
 * under its name, current — but made from the first document's Helvetica instead of parsing its
 * AFM file again. The parsed metrics (AFMFont) are only read after parsing.
 */
function shareDefaultFont(pdfDocument: PdfKitClass): void {
  const initFonts = pdfDocument.prototype.initFonts;
  if (typeof initFonts !== 'function') throw new Error('pdfkit initFonts changed; review src/typeset/draw/pdfkit-patches.ts');
  let first: Record<string, unknown> | undefined;
  pdfDocument.prototype.initFonts = function initFontsShared(this: FontState, defaultFont = 'Helvetica', defaultFontFamily = null, defaultFontSize = 12) {
    if (defaultFont !== 'Helvetica' || defaultFontFamily !== null || !first) {
      initFonts.call(this, defaultFont, defaultFontFamily, defaultFontSize);
      if (defaultFont === 'Helvetica' && defaultFontFamily === null) {
        const font = this._font as Record<string, unknown>;
        // Only a font exactly as the constructor made it can stand for the next: nothing embedded yet.
        if (font.constructor.name === 'StandardFont' && font.name === 'Helvetica' && font.id === 'F1' && this._fontCount === 1) first = font;
      }
      return;
    }
    initFonts.call(this, null, null, defaultFontSize);
    const font = Object.create(Object.getPrototypeOf(first) as object) as Record<string, unknown>;
    // In the constructor's order, so the object has the same shape as one it made.
    font.document = this;
    font.name = 'Helvetica';
    font.id = `F${++this._fontCount}`;
    for (const key of STANDARD_FONT_FIELDS) font[key] = first[key];
    this._fontSource = 'Helvetica';
    this._fontFamilies.Helvetica = font;
    this._font = font;
  };
}

/**
 * A run's glyphs as a line writes them: each glyph's id in the subset as four hex digits, its
 * advance with the space after it and its own width (pt/1000 em), and how many characters it
 * stands for. Arrays, not an object per glyph: a bulletin writes some ten thousand glyphs.
 */
export interface EncodedRun {
  hex: string[];
  xAdvance: Float64Array;
  advanceWidth: Float64Array;
  chars: number[];
}

/** The part of pdfkit's EmbeddedFont that encode() reads and fills. */
interface EmbeddedFontInternals {
  font: unknown;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
}

/** Subset glyph ids as pdfkit spells them: four hex digits. */
const hexIds: string[] = [];
export const hexId = (gid: number): string => (hexIds[gid] ??= `0000${gid.toString(16)}`.slice(-4));

/**
 * pdfkit's EmbeddedFont.encode(text, features) for a font briefing serves (sfnt/truetype-font.ts):
 * the same glyphs, subset ids, widths and ToUnicode entries, and the same positions, computed
 * the same way (font units × scale), but made fresh for the caller to add its spacing to, with
 * how many characters each glyph stands for. pdfkit's own path lays out the text a word at a
 * time through a per-document cache that never hits for set lines, and scales each position
 * field by field (a third of drawing). Undefined for a font fontkit reads: use encode() then.
 */
export function encodeServed(pdfFont: unknown, text: string, features?: Record<string, unknown>): EncodedRun | undefined {
  const f = pdfFont as EmbeddedFontInternals;
  if (!(f.font instanceof TrueTypeFont)) return undefined;
  const { glyphs, advances } = f.font.glyphsOf(text, features);
  const scale = f.scale;
  const n = glyphs.length;
  const hex = new Array<string>(n);
  const xAdvance = new Float64Array(n);
  const advanceWidth = new Float64Array(n);
  const chars = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const glyph = glyphs[i]!;
    const gid = f.subset.includeGlyph(glyph.id);
    hex[i] = hexId(gid);
    if (f.widths[gid] == null) f.widths[gid] = glyph.advanceWidth * scale;
    if (f.unicode[gid] == null) f.unicode[gid] = glyph.codePoints;
    xAdvance[i] = advances[i]! * scale;
    advanceWidth[i] = glyph.advanceWidth * scale;
    chars[i] = glyph.codePoints.length;
  }
  return { hex, xAdvance, advanceWidth, chars };
}

let pdfkitClass: PdfKitClass | undefined;

/** pdfkit's PDFDocument, patched; loaded here and only here, so commands that do not typeset never pay for it. */
export function loadPdfKit(): PdfKitClass {
  if (pdfkitClass) return pdfkitClass;
  const require = createRequire(import.meta.url);
  checkPinnedVersions(require);
  serveFonts(require);
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  for (const name of DEFERRED) deferLoading(pdfkitRequire, pdfkitRequire.resolve(name));
  const PDFDocument = require('pdfkit') as PdfKitClass;
  if (typeof PDFDocument.prototype.ref !== 'function' || PDFDocument.prototype.ref.length !== 1) {
    throw new Error('pdfkit PDFDocument.ref changed; review src/typeset/draw/pdfkit-patches.ts');
  }
  if (!PDFDocument.prototype.__briefing) {
    compressFaster(PDFDocument);
    shareDefaultFont(PDFDocument);
    PDFDocument.prototype.__briefing = true;
  }
  return (pdfkitClass = PDFDocument);
}
