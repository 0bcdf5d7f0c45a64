import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { chineseNumeral } from '../../src/document/numbering.js';
import { readPdf, type PdfPage, type PdfRead, type PdfTextItem } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

interface Sample {
  meeting: { name: string; nameLines: string[]; date: string; place: string };
  cover: { mark: string; notice: string };
  contents: { title: string };
  agenda: { heading: string; columns: string[]; sessions: { host: string; items: { time: string; item: string; speaker?: string }[] }[] };
  participants: { heading: string };
  materials: { title: string; sections: { heading: string }[] }[];
}

const samplePath = join(repoRoot, 'templates/handout/sample.yaml');
const sample = parseYaml(readFileSync(samplePath, 'utf8')) as Sample;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The printed lines of a page: text items sharing a baseline, left to right, spaces dropped. */
function lines(page: PdfPage): { y: number; text: string; items: PdfTextItem[] }[] {
  const rows: { y: number; items: PdfTextItem[] }[] = [];
  for (const item of [...page.items].sort((a, b) => a.y - b.y)) {
    const row = rows.find((r) => Math.abs(r.y - item.y) < 2);
    if (row) row.items.push(item);
    else rows.push({ y: item.y, items: [item] });
  }
  return rows.map((r) => {
    const items = r.items.sort((a, b) => a.x - b.x);
    return { y: r.y, items, text: squeeze(items.map((i) => i.str).join('')) };
  });
}

/** 目录 entries as printed: text (leader dots dropped), page number, and where the number ends. */
function tocEntries(page: PdfPage): { text: string; page: number; right: number; dots: number }[] {
  const out: { text: string; page: number; right: number; dots: number }[] = [];
  let pending = '';
  const all = lines(page);
  const title = all.findIndex((l) => l.text === squeeze(sample.contents.title));
  for (const line of all.slice(title + 1)) {
    const m = /^(.*?)(·*)(\d+)$/.exec(line.text);
    if (!m) {
      pending += line.text;
      continue;
    }
    const last = line.items[line.items.length - 1]!;
    out.push({ text: pending + m[1]!, page: Number(m[3]), right: last.x + last.width, dots: m[2]!.length });
    pending = '';
  }
  return out;
}

const h1s = [sample.agenda.heading, sample.participants.heading, ...sample.materials.map((m) => m.title)].map((t, i) => `${chineseNumeral(i + 1)}、${t}`);
const h2s = sample.materials.flatMap((m) => m.sections.map((s, i) => `（${chineseNumeral(i + 1)}）${s.heading}`));

describe('briefing build templates/handout/sample.yaml', () => {
  let pdf: PdfRead;

  beforeAll(async () => {
    const out = join(tempDir(), 'handout.pdf');
    const run = await runInProcess(['build', 'templates/handout/sample.yaml', '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(out);
  });

  it('prints A4 pages', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
  });

  it('has a cover with the meeting, date, place, 会议材料 and 会后收回, and no page number', () => {
    const cover = pdf.pages[0]!;
    for (const s of [sample.meeting.nameLines.join(''), '2023年8月21日', sample.meeting.place, sample.cover.mark, sample.cover.notice]) {
      expect(cover.text).toContain(s);
    }
    expect(cover.text).not.toMatch(/—\d+—/);
    expect(cover.items.filter((i) => i.y > cover.height - 130)).toEqual([]);
    // The notice sits top right, above the meeting's name.
    const notice = cover.items.find((i) => i.str.includes(sample.cover.notice))!;
    expect(notice.x + notice.width).toBeGreaterThan(cover.width - 100);
    expect(notice.y).toBeLessThan(cover.items.find((i) => i.str.includes(sample.meeting.nameLines[0]!.slice(0, 4)))!.y);
  });

  it('numbers every page after the cover — N —, centred', () => {
    pdf.pages.slice(1).forEach((page, i) => {
      const foot = page.items.filter((it) => it.y > page.height - 100);
      expect(squeeze(foot.map((it) => it.str).join(''))).toBe(`—${i + 2}—`);
      const centre = (Math.min(...foot.map((f) => f.x)) + Math.max(...foot.map((f) => f.x + f.width))) / 2;
      expect(Math.abs(centre - (27 + (210 - 24.5)) / 2 * 72 / 25.4)).toBeLessThan(3);
    });
  });

  it('lists every h1 and h2 in the 目录 with the page it actually starts on', () => {
    const tocPage = pdf.pages[1]!;
    expect(tocPage.text).toContain(squeeze(sample.contents.title));
    const entries = tocEntries(tocPage);
    expect(entries.map((e) => e.text)).toEqual(interleave());
    for (const entry of entries) {
      const first = pdf.pages.findIndex((p, i) => i > 1 && p.text.includes(entry.text));
      expect(first, entry.text).toBeGreaterThan(1);
      expect(entry.page, entry.text).toBe(first + 1);
    }
    expect(new Set(entries.map((e) => e.page)).size).toBeGreaterThan(2);
  });

  it('draws dotted leaders up to right-aligned page numbers', () => {
    const entries = tocEntries(pdf.pages[1]!);
    for (const e of entries) expect(e.dots, e.text).toBeGreaterThan(3);
    const rights = entries.map((e) => e.right);
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(0.5);
    // The long material title wraps: a line without leader or number, then the rest with both.
    const long = squeeze(h1s[3]!);
    const all = lines(pdf.pages[1]!);
    const wrapped = all.find((l) => long.startsWith(l.text) && l.text.length < long.length);
    expect(wrapped?.text.length).toBeGreaterThan(10);
    // The rest hangs under the text, after the two characters of 四、, and takes the page number.
    const rest = all[all.indexOf(wrapped!) + 1]!;
    expect(rest.items[0]!.x - wrapped!.items[0]!.x).toBeCloseTo(2 * wrapped!.items[0]!.height, 0);
    expect(rest.text).toMatch(/·+\d+$/);
    expect(entries.find((e) => e.text === long)?.dots).toBeGreaterThan(3);
  });

  it('prints the agenda table: header, then every row in order with its time, item and speaker', () => {
    const page = pdf.pages.slice(2).find((p) => p.text.includes(`一、${sample.agenda.heading}`))!;
    const rows = lines(page);
    const header = rows.findIndex((l) => l.text === sample.agenda.columns.join(''));
    expect(header).toBeGreaterThanOrEqual(0);
    let lastY = rows[header]!.y;
    const items = sample.agenda.sessions.flatMap((s) => s.items);
    items.forEach((item, i) => {
      const row = rows.find((l) => l.y > lastY && l.text.startsWith(item.time));
      expect(row, item.time).toBeDefined();
      expect(row!.text).toContain(squeeze(item.item).slice(0, 8));
      if (item.speaker) expect(row!.text).toContain(item.speaker);
      if (i === 0) expect(row!.text).toContain(sample.agenda.sessions[0]!.host);
      lastY = row!.y;
    });
  });

  it('puts the 份号 top right of the cover with --copy-number, and lists h1 only with levels: 1', async () => {
    const dir = tempDir();
    const data = join(dir, 'one-level.yaml');
    writeFileSync(data, readFileSync(samplePath, 'utf8').replace(/^ {2}levels: 2$/m, '  levels: 1'));
    const out = join(dir, 'one-level.pdf');
    const run = await runInProcess(['build', data, '-o', out, '--copy-number', '000123'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const numbered = await readPdf(out);
    const cover = numbered.pages[0]!;
    const copy = cover.items.find((i) => i.str === '000123')!;
    expect(copy).toBeDefined();
    expect(copy.x + copy.width).toBeCloseTo(cover.width - 24.5 * 72 / 25.4, 0);
    expect(copy.y).toBeLessThan(cover.items.find((i) => i.str.includes(sample.cover.notice))!.y);
    expect(tocEntries(numbered.pages[1]!).map((e) => e.text)).toEqual(h1s.map(squeeze));
  });
});

/** h1s with each material's h2s after it, as the 目录 lists them with levels: 2. */
function interleave(): string[] {
  const out = [h1s[0]!, h1s[1]!];
  let h2 = 0;
  sample.materials.forEach((m, i) => {
    out.push(h1s[i + 2]!);
    for (let k = 0; k < m.sections.length; k++) out.push(h2s[h2++]!);
  });
  return out.map(squeeze);
}
