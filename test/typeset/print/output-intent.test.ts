import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { checkPressProfile, defaultPrintCondition, readIccProfile, writeOutputIntent } from '../../../src/typeset/print/output-intent.js';
import { pageGeometry, setPageBoxes } from '../../../src/typeset/print/page-boxes.js';
import { applyColorMode, createColorMapper } from '../../../src/typeset/print/print-colors.js';
import { buildXmp, useMetadata, type DocumentMetadata } from '../../../src/typeset/print/xmp.js';
import { parsePaperSize } from '../../../src/document/page-size.js';
import { thrownBriefingError } from '../../helpers/briefing-error.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure, type PdfDictValue } from '../../helpers/pdf-structure.js';
import { deviceColourSpaces, pdfaViolations, xmpValue } from '../../helpers/pdfa-checks.js';
import { qpdfRun, qpdfProblems } from '../../helpers/pdf-tools.js';

const sRgbFile = join(createRequire(import.meta.url).resolve('pdfkit'), '../data/sRGB_IEC61966_2_1.icc');
const meta: DocumentMetadata = {
  title: 'R&D 投入 <年度> 简报', author: '二七区委办公室', subject: '专题', keywords: '二七区 全会',
  creator: 'briefing', producer: 'briefing', created: new Date('2023-08-22T00:00:00Z'),
};

async function xmpOf(pdf: Buffer): Promise<{ title: unknown }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const { metadata } = await doc.getMetadata();
  await doc.destroy();
  return { title: metadata?.get('dc:title') };
}

describe('ICC profiles', () => {
  it('the bundled press profile is a CMYK output profile; pdfkit\'s sRGB is RGB', () => {
    const press = defaultPrintCondition();
    expect(press.profile.colorSpace).toBe('CMYK');
    expect(press.profile.deviceClass).toBe('prtr');
    expect(press.profile.components).toBe(4);
    expect(press.identifier).toBe('CGATS TR 006');
    const srgb = readIccProfile(readFileSync(sRgbFile), sRgbFile);
    expect(srgb.components).toBe(3);
    expect(checkPressProfile(press.profile, 'x.icc')).toBe(press.profile);
  });

  it('refuses a monitor profile or a file that is no profile, naming the file', () => {
    const srgb = readIccProfile(readFileSync(sRgbFile), sRgbFile);
    const e = thrownBriefingError(() => checkPressProfile(srgb, 'office.icc'));
    expect(e.code).toBe('E_OUTPUT_PROFILE');
    expect(e.location.file).toBe('office.icc');
    expect(e.message).toMatch(/RGB mntr/);
    expect(thrownBriefingError(() => readIccProfile(Buffer.from('not a profile'), 'a.icc')).code).toBe('E_OUTPUT_PROFILE');
    const cut = readFileSync(sRgbFile).subarray(0, 1000);
    expect(thrownBriefingError(() => readIccProfile(cut, 'cut.icc')).message).toMatch(/header gives 3024 bytes, the file has 1000/);
  });
});

describe('a PDF/X-4 print file made with the print modules', () => {
  async function pdfx(): Promise<Buffer> {
    const { doc, end } = pdfkitDocument({ pdfVersion: '1.6' });
    applyColorMode(doc, createColorMapper('cmyk', {}));
    const g = pageGeometry(parsePaperSize('16开')!, { bleed: 8.5 });
    const d = doc as unknown as { addPage(o: unknown): void; rect(...a: number[]): { fill(c: string): void } };
    for (let i = 0; i < 2; i++) {
      d.addPage({ size: [g.media.width, g.media.height], margin: 0 });
      setPageBoxes(doc, g, { always: true });
      d.rect(0, 0, g.media.width, 100).fill('#d7000f');
    }
    writeOutputIntent(doc, 'GTS_PDFX', defaultPrintCondition());
    useMetadata(doc, { ...meta, pdfx: 'PDF/X-4' });
    return end();
  }

  it('names its press condition with the embedded CMYK profile', async () => {
    const pdf = await pdfx();
    const s = await readStructure(pdf);
    const intents = s.resolve(s.catalog.OutputIntents) as { ref: string }[];
    expect(intents).toHaveLength(1);
    const intent = s.resolve(intents[0]) as PdfDictValue;
    expect(intent.S).toBe('/GTS_PDFX');
    expect(intent.OutputConditionIdentifier).toBe('CGATS TR 006');
    expect(intent.RegistryName).toBe('http://www.color.org');
    const profile = s.resolve(intent.DestOutputProfile) as { dict: PdfDictValue; bytes: Buffer };
    expect(profile.dict.N).toBe(4);
    expect(profile.bytes.equals(readFileSync(join(import.meta.dirname, '../../../profiles/CGATS_TR006.icc')))).toBe(true);
  });

  it('has a TrimBox on every page, Trapped /False, no RGB, PDF/X-4 in XMP, PDF 1.6', async () => {
    const pdf = await pdfx();
    const s = await readStructure(pdf);
    for (const page of s.pages) expect(page.TrimBox).toBeDefined();
    expect(s.info.Trapped).toBe('/False');
    expect([...deviceColourSpaces(s)]).toEqual(['cmyk']);
    const xmp = (s.resolve(s.catalog.Metadata) as { bytes: Buffer }).bytes.toString('utf8');
    expect(xmpValue(xmp, 'pdfxid:GTS_PDFXVersion')).toBe('PDF/X-4');
    expect(xmpValue(xmp, 'xmpMM:DocumentID')).toMatch(/^uuid:[0-9a-f-]{36}$/);
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.6');
  });

  it('is the same bytes each time (file ID and document ID from the metadata, not the clock)', async () => {
    expect((await pdfx()).equals(await pdfx())).toBe(true);
  });

  it.runIf(qpdfRun)('passes qpdf --check', async () => {
    expect(qpdfProblems(await pdfx())).toEqual([]);
  });
});

describe('useMetadata: Info and XMP that agree, whatever the text', () => {
  it('escapes the XMP, so a title with & and < stays as written in both (PDF/A-2b)', async () => {
    const { doc, end } = pdfkitDocument({ pdfVersion: '1.7', subset: 'PDF/A-2b' });
    (doc as unknown as { addPage(): void }).addPage();
    useMetadata(doc, { ...meta, pdfa: { part: 2, conformance: 'B' } });
    const pdf = await end();
    const s = await readStructure(pdf);
    expect(pdfaViolations(s, pdf)).toEqual([]);
    expect(s.info.Title).toBe('R&D 投入 <年度> 简报');
    expect(s.info.ModDate).toBe('D:20230822000000Z');
    expect((await xmpOf(pdf)).title).toBe('R&D 投入 <年度> 简报');
  });

  it('pdfkit\'s own packet breaks on the same title (why briefing writes its own)', async () => {
    const { doc, end } = pdfkitDocument({ pdfVersion: '1.7', subset: 'PDF/A-2b', info: { Title: meta.title, CreationDate: meta.created } });
    (doc as unknown as { addPage(): void }).addPage();
    const pdf = await end();
    const problems = pdfaViolations(await readStructure(pdf), pdf).map((v) => v.problem);
    expect(problems.some((p) => /bare &/.test(p))).toBe(true);
  });

  it('the packet is one well-formed XMP document', () => {
    const xmp = buildXmp({ ...meta, pdfa: { part: 2, conformance: 'B' }, pdfx: 'PDF/X-4' });
    expect(xmp).toContain('R&amp;D 投入 &lt;年度&gt; 简报');
    expect(xmp.startsWith('<?xpacket begin="\ufeff"')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
  });
});
