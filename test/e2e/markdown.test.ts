import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfRead, type PdfTextItem } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectUserError, fixtures, tempDir } from '../helpers/run-cli.js';

/** Each text run with the BaseFont written in the PDF (`DZZZZZ+NotoSerifCJKsc-Bold`). */
async function runsWithFonts(file: string): Promise<{ str: string; font: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const runs: { str: string; font: string }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    await page.getOperatorList(); // loads the fonts into commonObjs
    for (const it of content.items) {
      if ('fontName' in it && it.str) runs.push({ str: it.str, font: (page.commonObjs.get(it.fontName) as { name: string }).name });
    }
  }
  await doc.destroy();
  return runs;
}

/** A scratch copy of the fixture project with the fixture template under templates/. */
function project(): string {
  const dir = tempDir();
  cpSync(join(fixtures, 'projects/markdown'), dir, { recursive: true });
  cpSync(join(fixtures, 'templates/markdown'), join(dir, 'templates/markdown'), { recursive: true });
  return dir;
}

describe('long text from Markdown files, built into a PDF', () => {
  let pdf: PdfRead;
  let items: PdfTextItem[];
  let runs: { str: string; font: string }[];
  let text: string;
  const fontOf = (str: string) => runs.find((r) => r.str.includes(str))?.font ?? 'not printed';

  beforeAll(async () => {
    const dir = project();
    const run = await runInProcess(['build', 'report.yaml', '-o', 'out.pdf', '--strict'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(join(dir, 'out.pdf'));
    runs = await runsWithFonts(join(dir, 'out.pdf'));
    items = pdf.pages.flatMap((p) => p.items);
    text = pdf.pages.map((p) => p.text).join('');
  });

  it('prints the paragraphs of the .md files, leading ideographic spaces dropped', () => {
    expect(text).toContain('全会概况8月21日，中共郑州市二七区第十二届委员会第四次全体会议召开。');
    expect(text).toContain('并对下半年的重点任务逐项作出部署。半年多来，');
    const first = items.find((i) => i.str.startsWith('8月21日'))!;
    const body = items.find((i) => i.str.startsWith('半年多来'))!;
    expect(first.x).toBeCloseTo(body.x, 0); // the same two-character indent, not four
  });

  it('sets **bold** in the bold face and *emphasis* in 楷体, the rest in the regular face', () => {
    expect(fontOf('审议通过了两份实施意见')).toMatch(/\+NotoSerifCJKsc-Bold$/);
    expect(fontOf('并对下半年')).toMatch(/\+NotoSerifCJKsc-Regular$/);
    expect(fontOf('成绩只')).toMatch(/\+BriefingKai-Regular$/);
    for (const word of ['强起来', '活起来', '动起来', '优起来', '好起来']) expect(fontOf(word), word).toMatch(/\+NotoSerifCJKsc-Bold$/);
  });

  it('turns # into a heading below the section heading', () => {
    expect(fontOf('工作方法')).toMatch(/\+BriefingKai-Bold$/);
    expect(text).toContain('越往后越要把力气用在落实上。工作方法一、突破惯性思维');
  });

  it('prints list items one per line, with Chinese numbers or bullets hanging left of the text', () => {
    const labels = ['一、', '二、', '三、', '四、'];
    const entries = ['突破惯性思维', '突出工作重点', '突击急难愁盼', '突显党的领导'];
    const rows = entries.map((e, n) => ({ label: items.find((i) => i.str === labels[n])!, text: items.find((i) => i.str === e)! }));
    for (const { label, text: entry } of rows) {
      expect(label.y).toBeCloseTo(entry.y, 0);
      expect(label.x).toBeLessThan(entry.x);
    }
    for (let n = 1; n < rows.length; n++) expect(rows[n]!.text.y).toBeGreaterThan(rows[n - 1]!.text.y);
    const bullets = items.filter((i) => i.str === '●');
    expect(bullets.length).toBe(5 + 2); // five from the .md file, two in the figures box
    expect(text).toContain('●强起来：深化产业战略布局，服务业与工业双轮并进●活起来：');
  });

  it('prints markup, entities and mustaches typed in the .md file as text', () => {
    expect(text).toContain('文中的<page-break/>、</table>、{{x}}和&nbsp;照原样印出，不会改变版面。');
    const page = pdf.pages.findIndex((p) => p.text.includes('<page-break/>'));
    expect(pdf.pages[page]!.text).toContain('照原样印出'); // no page break happened inside the line
  });

  it('formats the figures and the date with the numeral helpers', () => {
    expect(text).toContain('重大项目完成投资：壹佰捌拾陆亿陆仟万元整，完成率62.2%');
    expect(text).toContain('城市更新项目总投资：壹仟贰佰叁拾亿元整');
    expect(text).toContain('第十八期');
    expect(text).toContain('二〇二三年八月二十二日');
  });
});

describe('Markdown mistakes are errors at the right file and line', () => {
  it('a missing .md file points at the data line that names it', async () => {
    const dir = project();
    writeFileSync(join(dir, 'report.yaml'), readFileSync(join(dir, 'report.yaml'), 'utf8').replace('text/priorities.md', 'text/priority.md'));
    const run = await runInProcess(['build', 'report.yaml'], { cwd: dir });
    expectUserError(run, 'E_MARKDOWN_NOT_FOUND', /--> report\.yaml:11:\d+/);
    expect(run.stderr).toContain('sections[1].body.markdown');
  });

  it('a nested list points at its line in the .md file', async () => {
    const dir = project();
    writeFileSync(join(dir, 'text/overview.md'), '甲。\n\n1. 乙\n   - 丙\n');
    expectUserError(await runInProcess(['build', 'report.yaml'], { cwd: dir }), 'E_MARKDOWN_UNSUPPORTED', /--> text\/overview\.md:4/);
  });

  it('a .md file that is not UTF-8 is named', async () => {
    const dir = project();
    writeFileSync(join(dir, 'text/overview.md'), Buffer.from([0xc8, 0xab, 0xbb, 0xe1, 0x0a]));
    expectUserError(await runInProcess(['validate', 'report.yaml'], { cwd: dir }), 'E_DATA_ENCODING', /--> text\/overview\.md/);
  });
});
