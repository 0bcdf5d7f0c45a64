import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfRead } from '../helpers/read-pdf.js';
import { repoRoot, runCli, tempDir } from '../helpers/run-cli.js';

/** The bulletin sample built by the real CLI, read back as a reader's viewer would. */
describe('briefing build templates/bulletin/sample.yaml', () => {
  let out: string;
  let pdf: PdfRead;
  let text: string;
  const sample = readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8');

  beforeAll(async () => {
    out = join(tempDir(), 'sample.pdf');
    const run = runCli(['build', 'templates/bulletin/sample.yaml', '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/built .*sample\.pdf \(\d+ pages, \d+ KB\)/);
    pdf = await readPdf(out);
    // Body text only: the page numbers in the foot would split paragraphs that run over a page.
    text = pdf.pages.map((p) => p.items.filter((i) => i.y < p.height - 60)).map((items) => items.map((i) => i.str).join('')).join('').replace(/\s+/g, '');
  });

  it('prints A4 pages', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
  });

  it('has the masthead, kicker and headline on page 1', () => {
    const first = pdf.pages[0]!.text;
    for (const s of ['二七工作简报', '第18期', '总第236期', '中共郑州市二七区委办公室', '2023年8月22日', '内部资料注意保存', '敢想敢为善作善成', '高质量推动现代化美好二七建设蔚然成势']) {
      expect(first).toContain(s);
    }
  });

  it('has every section sub-head, goal and figure, in reading order', () => {
    const ordered = [
      '记者景静/文通讯员杨坤/图',
      '敢想敢为现代化美好二七实现破题开局',
      '善作善成加快构筑现代经济体系',
      '下半年及今后一个时期的工作总要求',
      '让发展“强起来”', '让发展“活起来”', '让发展“动起来”', '让环境“优起来”', '让群众生活“好起来”',
      '行稳致远全面提升抓落实的执行力',
      '数据最有说服力',
      '186.6', '62.2%', '65.4', '1230',
      '报：', '（共印120份）',
    ];
    let from = 0;
    for (const s of ordered) {
      const at = text.indexOf(s, from);
      expect(at, `"${s}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + s.length;
    }
  });

  it('prints every running paragraph of the sample in full', () => {
    const paragraphs = [...sample.matchAll(/^ {6}- (.{30,})$/gm)].map((m) => m[1]!.replace(/\s+/g, ''));
    expect(paragraphs.length).toBeGreaterThan(8);
    for (const p of paragraphs) expect(text).toContain(p);
  });

  it('reads the table from the CSV file', () => {
    expect(text).toContain('主要指标一览（截至7月底）');
    expect(text).toContain('小微企业园12个');
    expect(text).toContain('入园企业352家');
  });

  it('numbers pages — N — at the foot', () => {
    pdf.pages.forEach((page, i) => {
      const foot = page.items.filter((it) => it.y > page.height - 72).map((it) => it.str).join('');
      expect(foot.replace(/\s/g, '')).toBe(`—${i + 1}—`);
    });
  });

  it('embeds subset CJK fonts for the roles it uses', () => {
    const names = pdf.fonts.map((f) => f.baseFont);
    expect(pdf.fonts.every((f) => f.subset && f.embedded)).toBe(true);
    for (const family of ['NotoSerifCJK', 'NotoSansCJK', 'BriefingKai']) {
      expect(names.some((n) => n.includes(family)), `${family} in ${names.join(', ')}`).toBe(true);
    }
  });

  it('carries metadata and bookmarks from the data', () => {
    expect(pdf.info.Title).toBe('高质量推动现代化美好二七建设蔚然成势');
    expect(pdf.info.Author).toBe('中共郑州市二七区委办公室');
    expect(pdf.outline.map((o) => o.title)).toEqual([
      '敢想敢为 现代化美好二七实现破题开局',
      '善作善成 加快构筑现代经济体系',
      '行稳致远 全面提升抓落实的执行力',
    ]);
  });

  it('is byte-identical when built again elsewhere, from another folder', () => {
    const again = join(tempDir(), 'nested', 'copy.pdf');
    const run = runCli(['build', join(repoRoot, 'templates/bulletin/sample.yaml'), '-o', again], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    expect(statSync(again).size).toBe(pdf.bytes.length);
  });
});
