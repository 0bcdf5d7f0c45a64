import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkImage, MAX_IMAGE_PIXELS } from '../../src/document/check-image.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { png, scanlines } from '../helpers/images.js';
import { fixtures, repoRoot } from '../helpers/run-cli.js';

const where = { file: 'report.yaml', line: 3 };
const refused = (bytes: Buffer) => thrownBriefingError(() => checkImage(bytes, 'pics/x.png', where));
const require = createRequire(import.meta.url);
const PDFDocument = require('pdfkit') as new () => { image(b: Buffer, x: number, y: number, o: object): void; end(): void; on(e: string, f: (c?: Buffer) => void): void };

/** Embed with the PDF engine as the typeset stage would; resolves with the PDF's size. */
function embed(bytes: Buffer): Promise<number> {
  // What the executor throws (pdfkit refusing the image) rejects the promise.
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    let size = 0;
    doc.on('data', (c) => (size += c!.length));
    doc.on('end', () => resolve(size));
    doc.image(bytes, 0, 0, { width: 50 });
    doc.end();
  });
}

const VALID: { colorType: number; depth: number }[] = [
  ...[1, 2, 4, 8, 16].map((depth) => ({ colorType: 0, depth })),
  ...[8, 16].map((depth) => ({ colorType: 2, depth })),
  ...[1, 2, 4, 8].map((depth) => ({ colorType: 3, depth })),
  ...[8, 16].map((depth) => ({ colorType: 4, depth })),
  ...[8, 16].map((depth) => ({ colorType: 6, depth })),
];

describe('checkImage', () => {
  it('accepts every colour type, depth and interlacing PNG allows, and the PDF engine embeds each', async () => {
    for (const kind of VALID) {
      for (const interlace of [0, 1] as const) {
        const bytes = png({ width: 13, height: 7, ...kind, interlace });
        expect(checkImage(bytes, 'x.png', where), JSON.stringify(kind)).toMatchObject({ format: 'png', width: 13, height: 7 });
        expect(await embed(bytes)).toBeGreaterThan(0);
      }
    }
  });

  it('accepts the JPEGs a camera or Photoshop writes: baseline, progressive, CMYK', async () => {
    for (const name of ['gradient.jpg', 'progressive.jpg', 'cmyk.jpg']) {
      const bytes = readFileSync(join(fixtures, 'images', name));
      expect(checkImage(bytes, name, where)).toMatchObject({ format: 'jpeg', mime: 'image/jpeg' });
      expect(await embed(bytes)).toBeGreaterThan(0);
    }
    expect(checkImage(readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png')), 'seal', where)).toMatchObject({ width: 300, height: 300 });
  });

  it('refuses a size its header claims before inflating a byte of it', () => {
    // 2147483647 × 2147483647 with one byte of image data: refused from the header alone.
    const huge = refused(png({ width: 2 ** 31 - 1, height: 2 ** 31 - 1, idat: deflateSync(Buffer.alloc(1)) }));
    expect(huge.code).toBe('E_IMAGE_TOO_LARGE');
    expect(huge.message).toContain('2147483647 × 2147483647');
    expect(huge.location).toEqual(where);
    // 20000 × 20000 with transparency: 1.6 GB once decoded.
    expect(refused(png({ width: 20_000, height: 20_000, idat: deflateSync(Buffer.alloc(1)) })).code).toBe('E_IMAGE_TOO_LARGE');
    // Within the pixel count but not the decoded size: 16-bit RGBA.
    expect(refused(png({ width: 3000, height: 3000, depth: 16, idat: deflateSync(Buffer.alloc(1)) })).code).toBe('E_IMAGE_TOO_LARGE');
    expect(3000 * 3000).toBeLessThan(MAX_IMAGE_PIXELS);
  });

  it('refuses damaged PNGs: corrupt or short compressed data, a cut file, a bad filter, no palette', () => {
    const good = png({ width: 20, height: 10 });
    const cases: [Buffer, RegExp][] = [
      [png({ width: 20, height: 10, idat: Buffer.from('not zlib at all, just text') }), /compressed data cannot be read/],
      [png({ width: 20, height: 10, idat: deflateSync(scanlines({ width: 20, height: 5 })) }), /ends early/],
      [png({ width: 20, height: 10, idat: deflateSync(Buffer.concat([scanlines({ width: 20, height: 10 }), Buffer.alloc(100)])) }), /holds more than its header says/],
      [good.subarray(0, good.length - 30), /cut short/],
      [good.subarray(0, 40), /cut short/],
      [good.subarray(0, good.length - 12), /no end chunk/],
      [png({ width: 20, height: 10, filter: 9 }), /unknown filter/],
      [png({ width: 20, height: 10, colorType: 3, noPalette: true }), /palette/],
      [png({ width: 20, height: 10, colorType: 2, depth: 4 }), /impossible colour type/],
      [png({ width: 0, height: 10 }), /size of 0 × 10/],
    ];
    for (const [bytes, reason] of cases) {
      const e = refused(bytes);
      expect(e.code, String(reason)).toBe('E_IMAGE_DAMAGED');
      expect(e.message).toMatch(reason);
      expect(e.message).toContain('pics/x.png');
      // Said in Chinese too: no English word left in the reason (chunk names such as IDAT are codes).
      expect(String(e.params.reasonZh), String(reason)).not.toMatch(/[a-z]{4,}/);
    }
  });

  it('refuses a JPEG cut short anywhere, and anything that is neither PNG nor JPEG', () => {
    const jpeg = readFileSync(join(fixtures, 'images/progressive.jpg'));
    for (let end = 3; end < jpeg.length - 1; end += 7) {
      const e = refused(jpeg.subarray(0, end));
      expect(e.code).toBe('E_IMAGE_DAMAGED');
      expect(String(e.params.reasonZh)).not.toMatch(/[a-z]{4,}/);
    }
    expect(refused(Buffer.from('GIF89a……')).code).toBe('E_IMAGE_INVALID');
    expect(refused(Buffer.alloc(0)).code).toBe('E_IMAGE_INVALID');
  });
});
