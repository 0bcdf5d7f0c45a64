import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfPage, type PdfRead } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectUserError, repoRoot, tempDir } from '../helpers/run-cli.js';
import { buildWith, sampleProject } from '../helpers/sample-build.js';

const SAMPLE = join(repoRoot, 'templates/stats/sample.yaml');
const EPOCH = { SOURCE_DATE_EPOCH: '1692662400' };

/** How often each drawing operator occurs on each page: paths, images, text. */
async function operatorCounts(file: string): Promise<{ paths: number; images: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const pages: { paths: number; images: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const { fnArray } = await (await doc.getPage(i)).getOperatorList();
    pages.push({
      paths: fnArray.filter((op) => op === OPS.constructPath).length,
      images: fnArray.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject).length,
    });
  }
  await doc.destroy();
  return pages;
}

/** The page whose text holds `s`, and its index. */
function pageWith(pdf: PdfRead, s: string): [PdfPage, number] {
  const i = pdf.pages.findIndex((p) => p.text.includes(s));
  expect(i, `a page with ${s}`).toBeGreaterThanOrEqual(0);
  return [pdf.pages[i]!, i];
}

const below = (page: PdfPage, y: number, match: RegExp) => page.items.filter((it) => it.y > y && match.test(it.str.trim()));
const titleY = (page: PdfPage, start: string) => page.items.find((it) => it.str.replace(/\s/g, '').startsWith(start))!.y;

/** The statistics briefing built by the real CLI and read back. */
describe('briefing build templates/stats/sample.yaml', () => {
  let out: string;
  let pdf: PdfRead;
  let text: string;

  beforeAll(async () => {
    out = join(tempDir(), 'stats.pdf');
    const run = await runInProcess(['build', SAMPLE, '-o', out], { env: EPOCH });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(out);
    text = pdf.pages.map((p) => p.text).join('');
  });

  it('prints KPI values with units, completion rates, and changes with ▲ and ▼', () => {
    const [first] = pageWith(pdf, '主要指标');
    for (const s of ['360个', '186.6亿元', '62.2%', '45个', '65.4%', '68亿元', '352家', '23个', '1230亿元']) expect(first.text).toContain(s);
    expect(first.text).toContain('比6月末▲31.6亿元');
    expect(first.text).toContain('比6月▼1.8亿元');
    expect(first.text).toContain('比6月末▲9家');
  });

  it('sets the bar chart’s axis labels and figures as text, in place under and over the bars', () => {
    const [page] = pageWith(pdf, '1—7月重大项目当月完成投资');
    const top = titleY(page, '1—7');
    const months = below(page, top, /^[1-7]月$/).slice(0, 7);
    expect(months.map((m) => m.str.trim())).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月']);
    // One line, evenly spaced, left to right.
    const steps = months.slice(1).map((m, i) => m.x - months[i]!.x);
    for (const m of months) expect(m.y).toBeCloseTo(months[0]!.y, 1);
    for (const s of steps) expect(s).toBeCloseTo(steps[0]!, 0);
    // The figure over each bar stands above its month, centred on it.
    const figures = ['18.2', '21.3', '25.3', '27.5', '29.3', '33.4', '31.6'].map((f) => below(page, top, new RegExp(`^${f.replace('.', '\\.')}$`))[0]!);
    figures.forEach((f, i) => {
      expect(f.y).toBeLessThan(months[i]!.y);
      expect(f.x + f.width / 2).toBeCloseTo(months[i]!.x + months[i]!.width / 2, 0);
    });
    // The tallest bar's figure is highest; the unit heads the value axis, left of the bars.
    expect(Math.min(...figures.map((f) => f.y))).toBe(figures[5]!.y);
    const unit = below(page, top, /^亿元$/)[0]!;
    expect(unit.y).toBeLessThan(Math.min(...figures.map((f) => f.y)));
    expect(unit.x).toBeLessThan(months[0]!.x);
  });

  it('sets the line chart’s legend as text on one line above its plot', () => {
    const [page] = pageWith(pdf, '累计投资完成率与序时进度');
    const top = titleY(page, '累计投资完成率');
    const [rate] = below(page, top, /^累计完成率（%）$/);
    const [pace] = below(page, top, /^序时进度（%）$/);
    expect(rate!.y).toBeCloseTo(pace!.y, 1);
    expect(rate!.x).toBeLessThan(pace!.x);
    const axis = below(page, top, /^70$/)[0]!;
    expect(rate!.y).toBeLessThan(axis.y);
  });

  it('labels the ring chart’s slices with name, figure and share', () => {
    const [page] = pageWith(pdf, '重大项目累计完成投资构成');
    for (const s of ['产业项目78.4亿元（42.0%）', '城市更新52.3亿元（28.0%）', '基础设施34.6亿元（18.6%）', '社会民生21.3亿元（11.4%）']) {
      const [name, share] = [s.slice(0, 4), s.slice(4)];
      const label = page.items.find((it) => it.str.trim() === name)!;
      const figure = page.items.find((it) => it.str.trim() === share)!;
      expect(figure.y - label.y).toBeGreaterThan(5); // the second line of the label
      expect(Math.abs(figure.y - label.y)).toBeLessThan(20);
    }
  });

  it('sets chart labels in the embedded, subset 黑体 of the sans role, like the headings', () => {
    const [page] = pageWith(pdf, '1—7月重大项目当月完成投资');
    const month = below(page, titleY(page, '1—7'), /^1月$/)[0]!;
    const heading = pdf.pages.flatMap((p) => p.items).find((it) => it.str.includes('投资进度'))!;
    const body = pdf.pages.flatMap((p) => p.items).find((it) => it.str.includes('按示意月度数据看'))!;
    expect(month.fontName).toBe(heading.fontName);
    expect(month.fontName).not.toBe(body.fontName);
    expect(pdf.fonts.some((f) => f.baseFont.includes('NotoSansCJKsc-Regular'))).toBe(true);
    expect(pdf.fonts.every((f) => f.subset && f.embedded)).toBe(true);
  });

  it('draws the charts as vector paths, with no picture in the file', async () => {
    expect(pdf.bytes.toString('latin1')).not.toContain('/Subtype /Image');
    const counts = await operatorCounts(out);
    const [, barPage] = pageWith(pdf, '1—7月重大项目当月完成投资');
    const [, ringPage] = pageWith(pdf, '重大项目累计完成投资构成');
    expect(counts.every((c) => c.images === 0)).toBe(true);
    // Bars, grid lines, axis, ticks: dozens of paths.
    expect(counts[barPage]!.paths).toBeGreaterThan(20);
    expect(counts[ringPage]!.paths).toBeGreaterThan(6);
  });

  it('prints CSV tables with grouped figures, kept places and ▲/▼ changes', () => {
    // The body writes 1230 and so does the table: four digits are not grouped (GB/T 15835).
    expect(text).toContain('城市更新项目总投资1230亿元');
    expect(text).not.toContain('1,230');
    expect(text).toContain('6月33.4155.051.750.0▲14.0');
    expect(text).toContain('7月31.6186.662.258.3▼5.4');
    expect(text).toContain('2月21.339.513.216.7▲17.0');
  });

  it('says the made-up figures are illustrative (示意数据) under each chart and table that uses them', () => {
    const notes = [...text.matchAll(/示意数据/g)].length;
    expect(notes).toBeGreaterThanOrEqual(6);
    for (const title of ['1—7月重大项目当月完成投资', '累计投资完成率与序时进度', '重大项目累计完成投资构成', '重大项目月度投资进度']) {
      const after = text.slice(text.indexOf(title));
      expect(after.slice(0, 400), title).toContain('示意数据');
    }
  });

  it('is byte-identical when built again', async () => {
    const again = join(tempDir(), 'again.pdf');
    const run = await runInProcess(['build', SAMPLE, '-o', again], { env: EPOCH });
    expect(run.code).toBe(0);
    expect(readFileSync(again).equals(pdf.bytes)).toBe(true);
  });
});

describe('briefing validate on a stats document', () => {
  it('checks the charts without loading ECharts', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { prepareDocument } from './dist/orchestrate/build-briefing.js';
      prepareDocument({ dataFile: ${JSON.stringify(SAMPLE)} });
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('/node_modules/echarts/'));
      console.log(JSON.stringify(loaded.length));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
    expect((await runInProcess(['validate', SAMPLE])).code).toBe(0);
  });

  it('points at the chart when a CSV figure is no number', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'templates/stats'), dir, { recursive: true, filter: (f) => !f.endsWith('.pdf') });
    const csv = join(dir, 'monthly.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2月,21.3,', '2月,21.3亿,'));
    const run = await runInProcess(['validate', join(dir, 'sample.yaml'), '-t', join(dir)], { cwd: dir });
    expectUserError(run, 'E_MARKUP_ATTRIBUTE_VALUE', /stats\.hbs \(rendered markup\):\d+:\d+/);
    expect(run.stderr).toContain('"21.3亿" is not a number');
  });
});

/** typography.decimals in a style: figures in tables and KPI cards rounded, counts and text as written. */
describe('a statistics style that rounds figures to whole numbers', () => {
  it('prints the table and KPI figures rounded, and the counts, dashes and body text as written', async () => {
    const dir = sampleProject('stats');
    const style = join(dir, 'style.yaml');
    writeFileSync(style, readFileSync(style, 'utf8').replace(/^typography:\n/m, 'typography:\n  decimals: 0\n'));
    const report = join(dir, 'report.yaml');
    writeFileSync(report, readFileSync(report, 'utf8').replace('template: stats', `template: ${dir}`));
    const file = join(tempDir(), 'rounded.pdf');
    writeFileSync(file, await buildWith({}, { dir }));
    const text = (await readPdf(file)).pages.map((p) => p.text.replace(/\s+/g, '')).join('');
    // monthly.csv: 1月,18.2,18.2,6.1,8.3,— and 2月,21.3,39.5,13.2,16.7,17.0
    expect(text).toContain('1月181868—');
    expect(text).toContain('2月21401317▲17'); // 环比 is the change column: ▲17.0 → ▲17
    // The KPI cards: 186.6 亿元 → 187, 360 个 stays.
    expect(text).toContain('187亿元');
    expect(text).toContain('360个');
    // Body text is the writer's: not rounded.
    expect(text).toContain('累计投资186.6亿元');
  });
});
