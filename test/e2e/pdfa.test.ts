import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isStream, readStructure, type PdfDictValue, type PdfStructure } from '../helpers/pdf-structure.js';
import { pdfaViolations, xmpValue } from '../helpers/pdfa-checks.js';
import { runInProcess } from '../helpers/in-process.js';
import { qpdfRun, qpdfProblems } from '../helpers/pdf-tools.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

const EPOCH = '1692662400'; // 2023-08-22T00:00:00Z

/** The bulletin sample with a title an XMP packet must escape. */
function bulletinProject(): string {
  const dir = tempDir();
  const sample = readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8');
  writeFileSync(join(dir, 'sample.yaml'), sample.replace('title: 高质量推动现代化美好二七建设蔚然成势', 'title: "R&D 投入 <年度> 高质量推动现代化美好二七建设蔚然成势"'));
  copyFileSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(dir, 'key-figures.csv'));
  return dir;
}

async function build(data: string, args: string[], cwd = repoRoot): Promise<Buffer> {
  const out = join(tempDir(), 'out.pdf');
  const run = await runInProcess(['build', data, '-o', out, ...args], { cwd, env: { SOURCE_DATE_EPOCH: EPOCH } });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(out);
}

describe('--pdfa: PDF/A-2b for the archive', () => {
  let bulletin: Buffer;
  let gongwen: Buffer;
  let b: PdfStructure;
  let g: PdfStructure;
  beforeAll(async () => {
    const dir = bulletinProject();
    bulletin = await build('sample.yaml', ['--pdfa'], dir);
    gongwen = await build('templates/gongwen/sample.yaml', ['--pdfa']);
    b = await readStructure(bulletin);
    g = await readStructure(gongwen);
  });

  it('passes every structural PDF/A-2b check (bulletin with a chart and table, 公文 with its seal)', () => {
    expect(pdfaViolations(b, bulletin)).toEqual([]);
    expect(pdfaViolations(g, gongwen)).toEqual([]);
  });

  it('handout (contents with links) and stats pass them too', async () => {
    for (const t of ['handout', 'stats']) {
      const pdf = await build(`templates/${t}/sample.yaml`, ['--pdfa']);
      expect(pdfaViolations(await readStructure(pdf), pdf)).toEqual([]);
    }
  });

  it('says PDF/A-2b in XMP, on PDF 1.7, in Chinese', () => {
    expect(bulletin.subarray(0, 8).toString()).toBe('%PDF-1.7');
    const xmp = (b.resolve(b.catalog.Metadata) as { bytes: Buffer }).bytes.toString('utf8');
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('2');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('B');
    expect(b.catalog.Lang).toBe('zh-CN');
  });

  it('carries title, author and dates in Info and XMP alike, the dates from SOURCE_DATE_EPOCH', () => {
    const xmp = (b.resolve(b.catalog.Metadata) as { bytes: Buffer }).bytes.toString('utf8');
    // As written: the XMP packet escapes & and <, the Info string needs no escaping.
    expect(b.info.Title).toBe('R&D 投入 <年度> 高质量推动现代化美好二七建设蔚然成势');
    expect(xmp).toContain('R&amp;D 投入 &lt;年度&gt;');
    expect(xmpValue(xmp, 'dc:title')).toBe(b.info.Title);
    expect(xmpValue(xmp, 'dc:creator')).toBe('中共郑州市二七区委办公室');
    expect(b.info.Author).toBe('中共郑州市二七区委办公室');
    expect(b.info.CreationDate).toBe('D:20230822000000Z');
    expect(xmpValue(xmp, 'xmp:CreateDate')).toBe('2023-08-22T00:00:00Z');
    expect(b.info.ModDate).toBe('D:20230822000000Z');
    expect(xmpValue(xmp, 'xmp:ModifyDate')).toBe('2023-08-22T00:00:00Z');
  });

  it('has the sRGB output intent with its ICC profile', () => {
    const [intent] = (b.resolve(b.catalog.OutputIntents) as { ref: string }[]).map((i) => b.resolve(i) as PdfDictValue);
    expect(intent!.S).toBe('/GTS_PDFA1');
    expect(intent!.OutputConditionIdentifier).toBe('sRGB IEC61966-2.1');
    const profile = b.resolve(intent!.DestOutputProfile) as { dict: PdfDictValue; bytes: Buffer };
    expect(profile.dict.N).toBe(3);
    expect(profile.bytes.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(profile.bytes.subarray(16, 20).toString('latin1')).toBe('RGB ');
  });

  it('embeds every font with /Length1 equal to its program', () => {
    const fontFiles = [...b.objects.values()].filter((v) => isStream(v) && 'Length1' in v.dict);
    expect(fontFiles.length).toBeGreaterThanOrEqual(3);
  });

  it('writes the same bytes twice', async () => {
    expect((await build('templates/gongwen/sample.yaml', ['--pdfa'])).equals(gongwen)).toBe(true);
  });

  it.runIf(qpdfRun)('passes qpdf --check', () => {
    for (const pdf of [bulletin, gongwen]) expect(qpdfProblems(pdf)).toEqual([]);
  });

  it('can be asked for in briefing.config.yaml, with the paper', async () => {
    const dir = bulletinProject();
    writeFileSync(join(dir, 'briefing.config.yaml'), 'print: { pdfa: true, paper: 大16开 }\n');
    const pdf = await build('sample.yaml', [], dir);
    const s = await readStructure(pdf);
    expect(pdfaViolations(s, pdf)).toEqual([]);
    const media = s.pages[0]!.MediaBox as number[];
    expect(Math.round((media[2]! / 72) * 25.4)).toBe(210);
    expect(Math.round((media[3]! / 72) * 25.4)).toBe(285);
  });

  it('is not skipped as unchanged after a plain build of the same output, nor the other way round', async () => {
    const dir = bulletinProject();
    const run = async (args: string[]) => (await runInProcess(['build', 'sample.yaml', ...args], { cwd: dir, env: { SOURCE_DATE_EPOCH: EPOCH } })).stdout;
    expect(await run([])).toMatch(/^built /);
    expect(await run([])).toMatch(/^skipped /);
    expect(await run(['--pdfa'])).toMatch(/^built /);
    expect(readFileSync(join(dir, 'output/sample.pdf')).includes('pdfaid:part')).toBe(true);
    expect(await run([])).toMatch(/^built /);
    expect(readFileSync(join(dir, 'output/sample.pdf')).includes('pdfaid:part')).toBe(false);
  });

  it('the checks find what a plain build lacks: no output intent, no pdfaid, ModDate not in XMP', async () => {
    const plain = await build('templates/gongwen/sample.yaml', []);
    const problems = pdfaViolations(await readStructure(plain), plain).map((v) => v.clause);
    expect(problems).toContain('6.2.3');
    expect(problems).toContain('6.6.2.1');
  });
});
