import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPageGroup, setBlendMode } from '../../../src/typeset/print/transparency.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure, type PdfDictValue } from '../../helpers/pdf-structure.js';
import { contentStreams, pdfaViolations } from '../../helpers/pdfa-checks.js';
import { repoRoot } from '../../helpers/run-cli.js';

type Drawing = { addPage(): void; image(src: Buffer, x: number, y: number, o: unknown): void; rect(...a: number[]): { fill(c: string): void } };

/** A page with black under a seal drawn in Multiply, in a PDF/A-2b document. */
async function sealPage(group: boolean) {
  const { doc, end } = pdfkitDocument({ pdfVersion: '1.7', subset: 'PDF/A-2b' });
  const d = doc as unknown as Drawing;
  d.addPage();
  d.rect(40, 80, 200, 20).fill('#000000');
  doc.save();
  if (group) setBlendMode(doc, 'Multiply', 'DeviceRGB');
  else {
    doc.page.dictionary.data.Group = { Type: 'Group', S: 'Transparency' };
    doc.addContent('');
  }
  d.image(readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png')), 40, 20, { width: 120 });
  doc.restore();
  const pdf = await end();
  return { pdf, s: await readStructure(pdf) };
}

describe('setBlendMode and the page group', () => {
  it('the seal in Multiply: a legal blend mode and a page group naming its colour space (PDF/A-2b)', async () => {
    const { pdf, s } = await sealPage(true);
    const page = s.pages[0]!;
    expect(page.Group).toEqual({ Type: '/Group', S: '/Transparency', CS: '/DeviceRGB', I: false, K: false });
    const states = s.resolve((s.resolve(page.Resources) as PdfDictValue).ExtGState) as PdfDictValue;
    const multiply = Object.values(states).map((r) => s.resolve(r) as PdfDictValue).find((g) => g.BM);
    expect(multiply!.BM).toBe('/Multiply');
    expect(contentStreams(s).join('\n')).toMatch(/\/GsBmMultiply gs[\s\S]*\/I\d+ Do/);
    expect(pdfaViolations(s, pdf)).toEqual([]);
  });

  it('a transparency group without a colour space is what the structural check reports', async () => {
    const { pdf, s } = await sealPage(false);
    expect(pdfaViolations(s, pdf).map((v) => v.clause)).toContain('6.2.10');
  });

  it('a print file blends in CMYK', () => {
    const { doc } = pdfkitDocument();
    (doc as unknown as Drawing).addPage();
    addPageGroup(doc, 'DeviceCMYK');
    expect((doc.page.dictionary.data.Group as { CS: string }).CS).toBe('DeviceCMYK');
  });
});
