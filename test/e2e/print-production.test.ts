import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { buildBriefing } from '../../src/orchestrate/build-briefing.js';
import { readPaths } from '../helpers/pdf-paths.js';
import { readStructure, type PdfDictValue, type PdfStreamValue } from '../helpers/pdf-structure.js';
import { qpdfRun, qpdfProblems } from '../helpers/pdf-tools.js';
import { deviceColourSpaces } from '../helpers/pdfa-checks.js';
import { pdfxViolations } from '../helpers/pdfx-checks.js';
import { readPdf } from '../helpers/read-pdf.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';
import { buildWith, MM, photoPng, SAMPLES, sampleProject } from '../helpers/sample-build.js';
import { taggedViolations } from '../helpers/tagged-checks.js';

// Print production (issue 20) on the samples: page boxes, bleed and marks, CMYK, read back from
// the files the page composer writes.

const A4 = { width: 210 * MM, height: 297 * MM };
type Box = [number, number, number, number];
const near = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 2));

function written(pdf: Buffer): string {
  const file = join(tempDir(), 'p.pdf');
  writeFileSync(file, pdf);
  return file;
}

/** The bulletin with a colour band from the paper's top edge on its first page (style.yaml page.band). */
function bandProject(): string {
  const dir = sampleProject('bulletin');
  const style = join(dir, 'style.yaml');
  writeFileSync(style, readFileSync(style, 'utf8').replace(/^page:\n/m, 'page:\n  band: { color: "#f6e3e3", height: 40mm }\n'));
  const report = join(dir, 'report.yaml');
  writeFileSync(report, readFileSync(report, 'utf8').replace('template: bulletin', `template: ${dir}`));
  return dir;
}

describe('--bleed and --marks: the page boxes', () => {
  it('--bleed 3mm: MediaBox and BleedBox 6 mm larger than the TrimBox each way, the page drawn on the trim', async () => {
    const plain = await buildWith({}, { template: 'bulletin' });
    const bled = await buildWith({ bleed: 3 * MM }, { template: 'bulletin' });
    const s = await readStructure(bled);
    for (const page of s.pages) {
      near(page.TrimBox as Box, [3 * MM, 3 * MM, A4.width + 3 * MM, A4.height + 3 * MM]);
      near(page.MediaBox as Box, [0, 0, A4.width + 6 * MM, A4.height + 6 * MM]);
      near(page.BleedBox as Box, page.MediaBox as Box);
    }
    // Every line where it was on the plain page, 3 mm right and down.
    const [a, b] = [await readPdf(written(plain)), await readPdf(written(bled))];
    expect(b.pages).toHaveLength(a.pages.length);
    const [first, moved] = [a.pages[0]!.items, b.pages[0]!.items];
    expect(moved).toHaveLength(first.length);
    first.forEach((item, i) => {
      expect(moved[i]!.str).toBe(item.str);
      expect(moved[i]!.x - item.x).toBeCloseTo(3 * MM, 2);
      expect(moved[i]!.y - item.y).toBeCloseTo(3 * MM, 2);
    });
    // A plain build is as it was: no print boxes.
    expect((await readStructure(plain)).pages[0]!.TrimBox).toBeUndefined();
  });

  it('--marks crop,registration: a slug around the bleed for the marks, the boxes nested', async () => {
    const s = await readStructure(await buildWith({ bleed: 3 * MM, marks: ['crop', 'registration'] }, { template: 'gongwen' }));
    const slug = 9 * MM; // marks begin 3 mm out, run 5 mm, 1 mm to the edge
    for (const page of s.pages) {
      near(page.TrimBox as Box, [slug, slug, A4.width + slug, A4.height + slug]);
      near(page.BleedBox as Box, [slug - 3 * MM, slug - 3 * MM, A4.width + slug + 3 * MM, A4.height + slug + 3 * MM]);
      near(page.MediaBox as Box, [0, 0, A4.width + 2 * slug, A4.height + 2 * slug]);
    }
  });

  it('runs a band from the top edge out to the bleed on the edges it touches, on the first page only', async () => {
    const dir = bandProject();
    const band = async (bleed: number) => {
      const paths = await readPaths(written(await buildWith(bleed ? { bleed } : {}, { dir })));
      const big = (p: { x1: number; x0: number }) => p.x1 - p.x0 > A4.width - 1;
      return { first: paths[0]!.paths.filter((p) => p.paint === 'fill' && big(p)), second: paths[1]!.paths.filter((p) => p.paint === 'fill' && big(p) && p.y0 < 1) };
    };
    const plain = await band(0);
    expect(plain.first).toHaveLength(1);
    near([plain.first[0]!.x0, plain.first[0]!.y0, plain.first[0]!.x1, plain.first[0]!.y1], [0, 0, A4.width, 40 * MM]);
    expect(plain.second).toHaveLength(0);
    const bled = await band(3 * MM);
    // Media coordinates: the trim starts 3 mm in; the band runs to the media's top, left and right edges.
    near([bled.first[0]!.x0, bled.first[0]!.y0, bled.first[0]!.x1, bled.first[0]!.y1], [0, 0, A4.width + 6 * MM, 43 * MM]);
  });
});

describe('--color cmyk: a PDF/X-4 file for the press', () => {
  for (const template of SAMPLES) {
    it(`${template}: no RGB left, the structural PDF/X-4 checks pass`, async () => {
      const pdf = await buildWith({ color: 'cmyk', bleed: 3 * MM, marks: ['crop', 'registration'] }, { template });
      const s = await readStructure(pdf);
      expect([...deviceColourSpaces(s)]).not.toContain('rgb');
      expect(pdfxViolations(s, pdf)).toEqual([]);
      if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
    });
  }

  it('gongwen: the seal is a CMYK image, multiplied in a CMYK page group; the 红头 red prints as the style fixes it', async () => {
    const s = await readStructure(await buildWith({ color: 'cmyk' }, { template: 'gongwen' }));
    const sealPage = s.pages.find((p) => Object.keys((s.resolve((s.resolve(p.Resources) as PdfDictValue).XObject) as PdfDictValue | undefined) ?? {}).length)!;
    const xobjects = s.resolve((s.resolve(sealPage.Resources) as PdfDictValue).XObject) as PdfDictValue;
    expect(Object.values(xobjects).map((r) => (s.resolve(r) as PdfStreamValue).dict.ColorSpace)).toEqual(['/DeviceCMYK']);
    expect((sealPage.Group as PdfDictValue).CS).toBe('/DeviceCMYK');
    const first = s.resolve(s.pages[0]!.Contents) as PdfStreamValue;
    // style.yaml: "#e60012": [0, 100, 100, 0]
    expect(first.bytes.toString('latin1')).toMatch(/\/DeviceCMYK cs\s+0 1 1 0 scn/);
  });

  it('with --tagged too: tagged, and still PDF/X-4', async () => {
    const pdf = await buildWith({ color: 'cmyk', bleed: 3 * MM, marks: ['crop'], tagged: true }, { template: 'stats' });
    const s = await readStructure(pdf);
    expect(pdfxViolations(s, pdf)).toEqual([]);
    expect(taggedViolations(s)).toEqual([]);
    if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
  });

  it('refuses an RGB JPEG at the data value that names it, and writes nothing', async () => {
    const dir = sampleProject('bulletin', (data, d) => {
      copyFileSync(join(fixtures, 'images/gradient.jpg'), join(d, 'photo.jpg'));
      (data.sections as Record<string, unknown>[])[1]!.photo = { src: 'photo.jpg', alt: '一张照片' };
    });
    const output = join(dir, 'out.pdf');
    const error = await buildBriefing({ dataFile: join(dir, 'report.yaml'), output, cwd: dir, force: true, print: { color: 'cmyk' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('E_RGB_IMAGE');
    expect((error as BriefingError).location.dataPath).toBe('sections[1].photo.src');
    expect(existsSync(output)).toBe(false);
    // A PNG photo is converted instead.
    const png = sampleProject('bulletin', (data, d) => {
      writeFileSync(join(d, 'photo.png'), photoPng());
      (data.sections as Record<string, unknown>[])[1]!.photo = { src: 'photo.png', alt: '一张照片' };
    });
    const s = await readStructure(await buildWith({ color: 'cmyk' }, { dir: png }));
    expect([...deviceColourSpaces(s)]).not.toContain('rgb');
  });
});
