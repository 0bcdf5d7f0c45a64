import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { buildBriefing, prepareDocument, type BuildRequest } from '../../src/orchestrate/build-briefing.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { typesetPdf, type TypesetResult } from '../../src/typeset/typeset-pdf.js';
import { readPaths, type PdfPagePaths } from '../helpers/pdf-paths.js';
import { readPdf, type PdfPage, type PdfRead } from '../helpers/read-pdf.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';
import { sampleProject } from '../helpers/sample-build.js';

// Page composition (issue 13), read back from the PDFs briefing writes: tables that run over pages,
// boxes that continue, the 报尾 at the foot, pages that are full, copies that each start on an odd page.

const MM = 72 / 25.4;

/** A project holding a template's sample and its files, with the data changed by `edit`. */
const project = sampleProject;

async function build(dir: string, extra: Partial<BuildRequest> = {}): Promise<{ pdf: PdfRead; paths: PdfPagePaths[]; file: string; pages: number }> {
  const file = join(dir, 'out.pdf');
  const result = await buildBriefing({ dataFile: join(dir, 'report.yaml'), output: file, cwd: dir, force: true, ...extra });
  return { pdf: await readPdf(file), paths: await readPaths(file), file, pages: result.pages };
}

/** The error a build throws: a BriefingError, and no PDF written. */
async function buildError(dir: string): Promise<BriefingError> {
  const file = join(dir, 'out.pdf');
  const error = await buildBriefing({ dataFile: join(dir, 'report.yaml'), output: file, cwd: dir, force: true }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BriefingError);
  expect(existsSync(file)).toBe(false);
  return error as BriefingError;
}

const label = (i: number) => `项目${String(i).padStart(2, '0')}号`;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Every row label of a table printed over pages: each page's labels, in order. */
function labelsByPage(pdf: PdfRead): string[][] {
  return pdf.pages.map((p) => p.text.match(/项目\d\d号/g) ?? []);
}

function expectEveryRowOnce(pdf: PdfRead, rows: number): number[] {
  const byPage = labelsByPage(pdf);
  const all = byPage.flat();
  expect(all).toEqual(Array.from({ length: rows }, (_, i) => label(i + 1)));
  const pages = byPage.map((l, i) => (l.length ? i : -1)).filter((i) => i >= 0);
  expect(pages.length).toBeGreaterThan(1);
  return pages;
}

describe('a 60-row table runs over pages in every template with tables', () => {
  const csv = (header: string) => `${header}\n${Array.from({ length: 60 }, (_, i) => `${label(i + 1)},${(i + 1) * 3},个,第${i + 1}行的说明文字`).join('\n')}\n`;

  it('bulletin: inside its box, every row once, the header and the caption with （续） on every page it runs onto', async () => {
    const dir = project('bulletin', (_d, d) => writeFileSync(join(d, 'key-figures.csv'), csv('指标,数量,单位,说明')));
    const { pdf, paths } = await build(dir);
    const pages = expectEveryRowOnce(pdf, 60);
    for (const [k, i] of pages.entries()) {
      const text = pdf.pages[i]!.text;
      expect(text, `page ${i + 1}`).toContain('指标数量单位说明');
      if (k > 0) {
        expect(text).toContain('主要指标一览（截至7月底）（续）');
        expect(text).toContain('数据最有说服力（续）');
      }
      // The box is closed on each page: two red horizontal rules and two red vertical ones frame it.
      const red = paths[i]!.paths.filter((p) => p.paint === 'stroke' && p.color === '#d7000f');
      const across = red.filter((p) => Math.abs(p.y1 - p.y0) < 0.01 && p.x1 - p.x0 > 400);
      const down = red.filter((p) => Math.abs(p.x1 - p.x0) < 0.01 && p.y1 - p.y0 > 50);
      expect(across.length, `page ${i + 1}`).toBe(2);
      expect(down.length, `page ${i + 1}`).toBe(2);
      const [top, bottom] = across.map((p) => p.y0).sort((a, b) => a - b);
      for (const side of down) {
        expect(side.y0).toBeCloseTo(top!, 0);
        expect(side.y1).toBeCloseTo(bottom!, 0);
      }
      // Every label of the page lies inside the frame.
      for (const item of pdf.pages[i]!.items.filter((t) => /项目\d\d号/.test(t.str))) {
        expect(item.y).toBeGreaterThan(top!);
        expect(item.y).toBeLessThan(bottom!);
      }
    }
  });

  it('stats: the caption stays with the first rows, （续） and the header on every later page', async () => {
    const dir = project('stats', (_d, d) => writeFileSync(join(d, 'key-figures.csv'), csv('指标,数值,单位,说明')));
    const { pdf } = await build(dir);
    const pages = expectEveryRowOnce(pdf, 60);
    const caption = '主要指标一览';
    const first = pdf.pages[pages[0]!]!;
    expect(first.text).toContain(caption);
    // The caption and at least two rows on the first page, the caption above them.
    expect(labelsByPage(pdf)[pages[0]!]!.length).toBeGreaterThanOrEqual(2);
    expect(first.text.indexOf(caption)).toBeLessThan(first.text.indexOf(label(1)));
    for (const i of pages.slice(1)) {
      expect(pdf.pages[i]!.text).toMatch(/主要指标一览.*（续）/);
      expect(pdf.pages[i]!.text).toContain('指标数值单位说明');
    }
    // No page ends or starts the table with a lone row.
    for (const i of pages) expect(labelsByPage(pdf)[i]!.length).toBeGreaterThanOrEqual(2);
  });

  it('handout: twelve sessions of five agenda items; a session cut by the page has its 主持 on both pages', async () => {
    const dir = project('handout', (data) => {
      const agenda = data.agenda as { sessions: unknown[] };
      agenda.sessions = Array.from({ length: 12 }, (_, s) => ({
        host: `第${s + 1}组`,
        items: Array.from({ length: 5 }, (_, j) => ({ time: `${8 + s}:${j}0`, item: `${label(s * 5 + j + 1)}议程`, speaker: '发言人' })),
      }));
    });
    const { pdf } = await build(dir);
    const pages = expectEveryRowOnce(pdf, 60);
    for (const [k, i] of pages.entries()) {
      expect(pdf.pages[i]!.text).toContain('时间议程主持发言');
      if (k > 0) expect(pdf.pages[i]!.text).toContain('续表');
      // Every session with rows on this page shows its host here, and at least two of its rows.
      const labels = labelsByPage(pdf)[i]!;
      const sessions = new Set(labels.map((l) => Math.floor((Number(l.slice(2, 4)) - 1) / 5)));
      for (const s of sessions) {
        expect(pdf.pages[i]!.text).toContain(`第${s + 1}组`);
        expect(labels.filter((l) => Math.floor((Number(l.slice(2, 4)) - 1) / 5) === s).length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('a group of rows bound by one cell that outgrows a page breaks between its rows, every row printed', async () => {
    const dir = project('handout', (data) => {
      const participants = data.participants as { groups: unknown[] };
      participants.groups = [{ kind: '列席', units: Array.from({ length: 60 }, (_, i) => ({ unit: `${label(i + 1)}单位`, count: i + 1 })) }];
    });
    const { pdf } = await build(dir);
    const pages = expectEveryRowOnce(pdf, 60);
    for (const i of pages) expect(pdf.pages[i]!.text).toContain('列席');
  });
});

describe('a table\'s note stays with its last rows', () => {
  it('whatever the table\'s length, the note under it shares its page with at least two of its rows', async () => {
    for (let rows = 20; rows <= 44; rows += 3) {
      const dir = project('stats', (data, d) => {
        writeFileSync(join(d, 'key-figures.csv'), `指标,数值,单位,说明\n${Array.from({ length: rows }, (_, i) => `${label(i + 1)},${i + 1},个,说明`).join('\n')}\n`);
        const sections = data.sections as { tables?: { csv: string; note?: string }[] }[];
        for (const section of sections) for (const t of section.tables ?? []) if (t.csv === 'key-figures.csv') t.note = '注：本表为测试用的示意数据。';
      });
      const { pdf } = await build(dir);
      const page = pdf.pages.findIndex((p) => p.text.includes('本表为测试用的示意数据'));
      expect(labelsByPage(pdf)[page]!.length, `${rows} rows`).toBeGreaterThanOrEqual(2);
      expect(labelsByPage(pdf).flat()).toHaveLength(rows);
    }
  }, 60_000);
});

describe('tables that cannot be set are errors, never clipped', () => {
  it('a cell of 100,000 characters: E_CELL_TOO_LONG, nothing written', async () => {
    const dir = project('stats', (_d, d) => writeFileSync(join(d, 'key-figures.csv'), `指标,数值,单位,说明\n重大项目,360,个,${'长'.repeat(100_000)}\n`));
    const error = await buildError(dir);
    expect(error.code).toBe('E_CELL_TOO_LONG');
    expect(error.message).toMatch(/长长长/);
    expect(error.location?.file).toBeTruthy();
  });

  it('a table of 1,000 columns: E_TABLE_TOO_WIDE, with the width it needs and the width there is', async () => {
    const header = Array.from({ length: 1000 }, (_, i) => `列${i}`).join(',');
    const row = Array.from({ length: 1000 }, (_, i) => String(i)).join(',');
    const dir = project('stats', (_d, d) => writeFileSync(join(d, 'key-figures.csv'), `${header}\n${row}\n`));
    const error = await buildError(dir);
    expect(error.code).toBe('E_TABLE_TOO_WIDE');
    expect(Number(error.params.columns)).toBe(1000);
    expect(Number(error.params.need)).toBeGreaterThan(Number(error.params.width));
  });
});

describe('the 报尾 stands at the foot of the last page', () => {
  for (const template of ['bulletin', 'stats']) {
    it(`${template}: its last line within one line of the text block's foot, its rules across the block`, async () => {
      const { pdf, paths } = await build(project(template));
      const style = parseYaml(readFileSync(join(repoRoot, 'templates', template, 'style.yaml'), 'utf8')) as { page: { margins: { bottom: string } } };
      const foot = pdf.pages[0]!.height - Number.parseFloat(style.page.margins.bottom) * MM;
      const last = pdf.pages.at(-1)!;
      const copies = last.items.find((t) => t.str.includes('共印'))!;
      expect(copies).toBeDefined();
      // One line of the 报尾 is 小四 at leading 1.6: 19.2 pt.
      expect(foot - copies.y).toBeGreaterThan(0);
      expect(foot - copies.y).toBeLessThan(19.2 + 4);
      for (const page of pdf.pages.slice(0, -1)) expect(page.text).not.toContain('共印');
      // Its bottom rule is on the foot.
      const rules = paths.at(-1)!.paths.filter((p) => p.paint === 'stroke' && Math.abs(p.y1 - p.y0) < 0.01 && p.x1 - p.x0 > 400);
      expect(Math.max(...rules.map((r) => r.y0))).toBeCloseTo(foot, 0);
    });
  }
});

describe('a list breaks like a paragraph: two items at each end', () => {
  it('bulletin: the callout box, on A4 and 16开 and pushed down paragraph by paragraph, never leaves one item alone on a page', async () => {
    // Labels found nowhere else in the text.
    const labels = ['要点甲', '要点乙', '要点丙', '要点丁', '要点戊'];
    let split = 0;
    for (const paper of ['A4', '16k']) {
      for (let k = 0; k <= 3; k++) {
        const dir = project('bulletin', (d) => {
          const section = (d.sections as { paragraphs: string[]; callout?: { items: { label: string }[] } }[]).find((s) => s.callout)!;
          section.callout!.items.forEach((item, i) => (item.label = labels[i]!));
          section.paragraphs = [...section.paragraphs, ...Array.from({ length: k }, () => '要坚持问题导向，以重点突破带动全局工作，推动各项任务落地见效。'.repeat(2))];
        });
        const { pdf } = await build(dir, { print: { paper } });
        const perPage = pdf.pages.map((p) => labels.filter((l) => squeeze(p.text).includes(l)).length).filter((n) => n > 0);
        expect(perPage.reduce((s, n) => s + n, 0), `${paper}, k = ${k}`).toBe(labels.length);
        expect(Math.min(...perPage), `${paper}, k = ${k}: ${perPage.join(' + ')}`).toBeGreaterThanOrEqual(2);
        if (perPage.length > 1) split++;
      }
    }
    // The box did break in some of the layouts (a box kept whole would prove nothing).
    expect(split).toBeGreaterThan(0);
  }, 120_000);
});

describe('the 报尾 never stands alone on a page', () => {
  // Text added paragraph by paragraph to the last section moves the end of the text down the page;
  // at some length the 报尾 no longer fits under it, and the end of the text goes with it instead.
  const sentence = '各单位要对照目标任务逐项梳理进度，查找短板弱项，确保各项工作按时保质完成。';
  for (const template of ['bulletin', 'stats']) {
    it(`${template}: with 0 to 7 paragraphs more, its page always has text above it`, async () => {
      const pageCounts = new Set<number>();
      for (let k = 0; k <= 7; k++) {
        const dir = project(template, (d) => {
          const sections = d.sections as { paragraphs?: string[] }[];
          const last = sections.at(-1)!;
          last.paragraphs = [...(last.paragraphs ?? []), ...Array.from({ length: k }, () => sentence.repeat(2))];
        });
        const { pdf } = await build(dir);
        const last = pdf.pages.at(-1)!;
        const head = last.items.find((t) => /^报[：:]/.test(squeeze(t.str)))!;
        expect(head, `k = ${k}`).toBeDefined();
        const above = last.items.filter((t) => t.y < head.y - 1 && /\p{Script=Han}/u.test(t.str));
        expect(above.length, `k = ${k}: the 报尾 alone on page ${pdf.pages.length}`).toBeGreaterThan(0);
        pageCounts.add(pdf.pages.length);
      }
      // Each step adds less than the 报尾's height, so when the end of the text crosses a page end
      // some step leaves too little room under it for the 报尾: the case this is about was met.
      expect(pageCounts.size).toBeGreaterThan(1);
    }, 120_000);
  }
});

describe('the 公文 落款 never stands on a page without body text', () => {
  it('whatever the length of the body, the page with the 署名 carries body lines above it', async () => {
    const sentence = '各单位要结合实际，细化工作举措，明确责任分工，确保各项任务按期完成。';
    for (let k = 0; k <= 21; k += 3) {
      const dir = project('gongwen', (data) => {
        const body = data.body as unknown[];
        for (let i = 0; i < k; i++) body.push(sentence.repeat(1 + (i % 3)));
        delete data.attachments;
      });
      const { pdf } = await build(dir);
      // The date under the 署名 (not the 版记's 印发 date), and the 署名 just above it.
      const page = pdf.pages.find((p) => p.items.some((t) => squeeze(t.str).includes('2023年8月22日') && !t.str.includes('印发')))!;
      const date = page.items.find((t) => squeeze(t.str).includes('2023年8月22日'))!;
      const organ = page.items.find((t) => t.str.includes('中共郑州市二七区委办公室') && t.y < date.y && t.y > date.y - 60)!;
      expect(organ, `k = ${k}`).toBeDefined();
      const above = page.items.filter((t) => t.y < organ.y - 1 && /[\u4e00-\u9fff]{6}/.test(t.str));
      expect(above.length, `k = ${k}`).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('公文 points', () => {
  it('numbers every point, a plain one as a heading one: 1. 2. 3.', async () => {
    const dir = project('gongwen', (data) => {
      const body = data.body as Record<string, unknown>[];
      const section = body.find((b) => typeof b === 'object' && Array.isArray(b.sections)) as { sections: Record<string, unknown>[] };
      section.sections[0]!.points = ['压缩前期手续办理时限。', { heading: '强化要素保障', paragraphs: ['统筹用地、用能和资金，保障项目建设需要。'] }, '加强督导考核。'];
    });
    const { pdf } = await build(dir);
    const text = pdf.pages.map((p) => squeeze(p.text)).join('');
    expect(text).toMatch(/1\.压缩前期手续办理时限。.*2\.强化要素保障.*3\.加强督导考核。/);
  });
});

describe('the 公文 seal', () => {
  it('is multiplied over the 署名 and date, as red ink is, and the text under it stays', async () => {
    const { pdf, paths } = await build(project('gongwen'));
    const page = paths.findIndex((p) => p.imageBlends.length > 0);
    expect(page).toBeGreaterThanOrEqual(0);
    expect(paths[page]!.imageBlends.map((m) => m.toLowerCase())).toEqual(['multiply']);
    expect(squeeze(pdf.pages[page]!.text)).toContain('2023年8月22日');
  });
});

describe('pages are full', () => {
  /** Lays out and writes a sample, keeping how each page ended. */
  async function sample(template: string): Promise<{ pdf: PdfRead; paths: PdfPagePaths[]; result: TypesetResult; foot: number; blockHeight: number }> {
    const prepared = prepareDocument({ dataFile: join(repoRoot, 'templates', template, 'sample.yaml') });
    const result = await typesetPdf(prepared.definition, loadFontSet(prepared.fonts));
    const file = join(tempDir(), `${template}.pdf`);
    writeFileSync(file, result.pdf);
    const [, top, , bottom] = prepared.definition.pageMargins;
    const height = prepared.definition.pageSize.height;
    return { pdf: await readPdf(file), paths: await readPaths(file), result, foot: height - bottom, blockHeight: height - top - bottom };
  }

  /** The lowest text or rule of a page, in pt from the page top. */
  const lowest = (page: PdfPage, paths: PdfPagePaths) =>
    Math.max(...page.items.filter((t) => !/^[—\d\s-]+$/.test(t.str)).map((t) => t.y), ...paths.paths.filter((p) => p.paint !== 'fill' || p.y1 - p.y0 < 3).map((p) => p.y1));

  for (const template of ['bulletin', 'stats', 'handout', 'gongwen']) {
    it(`${template}: every page before the last and a deliberate break is filled to within 15 % of its foot`, async () => {
      const { pdf, paths, result, foot, blockHeight } = await sample(template);
      expect(result.layout).toHaveLength(pdf.pages.length);
      let checked = 0;
      result.layout.forEach((page, i) => {
        if (page.end !== 'flow') return;
        checked++;
        expect(foot - lowest(pdf.pages[i]!, paths[i]!), `${template} page ${i + 1}`).toBeLessThan(0.15 * blockHeight);
      });
      if (template === 'bulletin' || template === 'stats') expect(checked).toBe(pdf.pages.length - 1);
    });
  }
});

describe('other paper', () => {
  it('a cover made for A4 stays on one page on 16开: its spaces scale with the text block', async () => {
    const { pdf } = await build(project('handout'), { print: { paper: '16开' } });
    expect(pdf.pages[0]!.text).toContain('二七区行政中心第一会议室');
    expect(pdf.pages[1]!.text).toContain('目录');
  });
});

describe('headlines', () => {
  it('a two-line title is balanced: its last line is no stub', async () => {
    const title = '二七区多措并举全力应对今年入汛以来最强降雨过程';
    const dir = project('bulletin', (data) => {
      data.title = title;
    });
    const { pdf } = await build(dir);
    const lines = new Map<number, string>();
    for (const t of pdf.pages[0]!.items) {
      if (!title.includes(t.str.trim()) || !t.str.trim()) continue;
      const y = Math.round(t.y);
      lines.set(y, (lines.get(y) ?? '') + t.str.trim());
    }
    const rows = [...lines.entries()].sort(([a], [b]) => a - b).map(([, s]) => s).filter((s) => s.length > 1);
    expect(rows.join('')).toBe(title);
    expect(rows).toHaveLength(2);
    expect(Math.abs(rows[0]!.length - rows[1]!.length)).toBeLessThanOrEqual(2);
  });
});

describe('combined copies', () => {
  it('each copy starts on an odd page, numbers its own pages from 1, carries its 份号, with no blank page inside it', async () => {
    const dir = project('handout');
    const copies = [1, 2, 3].map((n) => ({ number: String(n).padStart(6, '0') }));
    const { pdf, pages } = await build(dir, { combineCopies: copies });
    const single = (await build(dir)).pdf.pages.length;
    const stride = single + (single % 2);
    expect(pdf.pages).toHaveLength(stride * 3 - (single % 2));
    // The build reports the pages it wrote, the empty ones between copies too.
    expect(pages).toBe(pdf.pages.length);
    copies.forEach((copy, c) => {
      const start = c * stride;
      expect(start % 2).toBe(0); // page index 0, 8, 16: pages 1, 9, 17
      expect(pdf.pages[start]!.text).toContain(copy.number);
      for (let p = 0; p < single; p++) {
        const page = pdf.pages[start + p]!;
        expect(page.items.length, `copy ${c + 1} page ${p + 1}`).toBeGreaterThan(0);
        if (p > 0) expect(squeeze(page.items.filter((t) => t.y > page.height - 100).map((t) => t.str).join(''))).toBe(`—${p + 1}—`);
      }
      if (single % 2 && c < 2) expect(pdf.pages[start + single]!.items).toEqual([]);
    });
  });
});
