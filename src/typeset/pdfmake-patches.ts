import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { deferLoading, loadBehindStandIn, putStandIn } from './module-stand-in.js';
import { TrueTypeFont } from './sfnt/truetype-font.js';
import { subsetPrograms } from './sfnt/truetype-subset.js';
import { stackProperty, styleProperty, type StyleStack } from './style-lookup.js';
import { canWriteLine, writeLine, type PdfKitWriter, type RenderedLine } from './write-lines.js';

/**
 * Changes to pdfmake 0.3 and pdfkit, applied once when the engine is loaded, each guarded so an
 * upgrade that changes the patched method fails loudly in tests rather than printing wrong PDFs.
 *
 * 1. trailingSpacing: pdfmake measures an inline as its glyphs plus characterSpacing × (length − 1),
 *    but the PDF operator it uses (Tc) adds the spacing after every glyph, the last one too. Our line
 *    breaker decides the space after every glyph, so an inline marked `trailingSpacing` is measured
 *    with the space after its last glyph; lengths count code points, not UTF-16 units, so a
 *    character outside the BMP (𠮷) gets one space, not two. (Fonts briefing serves carry the space
 *    per glyph in their features instead; see sfnt/truetype-font.ts.)
 * 2. syntheticBold: a role with no bold face (仿宋, 楷 in rare characters) prints bold by filling and
 *    stroking the outline. pdfmake hands only `features` through to pdfkit, so the stroke width
 *    rides there and is taken out again before the font sees it.
 * 3. fonts are opened once, and TrueType ones by briefing itself: pdfkit's `require('fontkit')`
 *    gets a stand-in (see serveFonts) that serves TrueType fonts from sfnt/truetype-font.ts (no
 *    table decoding, no shaping, a byte-copying subsetter) and loads fontkit only for others (CFF,
 *    variable). Either way the opened font is kept per Buffer, so a batch reuses it across its
 *    documents; pdfkit's subset stays per document.
 * 4. pdfkit's encryption and hashing libraries load on first use, which in briefing is never.
 * 5. Lines set in fonts briefing serves are written as one text object each (write-lines.ts) rather
 *    than one per inline; any other line still goes through pdfmake's Renderer.renderLine.
 * 6. Style lookups (StyleContextStack.getStyleProperty, #getProperty) give the same answers without
 *    pushing, popping and allocating for each property asked (style-lookup.ts).
 * 7. Font programs briefing subset are deflated at zlib level 1 (memLevel 9) instead of 6. Glyph
 *    outlines hardly compress (312 KB → 210 KB in the bulletin at level 6, 219 KB at level 1), and
 *    at level 6 they were the most expensive thing in writing a PDF; level 1 takes 35–55 % less
 *    time for 4 % more bytes. Page content keeps pdfkit's level.
 */
interface TextInlinesClass {
  prototype: { widthOfText(text: string, inline: PatchedInline): number; __briefing?: boolean };
}
interface PatchedInline {
  font: { widthOfString(text: string, size: number, features?: unknown): number };
  fontSize: number;
  fontFeatures?: unknown;
  characterSpacing?: number;
  trailingSpacing?: boolean;
}
interface PdfReference {
  data: Record<string, unknown>;
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}
interface StyleContextStackClass {
  getStyleProperty(item: unknown, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
  prototype: {
    getProperty(this: StyleStack, property: string): unknown;
    __briefing?: boolean;
  };
}
interface RendererClass {
  prototype: {
    renderLine(this: { pdfDocument: PdfKitWriter }, line: RenderedLine, x: number, y: number): void;
    __briefing?: boolean;
  };
}
interface PdfKitDocument {
  prototype: {
    text(this: PdfKitLike, text: string, x: number, y: number, options?: TextOptions): unknown;
    ref(this: unknown, data: object): PdfReference;
    __briefing?: boolean;
  };
}
interface PdfKitLike {
  save(): PdfKitLike;
  restore(): PdfKitLike;
  lineWidth(w: number): PdfKitLike;
  strokeColor(c: unknown): PdfKitLike;
  _fillColor?: unknown[];
}
interface TextOptions {
  features?: Record<string, unknown> & { syntheticBold?: number };
  fill?: boolean;
  stroke?: boolean;
}

export const SYNTHETIC_BOLD_KEY = 'syntheticBold';

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): unknown;
}

const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();
const served = new WeakMap<Uint8Array, TrueTypeFont>();
const handles = new WeakMap<TrueTypeFont, Buffer>();

/**
 * What to hand pdfmake for a font briefing serves itself: pdfmake wants bytes, but the font is
 * read from its file as needed. The handle (the font's first bytes) stands for it; the fontkit
 * wrapper below knows it by identity and returns the served font.
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

/**
 * pdfkit's `require('fontkit')` is answered from the module cache with briefing's own stand-in,
 * put there before pdfkit first loads: its `create` serves TrueType fonts itself and loads the
 * real fontkit (~150 ms of module loading) only for a font it cannot serve, such as a user's CFF
 * font. Whatever it opens is kept per Buffer, so a batch reuses it across its documents.
 */
function serveFonts(require: NodeJS.Require): void {
  const fontkitPath = createRequire(require.resolve('pdfkit')).resolve('fontkit');
  if ((require.cache[fontkitPath]?.exports as { __briefing?: boolean } | undefined)?.__briefing) return;
  const loaded = require.cache[fontkitPath]?.exports as FontkitModule | undefined;
  let real: FontkitModule | undefined = loaded;
  const loadReal = (): FontkitModule => (real ??= loadBehindStandIn<FontkitModule>(require, fontkitPath));
  const exports = {
    __briefing: true,
    create(buffer: Uint8Array, postscriptName?: string) {
      let byName = parsed.get(buffer);
      if (!byName) parsed.set(buffer, (byName = new Map()));
      const key = postscriptName ?? '';
      if (!byName.has(key)) byName.set(key, served.get(buffer) ?? TrueTypeFont.open(buffer, postscriptName) ?? loadReal().create(buffer, postscriptName));
      return byName.get(key);
    },
  };
  putStandIn(require, fontkitPath, exports);
}

/** pdfkit loads these up front for encryption, file IDs and attachments; briefing uses none. */
const UNUSED_BY_BRIEFING = ['js-md5', '@noble/hashes/sha2', '@noble/hashes/utils', '@noble/ciphers/aes'];

/** pdfkit's stream objects (PDFReference) are not exported: one made on a stand-in document shows their class. */
function compressFontsFaster(pdfDocument: PdfKitDocument): void {
  const reference = Object.getPrototypeOf(pdfDocument.prototype.ref.call({ _offsets: [], _waiting: 0, compress: false }, {})) as PdfReference;
  const finalize = reference.finalize;
  if (typeof finalize !== 'function' || finalize.length !== 0) throw new Error('pdfkit PDFReference.finalize changed; review src/typeset/pdfmake-patches.ts');
  reference.finalize = function finalizeStream(this: PdfReference) {
    const program = this.buffer.length === 1 && subsetPrograms.has(this.buffer[0]!) ? this.buffer[0]! : undefined;
    // (print) A FontFile2 stream states its program's decoded length: ISO 32000-1 Table 127
    // requires /Length1 for TrueType, and PDF/A validators check it. pdfkit leaves it out.
    if (program) this.data.Length1 = program.length;
    if (program && this.compress) {
      // write() has already set /Filter /FlateDecode; finalize then writes these bytes as they are.
      this.buffer = [deflateSync(program, { level: 1, memLevel: 9 })];
      this.compress = false;
    }
    finalize.call(this);
  };
}

export function applyPdfmakePatches(): void {
  const require = createRequire(import.meta.url);
  serveFonts(require);
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  for (const name of UNUSED_BY_BRIEFING) deferLoading(pdfkitRequire, pdfkitRequire.resolve(name));
  const textInlines = (require('pdfmake/js/TextInlines.js') as { default: TextInlinesClass }).default;
  if (!textInlines.prototype.__briefing) {
    const original = textInlines.prototype.widthOfText;
    if (typeof original !== 'function' || original.length !== 2) throw new Error('pdfmake TextInlines.widthOfText changed; review src/typeset/pdfmake-patches.ts');
    textInlines.prototype.widthOfText = function widthOfText(text, inline) {
      if (!inline.trailingSpacing) return original.call(this, text, inline);
      const glyphs = [...text].length;
      return inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing ?? 0) * glyphs;
    };
    textInlines.prototype.__briefing = true;
  }

  const pdfDocument = (require('pdfmake/js/PDFDocument.js') as { default: PdfKitDocument }).default;
  if (!pdfDocument.prototype.__briefing) {
    const text = pdfDocument.prototype.text;
    pdfDocument.prototype.text = function patchedText(this: PdfKitLike, str, x, y, options) {
      const stroke = options?.features?.[SYNTHETIC_BOLD_KEY];
      if (!stroke || !options?.features) return text.call(this, str, x, y, options);
      const { [SYNTHETIC_BOLD_KEY]: _omit, ...features } = options.features;
      this.save();
      this.lineWidth(stroke as number);
      this.strokeColor(this._fillColor?.[0] ?? 'black');
      const result = text.call(this, str, x, y, { ...options, features: Object.keys(features).length ? features : undefined, fill: true, stroke: true });
      this.restore();
      return result;
    };
    compressFontsFaster(pdfDocument);
    pdfDocument.prototype.__briefing = true;
  }

  const styles = (require('pdfmake/js/StyleContextStack.js') as { default: StyleContextStackClass }).default;
  if (!styles.prototype.__briefing) {
    if (styles.getStyleProperty.length !== 4 || styles.prototype.getProperty.length !== 1) throw new Error('pdfmake StyleContextStack changed; review src/typeset/pdfmake-patches.ts');
    styles.getStyleProperty = styleProperty;
    styles.prototype.getProperty = function getProperty(property) {
      return stackProperty(this, property);
    };
    styles.prototype.__briefing = true;
  }

  const renderer = (require('pdfmake/js/Renderer.js') as { default: RendererClass }).default;
  if (!renderer.prototype.__briefing) {
    const renderLine = renderer.prototype.renderLine;
    if (typeof renderLine !== 'function' || renderLine.length !== 3) throw new Error('pdfmake Renderer.renderLine changed; review src/typeset/pdfmake-patches.ts');
    renderer.prototype.renderLine = function patchedRenderLine(line, x, y) {
      if (canWriteLine(line, SYNTHETIC_BOLD_KEY) && writeLine(this.pdfDocument, line, x || 0, y || 0)) return;
      renderLine.call(this, line, x, y);
    };
    renderer.prototype.__briefing = true;
  }
}
