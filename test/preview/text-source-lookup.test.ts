import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/load/load-data.js';
import { buildBriefing } from '../../src/orchestrate/build-briefing.js';
import { createHost } from '../../src/host/host.js';
import { textSourceLookup } from '../../src/preview/text-source-lookup.js';
import type { SourceLookup } from '../../src/preview/source-lookup.js';
import { findTemplateDir, loadTemplatePack, type TemplatePack } from '../../src/template/template-pack.js';
import { readPdf, type PdfPage } from '../helpers/read-pdf.js';
import { fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';

/** The printed lines of a page as pdf.js reads them: items at one height, left to right, spaces kept. */
function printedLines(page: PdfPage): string[] {
  const rows = new Map<number, { x: number; str: string }[]>();
  for (const it of page.items) {
    const y = Math.round(it.y);
    const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
    rows.set(key, [...(rows.get(key) ?? []), { x: it.x, str: it.str }]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
}

describe('text source lookup on the bulletin sample, with the text pdf.js reads off the built PDF', () => {
  let lookup: SourceLookup;
  let pages: string[][];
  let dataFile: string;
  const lineOf = (pageIndex: number, part: string) => {
    const found = pages[pageIndex]!.find((l) => l.replace(/\s/g, '').includes(part));
    if (!found) throw new Error(`no printed line with ${part} on page ${pageIndex + 1}:\n${pages[pageIndex]!.join('\n')}`);
    return found;
  };

  beforeAll(async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(dir, 'sample.yaml'));
    cpSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(dir, 'key-figures.csv'));
    dataFile = join(dir, 'sample.yaml');
    const result = await buildBriefing({ dataFile, cwd: dir });
    pages = (await readPdf(result.output)).pages.map(printedLines);
    const host = createHost({ projectRoot: dir });
    lookup = textSourceLookup(loadData(dataFile, { host }), loadTemplatePack(findTemplateDir('bulletin', host), host), host);
  });

  it('a line of a paragraph → the paragraph, at its line in the data file', () => {
    const line = lineOf(0, '会议以贯彻落实省委');
    const [hit] = lookup.find({ page: 1, text: line, line });
    expect(hit).toMatchObject({ kind: 'data', file: dataFile, dataPath: 'lead.paragraphs[0]', line: 20, column: 7 });
  });

  it('the title → both places that hold it, title and meta.title', () => {
    const line = lineOf(0, '蔚然成势');
    const places = lookup.find({ page: 1, text: line, line });
    expect(places.map((p) => p.dataPath).sort()).toEqual(['meta.title', 'title']);
  });

  it('a span of digits inside a paragraph line → that paragraph', () => {
    const line = lineOf(0, '进入2023年');
    const hit = lookup.find({ page: 1, text: '2023', line, spanStart: line.indexOf('2023') })[0];
    expect(hit?.dataPath).toBe('sections[0].paragraphs[0]');
  });

  it('the date as printed (2023年8月22日) → the ISO date in the masthead', () => {
    const line = lineOf(0, '2023年8月22日');
    const text = line.slice(line.indexOf('2023'));
    expect(lookup.find({ page: 1, text, line, spanStart: line.indexOf('2023') })[0]?.dataPath).toBe('masthead.date');
  });

  it('the issue line: the figure under the pointer', () => {
    const line = lineOf(0, '总第236期');
    expect(lookup.find({ page: 1, text: line, line, charIndex: line.indexOf('18') })[0]?.dataPath).toBe('masthead.issue');
    expect(lookup.find({ page: 1, text: line, line, charIndex: line.indexOf('236') + 1 })[0]?.dataPath).toBe('masthead.totalIssue');
  });

  it('a cell of the goal table → the cell, not the paragraph that uses the same words', () => {
    const index = pages.findIndex((p) => p.some((l) => l.replace(/\s/g, '').includes('深化产业战略布局') && l.includes('“强起来”') && !l.includes('，关键在')));
    expect(index).toBeGreaterThanOrEqual(0);
    const line = pages[index]!.find((l) => l.replace(/\s/g, '').includes('深化产业战略布局') && !l.includes('，关键在'))!;
    const hit = lookup.find({ page: index + 1, text: '深化产业战略布局', line, spanStart: line.indexOf('深化') })[0];
    expect(hit?.dataPath).toBe('sections[1].goals.rows[0][1]');
  });

  it('a cell of the CSV table → its row in the CSV file', () => {
    const index = pages.findIndex((p) => p.some((l) => l.includes('小微企业园') && l.includes('全区小微企业园')));
    expect(index).toBeGreaterThanOrEqual(0);
    const line = pages[index]!.find((l) => l.includes('全区小微企业园'))!;
    const hit = lookup.find({ page: index + 1, text: '全区小微企业园', line, spanStart: line.indexOf('全区小微企业园') })[0];
    expect(hit).toMatchObject({ kind: 'table', dataPath: 'stats.table.rows[6][3]', line: 8 });
    expect(hit?.file).toMatch(/key-figures\.csv$/);
  });

  it('a page number → nothing', () => {
    const line = lineOf(0, '—1—');
    expect(lookup.find({ page: 1, text: line, line })).toEqual([]);
  });
});

describe('text source lookup in Markdown files and template text', () => {
  const project = join(fixtures, 'projects/markdown');
  const host = createHost({ projectRoot: project });
  const loaded = loadData(join(project, 'report.yaml'), { host });
  const lookup = textSourceLookup(loaded, loadTemplatePack(join(fixtures, 'templates/markdown')), host);

  it('a paragraph of a Markdown file → its line in the .md, and the data path that names the file', () => {
    const text = '也拿出了办法。会议提醒各级干部，成绩只是起点，';
    const [hit] = lookup.find({ page: 1, text, line: text });
    expect(hit).toMatchObject({ kind: 'markdown', line: 4, dataPath: 'sections[0].body.markdown' });
    expect(hit?.file).toMatch(/text[/\\]overview\.md$/);
  });

  it('text written in the template itself → the template file and line', () => {
    const pack = { entry: { file: '/t/entry.hbs', source: '<document>\n<p>{{title}}</p>\n<p align="right">本期要点：{{unit}}</p>\n</document>' }, partials: new Map() } as unknown as TemplatePack;
    const withTemplate = textSourceLookup(loaded, pack, host);
    expect(withTemplate.find({ page: 1, text: '本期要点：', line: '本期要点：中共郑州市二七区委办公室' })[0]).toMatchObject({ kind: 'template', file: '/t/entry.hbs', line: 3, column: 18 });
  });
});
