import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { readStructure, type PdfStructure } from '../helpers/pdf-structure.js';
import { qpdfRun, qpdfProblems } from '../helpers/pdf-tools.js';
import { pdfaViolations, xmpValue } from '../helpers/pdfa-checks.js';
import { readPdf } from '../helpers/read-pdf.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';
import { buildWith, photoPng, sampleProject } from '../helpers/sample-build.js';
import { allNodes, readStructTree, structText, type StructNode } from '../helpers/struct-tree.js';
import { taggedViolations } from '../helpers/tagged-checks.js';

// Tagged PDF (issue 20): the structure tree of the samples, read back by pdf.js as a reader's
// software reads it, and the pages it must leave exactly as they were.

interface BulletinData {
  sections: { heading: string; callout?: unknown; goals?: { columns: string[]; rows: unknown[][] }; photo?: unknown }[];
  stats: { title: string; table: { csv: string } };
}

const PHOTO_ALT = '全会会场：主席台上的区委书记正在讲话，台下坐满与会人员';

/** The bulletin sample, with a photo (and its alt text) in its first section. */
function bulletinWithPhoto(): string {
  return sampleProject('bulletin', (data, dir) => {
    writeFileSync(join(dir, 'photo.png'), photoPng());
    (data as unknown as BulletinData).sections[0]!.photo = { src: 'photo.png', alt: PHOTO_ALT, caption: '全会现场', width: '60%' };
  });
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const headings = (nodes: StructNode[]) => nodes.filter((n) => /^H[1-6]$/.test(n.role) && n.text);

describe('--tagged: the bulletin sample read by pdf.js', () => {
  const data = parseYaml(readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8')) as BulletinData & { title: string };
  let pdf: Buffer;
  let nodes: StructNode[];
  let s: PdfStructure;
  beforeAll(async () => {
    pdf = await buildWith({ tagged: true }, { dir: bulletinWithPhoto() });
    nodes = allNodes(await readStructTree(pdf));
    s = await readStructure(pdf);
  });

  it('has a heading for the headline, each section and each box, in the order printed', () => {
    const boxes = data.sections.flatMap((x) => [x.callout, x.goals].filter(Boolean)).length + 1;
    const found = headings(nodes);
    expect(found).toHaveLength(1 + data.sections.length + boxes);
    expect(found[0]).toMatchObject({ role: 'H1', text: data.title });
    expect(found.filter((h) => h.role === 'H2').map((h) => squeeze(h.text))).toEqual(data.sections.map((x) => squeeze(x.heading)));
    expect(found.filter((h) => h.role === 'H3').map((h) => squeeze(h.text))).toContain(data.stats.title);
  });

  it('has a cell for every cell of its two tables, header cells as TH', () => {
    const goals = data.sections.find((x) => x.goals)!.goals!;
    const csv = parseCsv(readFileSync(join(repoRoot, 'templates/bulletin', data.stats.table.csv), 'utf8'));
    const cells = (goals.rows.length + 1) * goals.columns.length + csv.length * csv[0]!.length;
    // Counted once each, from the file's own objects (pdf.js lists a long table's rows on every page it spans).
    const types = [...s.objects.values()].flatMap((v) => (v && typeof v === 'object' && 'S' in v && 'P' in v ? [String((v as { S: string }).S)] : []));
    expect(types.filter((t) => t === '/TH' || t === '/TD')).toHaveLength(cells);
    expect(types.filter((t) => t === '/TH')).toHaveLength(goals.columns.length + csv[0]!.length);
    expect(types.filter((t) => t === '/Table')).toHaveLength(2);
    const th = nodes.filter((n) => n.role === 'TH' && n.text).map((n) => squeeze(n.text));
    expect(th).toEqual(expect.arrayContaining([...goals.columns, ...csv[0]!]));
  });

  it('gives the photo a Figure with its alt text, and its caption as text', () => {
    const figures = nodes.filter((n) => n.role === 'Figure');
    expect(figures.map((f) => f.alt)).toEqual([PHOTO_ALT]);
    expect(squeeze(structText([nodes]))).toContain('全会现场');
  });

  it('has lists with labels and bodies, and reads neither page numbers nor the 份号 slot', () => {
    const items = nodes.filter((n) => n.role === 'LI');
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const li of items) expect(li.children.map((c) => c.role)).toEqual(['Lbl', 'LBody']);
    expect(structText([nodes])).not.toMatch(/—\s*\d+\s*—/);
  });

  it('is a marked file in Chinese, every painted thing content or artifact, and passes qpdf', () => {
    expect(taggedViolations(s)).toEqual([]);
    expect(s.catalog.Lang).toBe('zh-CN');
    if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
  });
});

describe('--tagged: charts and the seal', () => {
  it('stats: each chart is a Figure whose alt text gives its title and every figure', async () => {
    const nodes = allNodes(await readStructTree(await buildWith({ tagged: true }, { template: 'stats' })));
    const alts = nodes.filter((n) => n.role === 'Figure').map((n) => n.alt ?? '');
    expect(alts).toHaveLength(4);
    expect(alts[0]).toMatch(/^柱状图：1—7月重大项目当月完成投资。/);
    // The figures the bars are labelled with are all in the description.
    for (const figure of ['18.2', '21.3', '25.3', '27.5', '29.3', '33.4', '31.6']) expect(alts[0]).toContain(`${figure}亿元`);
    expect(alts.some((a) => /^(饼图|环形图)：.+（\d+\.\d%）/.test(a))).toBe(true);
  });

  it('gongwen: the seal is a Figure named for the organ; the 份号 is not read', async () => {
    const pdf = await buildWith({ tagged: true }, { template: 'gongwen', copyNumber: '000042' });
    const nodes = allNodes(await readStructTree(pdf));
    expect(nodes.filter((n) => n.role === 'Figure').map((n) => n.alt)).toEqual(['中共郑州市二七区委办公室印章']);
    // Printed, and left out of what is read.
    const file = join(tempDir(), 'g.pdf');
    writeFileSync(file, pdf);
    expect((await readPdf(file)).pages[0]!.text).toContain('000042');
    expect(structText([nodes])).not.toContain('000042');
  });

  it('a picture without alt text is a warning, and under --strict an error at the data naming it', async () => {
    const dir = sampleProject('bulletin', (data, d) => {
      writeFileSync(join(d, 'photo.png'), photoPng());
      (data as unknown as BulletinData).sections[0]!.photo = { src: 'photo.png', alt: 'x' };
    });
    // The bulletin's schema requires alt; a template of one's own may leave it out.
    const hbs = join(dir, 'partials/section.hbs');
    writeFileSync(hbs, readFileSync(hbs, 'utf8').replace(' alt="{{photo.alt}}"', ''));
    const report = join(dir, 'report.yaml');
    writeFileSync(report, readFileSync(report, 'utf8').replace('template: bulletin', `template: ${dir}`));
    const { buildBriefing } = await import('../../src/orchestrate/build-briefing.js');
    const result = await buildBriefing({ dataFile: report, output: join(dir, 'a.pdf'), cwd: dir, force: true, print: { tagged: true } });
    expect(result.warnings.map((w) => [w.code, w.dataPath])).toEqual([['E_IMAGE_ALT', 'sections[0].photo.src']]);
    const error = await buildBriefing({ dataFile: report, output: join(dir, 'b.pdf'), cwd: dir, force: true, strict: true, print: { tagged: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('E_IMAGE_ALT');
  });
});

describe('--pdfa --tagged: PDF/A-2a', () => {
  it('passes the level a checks: level b, the structure, Unicode for every font, the language', async () => {
    const pdf = await buildWith({ pdfa: true, tagged: true }, { dir: bulletinWithPhoto() });
    const s = await readStructure(pdf);
    expect(pdfaViolations(s, pdf, 'A')).toEqual([]);
    expect(taggedViolations(s)).toEqual([]);
    const xmp = (s.resolve(s.catalog.Metadata) as { bytes: Buffer }).bytes.toString('utf8');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('A');
    if (qpdfRun) expect(qpdfProblems(pdf)).toEqual([]);
  });

  it('a level b file fails them (the checks can fail)', async () => {
    const pdf = await buildWith({ pdfa: true }, { template: 'gongwen' });
    const s = await readStructure(pdf);
    expect(pdfaViolations(s, pdf, 'A').map((v) => v.clause)).toContain('6.6.4');
    expect(taggedViolations(s).map((v) => v.clause)).toEqual(expect.arrayContaining(['6.8.2.2']));
  });
});
