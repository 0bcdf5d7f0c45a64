import { describe, expect, it } from 'vitest';
import { parsePaperSize } from '../../../src/document/page-size.js';
import { MM } from '../../../src/document/units.js';
import { drawMarks, extendToBleed, markGeometry, pageGeometry, setPageBoxes, type Box, type PageGeometry } from '../../../src/typeset/print/page-boxes.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure, type PdfStructure } from '../../helpers/pdf-structure.js';
import { contentStreams } from '../../helpers/pdfa-checks.js';
import { qpdfRun, qpdfProblems } from '../../helpers/pdf-tools.js';

const a4 = parsePaperSize('A4')!;

/** One A4 page as the composer will make it: media, boxes, a full-bleed band, marks. */
async function sheet(g: PageGeometry): Promise<{ pdf: Buffer; s: PdfStructure }> {
  const { doc, end } = pdfkitDocument();
  doc.addPage({ size: [g.media.width, g.media.height], margin: 0 });
  setPageBoxes(doc, g);
  doc.save();
  (doc as unknown as { translate(x: number, y: number): void }).translate(g.trimOrigin.x, g.trimOrigin.y);
  const band = extendToBleed({ x: 0, y: 0, width: g.trim.width, height: 60 * MM }, g);
  (doc as unknown as { rect(...a: number[]): { fill(c: string): void } }).rect(band.x, band.y, band.width, band.height).fill('#d7000f');
  doc.restore();
  drawMarks(doc, g);
  const pdf = await end();
  return { pdf, s: await readStructure(pdf) };
}

const size = (b: Box) => [b[2] - b[0], b[3] - b[1]];

describe('pageGeometry and setPageBoxes', () => {
  it('--bleed 3mm: MediaBox 6 mm larger than TrimBox each way, BleedBox = MediaBox', async () => {
    const { s } = await sheet(pageGeometry(a4, { bleed: 3 * MM }));
    const page = s.pages[0]!;
    const [media, trim, bleed] = [page.MediaBox, page.TrimBox, page.BleedBox] as Box[];
    expect(size(trim!)[0]! / MM).toBeCloseTo(210, 3);
    expect(size(trim!)[1]! / MM).toBeCloseTo(297, 3);
    expect((size(media!)[0]! - size(trim!)[0]!) / MM).toBeCloseTo(6, 3);
    expect((size(media!)[1]! - size(trim!)[1]!) / MM).toBeCloseTo(6, 3);
    expect(trim![0] / MM).toBeCloseTo(3, 3);
    expect(bleed).toEqual(media);
  });

  it('without bleed or marks the page is left as it was: no TrimBox, no BleedBox', async () => {
    const g = pageGeometry(a4);
    expect(g.media).toEqual({ width: a4.width, height: a4.height });
    const { s } = await sheet(g);
    expect(s.pages[0]!.TrimBox).toBeUndefined();
    expect(s.pages[0]!.BleedBox).toBeUndefined();
  });

  it('PDF/X asks for a TrimBox on every page, bleed or not', () => {
    const { doc } = pdfkitDocument();
    (doc as unknown as { addPage(o: unknown): void }).addPage({ size: [a4.width, a4.height] });
    setPageBoxes(doc, pageGeometry(a4), { always: true });
    expect(doc.page.dictionary.data.TrimBox).toEqual([0, 0, a4.width, a4.height]);
  });

  it('extends only the edges that touch the trim', () => {
    const g = pageGeometry(a4, { bleed: 3 * MM });
    expect(extendToBleed({ x: 0, y: 0, width: a4.width, height: 100 }, g)).toEqual({ x: -3 * MM, y: -3 * MM, width: a4.width + 6 * MM, height: 100 + 3 * MM });
    expect(extendToBleed({ x: 20, y: 20, width: 100, height: 100 }, g)).toEqual({ x: 20, y: 20, width: 100, height: 100 });
  });
});

describe('crop and registration marks', () => {
  const g = pageGeometry(a4, { bleed: 3 * MM, marks: ['crop', 'registration'] });

  it('leaves room for marks beyond the bleed', () => {
    expect(g.slug).toBeGreaterThan(g.bleed + 5 * MM);
    expect(g.boxes.BleedBox[0]).toBeCloseTo(g.slug - 3 * MM, 9);
  });

  it('places 8 crop lines in line with the trim edges and 4 targets, all outside the bleed box', () => {
    const { crop, registration } = markGeometry(g);
    expect(crop).toHaveLength(8);
    expect(registration).toHaveLength(4);
    const [bx0, by0, bx1, by1] = g.boxes.BleedBox;
    const inside = (x: number, y: number) => x > bx0 + 1e-6 && x < bx1 - 1e-6 && y > by0 + 1e-6 && y < by1 - 1e-6;
    for (const s of crop) {
      expect(inside(s.x1, s.y1) || inside(s.x2, s.y2)).toBe(false);
      // Each line continues a trim edge.
      const onEdge = [g.boxes.TrimBox[0], g.boxes.TrimBox[2]].some((x) => s.x1 === x && s.x2 === x) || [g.boxes.TrimBox[1], g.boxes.TrimBox[3]].some((y) => s.y1 === y && s.y2 === y);
      expect(onEdge).toBe(true);
    }
    for (const t of registration) {
      for (const [x, y] of [[t.cx - t.arm, t.cy], [t.cx + t.arm, t.cy], [t.cx, t.cy - t.arm], [t.cx, t.cy + t.arm]] as const) {
        expect(inside(x, y)).toBe(false);
        expect(x >= 0 && x <= g.media.width && y >= 0 && y <= g.media.height).toBe(true);
      }
    }
  });

  it('draws them in the file outside the TrimBox, in the registration colour on every separation', async () => {
    const { pdf, s } = await sheet(g);
    const page = s.pages[0]!;
    const content = contentStreams(s).join('\n');
    // Every path point of a stroked mark, in PDF coordinates (pdfkit flips y with its first cm).
    const flipped = (y: number) => g.media.height - y;
    const [tx0, ty0, tx1, ty1] = page.TrimBox as Box;
    const points = [...content.matchAll(/([-\d.]+) ([-\d.]+) [ml]\b/g)].map((m) => [Number(m[1]), flipped(Number(m[2]))]);
    expect(points.length).toBeGreaterThanOrEqual(16 + 16);
    // The band's rectangle is drawn with `re`, so every m/l point here is a mark.
    for (const [x, y] of points) expect(x! > tx0 + 1e-3 && x! < tx1 - 1e-3 && y! > ty0 + 1e-3 && y! < ty1 - 1e-3).toBe(false);
    const spaces = s.resolve((s.resolve(page.Resources) as { ColorSpace: Record<string, never> }).ColorSpace) as Record<string, { ref: string }>;
    const separation = Object.values(spaces).map((r) => s.resolve(r)) as unknown[][];
    expect(separation.some((cs) => cs[0] === '/Separation' && cs[1] === '/All')).toBe(true);
    if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
  });
});
