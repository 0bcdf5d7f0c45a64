import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaperSize } from '../../../src/document/page-size.js';
import type { PrintOptions } from '../../../src/document/print-options.js';
import { loadStyle } from '../../../src/document/style.js';
import { MM } from '../../../src/document/units.js';
import { loadPdfKit } from '../../../src/typeset/draw/pdfkit-patches.js';
import { extendToBleed } from '../../../src/typeset/print/page-boxes.js';
import { beginDocument, beginPage, endDocument, endPage, pdfKitOptions, placeImage, planPrintJob } from '../../../src/typeset/print/print-job.js';
import { setBlendMode } from '../../../src/typeset/print/transparency.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure, type PdfDictValue, type PdfStreamValue } from '../../helpers/pdf-structure.js';
import { contentStreams, deviceColourSpaces, pdfaViolations } from '../../helpers/pdfa-checks.js';
import { pdfxViolations } from '../../helpers/pdfx-checks.js';
import { qpdfRun, qpdfProblems } from '../../helpers/pdf-tools.js';
import { repoRoot } from '../../helpers/run-cli.js';

// Fonts are served and subset by briefing, as in every build (FontFile2 with /Length1).
loadPdfKit();
const gongwen = loadStyle(join(repoRoot, 'templates/gongwen/style.yaml'));
const font = readFileSync(join(repoRoot, 'fonts/FandolFang-Regular.ttf'));
const seal = readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png'));
const trim = parsePaperSize('16开')!;

type Drawing = {
  addPage(o: unknown): void; rect(...a: number[]): { fill(c: string): void };
  font(src: Buffer): Drawing; fontSize(n: number): Drawing; text(t: string, x: number, y: number): Drawing;
};

/** Two pages as the page composer will draw them: a red band to the trim's edge, a heading, the seal in Multiply. */
async function compose(options: PrintOptions, title = 'R&D 投入 <年度> 简报'): Promise<Buffer> {
  const job = planPrintJob(options, { title, author: '二七区委办公室', creator: 'briefing', producer: 'briefing', creationDate: new Date('2023-08-22T00:00:00Z') }, { printColors: gongwen.print.colors });
  const { doc, end } = pdfkitDocument(pdfKitOptions(job));
  const d = doc as unknown as Drawing;
  beginDocument(doc, job);
  for (let i = 0; i < 2; i++) {
    const g = job.geometry(trim);
    d.addPage({ size: [g.media.width, g.media.height], margin: 0 });
    beginPage(doc, job, g);
    const band = extendToBleed({ x: 0, y: 0, width: trim.width, height: 30 * MM }, g);
    d.rect(band.x, band.y, band.width, band.height).fill('#e60012');
    doc.fillColor('#000000');
    d.font(font).fontSize(16).text('中共郑州市二七区委办公室文件', 30 * MM, 45 * MM);
    doc.save();
    setBlendMode(doc, 'Multiply', job.blendingSpace);
    placeImage(doc, job, { bytes: seal, path: 'seal-sample.png' }, 60 * MM, 35 * MM, 40 * MM, 40 * MM);
    doc.restore();
    endPage(doc, job, g);
  }
  endDocument(doc, job);
  return end();
}

describe('the print job hooks around a page composer', () => {
  it('a plain build is left as pdfkit makes it: no boxes, no output intent, no XMP, RGB', async () => {
    const s = await readStructure(await compose({}));
    expect(s.pages[0]!.TrimBox).toBeUndefined();
    expect(s.catalog.OutputIntents).toBeUndefined();
    expect(s.catalog.Metadata).toBeUndefined();
    expect(deviceColourSpaces(s).has('rgb')).toBe(true);
  });

  it('--color cmyk --bleed 3mm --marks: passes the structural PDF/X-4 checks', async () => {
    const pdf = await compose({ color: 'cmyk', bleed: 3 * MM, marks: ['crop', 'registration'] });
    const s = await readStructure(pdf);
    expect(pdfxViolations(s, pdf)).toEqual([]);
    const page = s.pages[0]!;
    const [trimBox, bleedBox] = [page.TrimBox, page.BleedBox] as number[][];
    expect((bleedBox![2]! - bleedBox![0]! - (trimBox![2]! - trimBox![0]!)) / MM).toBeCloseTo(6, 3);
    expect(contentStreams(s).join('\n')).toMatch(/\/DeviceCMYK cs\s+0 1 1 0 scn/);
    const xobjects = s.resolve((s.resolve(page.Resources) as PdfDictValue).XObject) as PdfDictValue;
    const images = Object.values(xobjects).map((r) => s.resolve(r) as PdfStreamValue);
    expect(images.map((i) => i.dict.ColorSpace)).toEqual(['/DeviceCMYK']);
    expect((page.Group as PdfDictValue).CS).toBe('/DeviceCMYK');
    if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
  });

  it('--pdfa: passes the PDF/A-2b checks, with the title as written in Info and XMP', async () => {
    const pdf = await compose({ pdfa: true });
    const s = await readStructure(pdf);
    expect(pdfaViolations(s, pdf)).toEqual([]);
    expect(s.info.Title).toBe('R&D 投入 <年度> 简报');
    expect(s.catalog.Lang).toBe('zh-CN');
    expect((s.pages[0]!.Group as PdfDictValue).CS).toBe('/DeviceRGB');
  });

  it('the PDF/X checks fail a file without its output intent (they can fail)', async () => {
    const pdf = await compose({ bleed: 3 * MM });
    expect(pdfxViolations(await readStructure(pdf), pdf).map((v) => v.clause)).toEqual(expect.arrayContaining(['output intent', 'trapping', 'metadata', 'colour']));
  });

  it('is deterministic', async () => {
    const a = await compose({ color: 'cmyk', bleed: 3 * MM });
    const b = await compose({ color: 'cmyk', bleed: 3 * MM });
    expect(a.equals(b)).toBe(true);
  });
});
