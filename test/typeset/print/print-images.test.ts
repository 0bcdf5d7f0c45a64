import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cmykImagePlan, drawCmykImage, embedCmykImage, imageColorModel } from '../../../src/typeset/print/print-images.js';
import { thrownBriefingError } from '../../helpers/briefing-error.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure, type PdfDictValue, type PdfStreamValue } from '../../helpers/pdf-structure.js';
import { deviceColourSpaces } from '../../helpers/pdfa-checks.js';
import { repoRoot } from '../../helpers/run-cli.js';

/** A w × h PNG, left half opaque red, right half half-transparent grey. */
function png(colorType: 2 | 6 = 6): Buffer {
  const img = new PNG({ width: 4, height: 2, colorType, inputHasAlpha: true });
  for (let p = 0; p < 8; p++) {
    const left = p % 4 < 2;
    img.data.set(left ? [255, 0, 0, 255] : [0x33, 0x33, 0x33, colorType === 6 ? 128 : 255], p * 4);
  }
  return PNG.sync.write(img, { colorType });
}

/** The start of a baseline JPEG with `n` components: enough for the header reader. */
const jpegHeader = (n: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 8 + 3 * n, 8, 0, 2, 0, 4, n, ...Array(3 * n).fill(1), 0, 0, 0, 0]);

describe('what an image is, from its header', () => {
  it('reads PNG colour types and JPEG components', () => {
    expect(imageColorModel(png(6))).toEqual({ format: 'png', model: 'rgb', alpha: true });
    expect(imageColorModel(png(2))).toEqual({ format: 'png', model: 'rgb', alpha: false });
    expect(imageColorModel(readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png'))).model).toBe('indexed');
    expect(imageColorModel(jpegHeader(3)).model).toBe('rgb');
    expect(imageColorModel(jpegHeader(4)).model).toBe('cmyk');
    expect(imageColorModel(jpegHeader(1)).model).toBe('gray');
  });

  it('plans: PNG converted, grey and CMYK JPEG as they are, RGB JPEG refused with file and hint', () => {
    expect(cmykImagePlan(png(), 'a.png')).toBe('convert');
    expect(cmykImagePlan(jpegHeader(4), 'c.jpg')).toBe('as-is');
    expect(cmykImagePlan(jpegHeader(1), 'g.jpg')).toBe('as-is');
    const e = thrownBriefingError(() => cmykImagePlan(jpegHeader(3), 'photos/meeting.jpg', { file: 'report.yaml', line: 41, column: 12 }));
    expect(e.code).toBe('E_RGB_IMAGE');
    expect(e.message).toContain('photos/meeting.jpg is RGB');
    expect(e.location).toEqual({ file: 'report.yaml', line: 41, column: 12 });
    expect(e.hintIn('zh')).toMatch(/CMYK/);
  });
});

describe('embedCmykImage', () => {
  async function drawn(bytes: Buffer, fixed = {}) {
    const { doc, end } = pdfkitDocument();
    (doc as unknown as { addPage(): void }).addPage();
    const image = embedCmykImage(doc, bytes, fixed);
    drawCmykImage(doc, image, 50, 60, 120, 60);
    const s = await readStructure(await end());
    const xobjects = s.resolve((s.resolve(s.pages[0]!.Resources) as PdfDictValue).XObject) as PdfDictValue;
    const img = s.resolve(Object.values(xobjects)[0]) as PdfStreamValue;
    return { s, img, image };
  }

  it('writes a DeviceCMYK image, red as 0/100/100/0 and grey on K, alpha as a soft mask', async () => {
    const { s, img } = await drawn(png(6));
    expect(img.dict.ColorSpace).toBe('/DeviceCMYK');
    expect([img.dict.Width, img.dict.Height, img.dict.BitsPerComponent]).toEqual([4, 2, 8]);
    expect([...img.bytes.subarray(0, 4)]).toEqual([0, 255, 255, 0]);
    expect([...img.bytes.subarray(8, 12)]).toEqual([0, 0, 0, 204]);
    const mask = s.resolve(img.dict.SMask) as PdfStreamValue;
    expect(mask.dict.ColorSpace).toBe('/DeviceGray');
    expect([...mask.bytes.subarray(0, 4)]).toEqual([255, 255, 128, 128]);
    expect(deviceColourSpaces(s).has('rgb')).toBe(false);
  });

  it('an opaque image gets no mask; a colour the style fixes gets its mix', async () => {
    const { img } = await drawn(png(2), { '#ff0000': { cmyk: [0, 90, 85, 0] } });
    expect(img.dict.SMask).toBeUndefined();
    expect([...img.bytes.subarray(0, 4)]).toEqual([0, 230, 217, 0]);
  });

  it('converts the 公文 sample seal (a palette PNG with transparency)', async () => {
    const { img, s } = await drawn(readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png')));
    expect(img.dict.ColorSpace).toBe('/DeviceCMYK');
    expect(img.dict.SMask).toBeDefined();
    expect([img.dict.Width, img.dict.Height]).toEqual([300, 300]);
    expect(deviceColourSpaces(s).has('rgb')).toBe(false);
  });
});
