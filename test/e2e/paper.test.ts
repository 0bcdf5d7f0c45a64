import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfPage, type PdfRead } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectUserError, tempDir } from '../helpers/run-cli.js';

const MM = 72 / 25.4;
/** Positions hold to half a millimetre. */
const TOL = 0.5 * MM;

async function build(template: string, args: string[]): Promise<string> {
  const out = join(tempDir(), `${template}.pdf`);
  const run = await runInProcess(['build', `templates/${template}/sample.yaml`, '-o', out, ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return out;
}

const itemStarting = (page: PdfPage, text: string) => {
  const item = page.items.find((i) => i.str.startsWith(text));
  if (!item) throw new Error(`no text item starting "${text}" in: ${page.text.slice(0, 200)}`);
  return item;
};

describe('--paper: the 公文 on 16开 keeps GB/T 9704\'s text block', () => {
  let a4: PdfRead;
  let k16: PdfRead;
  beforeAll(async () => {
    a4 = await readPdf(await build('gongwen', []));
    k16 = await readPdf(await build('gongwen', ['--paper', '16开']));
  });

  it('prints 185 × 260 mm pages', () => {
    for (const page of k16.pages) {
      expect(page.width / MM).toBeCloseTo(185, 1);
      expect(page.height / MM).toBeCloseTo(260, 1);
    }
  });

  it('moves the block to margins shared 28 : 26 and 37 : 35, and nothing inside it', () => {
    const [p4, p16] = [a4.pages[0]!, k16.pages[0]!];
    const [m4, m16] = [itemStarting(p4, '各镇'), itemStarting(p16, '各镇')];
    expect(m4.x).toBeCloseTo(28 * MM, 0);
    expect(Math.abs(m16.x - ((185 - 156) * 28) / 54 * MM)).toBeLessThan(TOL);
    const dy = (((260 - 225) * 37) / 72 - 37) * MM;
    expect(Math.abs(m16.y - m4.y - dy)).toBeLessThan(TOL);
    // The same lines on the same grid: every item of page 1 keeps its place relative to the block.
    const dx = m16.x - m4.x;
    for (const text of ['中共郑州市', '二七办', '一、']) {
      const [i4, i16] = [itemStarting(p4, text), itemStarting(p16, text)];
      expect(Math.abs(i16.x - i4.x - dx)).toBeLessThan(0.1);
      expect(Math.abs(i16.y - i4.y - dy)).toBeLessThan(0.1);
    }
    expect(k16.pages.length).toBe(a4.pages.length);
  });
});

describe('--paper: the bulletin on A3 scales its margins', () => {
  let a3: PdfRead;
  beforeAll(async () => {
    a3 = await readPdf(await build('bulletin', ['--paper', 'A3']));
  });

  it('prints A3 pages with the body starting at 23.5 mm × 297/210', () => {
    const page = a3.pages[0]!;
    expect(page.width / MM).toBeCloseTo(297, 1);
    expect(page.height / MM).toBeCloseTo(420, 1);
    const left = Math.min(...page.items.map((i) => i.x));
    expect(Math.abs(left - 23.5 * (297 / 210) * MM)).toBeLessThan(TOL);
    const title = itemStarting(page, '高质量推动');
    expect(Math.abs(title.x + title.width / 2 - page.width / 2)).toBeLessThan(TOL);
  });
});

describe('--paper mistakes', () => {
  it('a 公文 on B5 is refused at the style, and no PDF is written', async () => {
    const out = join(tempDir(), 'gw.pdf');
    const run = await runInProcess(['build', 'templates/gongwen/sample.yaml', '-o', out, '--paper', 'B5']);
    expectUserError(run, 'E_PAPER_TOO_SMALL', /gongwen[\\/]style\.yaml/);
    expect(run.stderr).toMatch(/typeArea: scale/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown paper is a usage error (exit 2)', async () => {
    const run = await runInProcess(['build', 'templates/gongwen/sample.yaml', '-o', join(tempDir(), 'x.pdf'), '--paper', '185x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--paper: unknown paper "185x"/);
  });
});
