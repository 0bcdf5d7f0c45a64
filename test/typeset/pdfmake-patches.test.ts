import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/orchestrate/build-briefing.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { typesetPdf } from '../../src/typeset/typeset-pdf.js';
import { applyPdfmakePatches } from '../../src/typeset/pdfmake-patches.js';
import { BytesSource } from '../../src/typeset/sfnt/font-source.js';
import { SfntFile } from '../../src/typeset/sfnt/sfnt-file.js';
import { writeSfnt } from '../../src/typeset/sfnt/truetype-subset.js';
import { repoRoot } from '../helpers/run-cli.js';

const require = createRequire(join(repoRoot, 'node_modules/pdfkit/js/pdfkit.js'));

describe('pdfmake patches', () => {
  applyPdfmakePatches();

  it('parse each font once per process: pdfkit gets the same parsed font for the same bytes', () => {
    const fontkit = require('fontkit') as { create(b: Uint8Array, name?: string): unknown; __briefing?: boolean };
    expect(fontkit.__briefing).toBe(true);
    const bytes = readFileSync(join(repoRoot, 'fonts/NotoSansCJKsc-Bold.ttf'));
    expect(fontkit.create(bytes)).toBe(fontkit.create(bytes));
    expect(fontkit.create(Buffer.from(bytes))).not.toBe(fontkit.create(bytes));
  });

  it('serve TrueType fonts without loading fontkit, and load it for a font briefing cannot serve', () => {
    // The stand-in sits at fontkit's own path; restructure is what the real fontkit loads first.
    const realFontkitLoaded = () => Object.keys(require.cache).some((p) => /[\\/]restructure[\\/]/.test(p));
    require('pdfkit');
    const stand = require('fontkit') as { create(b: Uint8Array, name?: string): { constructor: { name: string } } };
    const bytes = readFileSync(join(repoRoot, 'fonts/BriefingKai-Bold.ttf'));
    expect(stand.create(bytes).constructor.name).toBe('TrueTypeFont');
    expect(realFontkitLoaded()).toBe(false);
    // The same tables without outlines, as a CFF font looks to briefing: fontkit's business.
    const file = SfntFile.open(new BytesSource(bytes));
    const tables = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'post', 'OS/2'].map((t) => [t, (file as { font: SfntFile }).font.table(t)] as [string, Uint8Array]);
    expect(stand.create(writeSfnt(tables)).constructor.name).not.toBe('TrueTypeFont');
    expect(realFontkitLoaded()).toBe(true);
  });

  it('defer pdfkit\'s hashing libraries until first used, and they still work then', () => {
    const pdfkitRequire = createRequire(require.resolve('pdfkit'));
    const md5 = pdfkitRequire('js-md5') as ((s: string) => string) & { arrayBuffer(s: string): ArrayBuffer };
    expect(md5('briefing')).toBe(createHash('md5').update('briefing').digest('hex'));
    expect(new Uint8Array(md5.arrayBuffer('briefing')).length).toBe(16);
    const sha2 = pdfkitRequire('@noble/hashes/sha2') as { sha256(d: Uint8Array): Uint8Array };
    expect(Buffer.from(sha2.sha256(Buffer.from('briefing'))).toString('hex')).toBe(createHash('sha256').update('briefing').digest('hex'));
  });

  it('measure an inline with trailingSpacing including the space after its last glyph, per code point', () => {
    const TextInlines = (require('pdfmake/js/TextInlines.js') as { default: new (d: null) => { widthOfText(t: string, i: object): number } }).default;
    const font = { widthOfString: (t: string, size: number) => [...t].length * size };
    const measure = new TextInlines(null);
    expect(measure.widthOfText('二七区', { font, fontSize: 10, characterSpacing: 2 })).toBe(30 + 2 * 2);
    expect(measure.widthOfText('二七区', { font, fontSize: 10, characterSpacing: 2, trailingSpacing: true })).toBe(30 + 2 * 3);
    expect(measure.widthOfText('吉𠮷', { font, fontSize: 10, characterSpacing: 2, trailingSpacing: true })).toBe(20 + 2 * 2);
  });

  it('deflate the font programs it subset at level 1, and page content at pdfkit\'s own level', async () => {
    const prepared = prepareDocument({ dataFile: join(repoRoot, 'templates/bulletin/sample.yaml'), force: true }, { writeCache: false });
    const { pdf } = await typesetPdf(prepared.definition, loadFontSet(prepared.fonts), { readableRoots: [prepared.projectRoot] });
    const text = pdf.toString('latin1');
    const fontFiles = new Set([...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => m[1]));
    let fonts = 0;
    let pages = 0;
    for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\n<<(?:(?!endobj)[^])*?>>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      const stored = pdf.subarray(start, text.indexOf('\nendstream', start));
      const plain = inflateSync(stored);
      if (fontFiles.has(m[1])) {
        fonts++;
        expect(plain.readUInt32BE(0)).toBe(0x00010000); // a TrueType font program
        expect(stored.equals(deflateSync(plain, { level: 1, memLevel: 9 }))).toBe(true);
      } else if (/\bBT\b/.test(plain.toString('latin1'))) {
        pages++;
        expect(stored.equals(deflateSync(plain))).toBe(true);
      }
    }
    expect(fonts).toBe(fontFiles.size);
    expect(fonts).toBeGreaterThan(3);
    expect(pages).toBeGreaterThan(3);
  });
});
