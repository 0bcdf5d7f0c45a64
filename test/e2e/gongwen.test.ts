import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfPage, type PdfRead, type PdfTextItem } from '../helpers/read-pdf.js';
import { fixtures, repoRoot, runCli, tempDir } from '../helpers/run-cli.js';

/** GB/T 9704—2012 on A4, in pt from the page's top left corner. */
const MM = 72 / 25.4;
const BLOCK = { left: 28 * MM, right: 595.28 - 26 * MM, top: 37 * MM, bottom: 841.89 - 35 * MM };
const PITCH = (225 * MM) / 22;
const CELL = (156 * MM) / 28;
/** Positions hold to half a millimetre, as the standard gives them. */
const TOL = 0.5 * MM;
/** The ideographic em box reaches 0.88 em above the baseline and 0.12 em below. */
const emTop = (i: PdfTextItem) => i.y - 0.88 * i.height;
const emBottom = (i: PdfTextItem) => i.y + 0.12 * i.height;
/** The first body line's baseline: FandolFang's em box starts at the line's top (ascender 0.88 em). */
const FIRST_BASELINE = BLOCK.top + 0.88 * 16;

interface Rect { x: number; y: number; w: number; h: number; color: string }
interface Placed { x: number; y: number; w: number; h: number }

/**
 * Filled rectangles and images of every content stream, inflated and read operator by operator.
 * pdfkit flips the page (1 0 0 -1 0 H cm), so y is measured from the top, as for text.
 */
function drawings(bytes: Buffer): { rects: Rect[]; images: Placed[] } {
  const rects: Rect[] = [];
  const images: Placed[] = [];
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let stream: string;
    try {
      stream = inflateSync(bytes.subarray(start, text.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue;
    }
    // pdfkit writes the path, then its fill colour, then f.
    for (const op of stream.matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\s+\/DeviceRGB cs\s+([\d.]+) ([\d.]+) ([\d.]+) scn\s+(?:\/Gs\d+ gs\s+)?f\b/g)) {
      const color = [op[5], op[6], op[7]].map((v) => Math.round(Number(v) * 255)).join(',');
      rects.push({ x: Number(op[1]), y: Number(op[2]), w: Number(op[3]), h: Number(op[4]), color });
    }
    for (const op of stream.matchAll(/([-\d.]+) 0 0 (-[\d.]+) ([-\d.]+) ([-\d.]+) cm\s+\/I\d+ Do/g)) {
      images.push({ x: Number(op[3]), y: Number(op[4]) + Number(op[2]), w: Number(op[1]), h: -Number(op[2]) });
    }
  }
  return { rects, images };
}

/** BaseFont of every text item, page by page, as pdfjs resolves them. */
async function itemFonts(file: string): Promise<{ str: string; y: number; font: string }[][]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    await page.getOperatorList();
    const content = await page.getTextContent();
    const height = page.view[3]!;
    pages.push(content.items.filter((it) => 'str' in it && it.str).map((it) => {
      const t = it as { str: string; transform: number[]; fontName: string };
      return { str: t.str, y: height - t.transform[5]!, font: String((page.commonObjs.get(t.fontName) as { name: string }).name) };
    }));
  }
  await doc.destroy();
  return pages;
}

/** Text items grouped into printed lines (same baseline), left to right. */
function rows(page: PdfPage): { y: number; items: PdfTextItem[]; text: string; left: number; right: number; size: number }[] {
  const byY = new Map<number, PdfTextItem[]>();
  for (const item of page.items) {
    const key = [...byY.keys()].find((y) => Math.abs(y - item.y) < 0.5) ?? item.y;
    byY.set(key, [...(byY.get(key) ?? []), item]);
  }
  return [...byY.entries()].sort(([a], [b]) => a - b).map(([y, items]) => {
    items.sort((a, b) => a.x - b.x);
    return {
      y, items,
      text: items.map((i) => i.str).join('').replace(/\s+/g, ''),
      left: items[0]!.x,
      right: Math.max(...items.map((i) => i.x + i.width)),
      size: Math.max(...items.map((i) => i.height)),
    };
  });
}

const find = (page: PdfPage, text: string) => {
  const row = rows(page).find((r) => r.text.includes(text));
  if (!row) throw new Error(`"${text}" not on the page:\n${page.text}`);
  return row;
};

/** Top of the 一字线 of the page numbers above its baseline, from the bundled 宋体's glyph. */
function dashTopEm(): number {
  const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(f: string): { unitsPerEm: number; glyphForCodePoint(c: number): { bbox: { maxY: number } } } };
  const font = fontkit.openSync(join(repoRoot, 'fonts/NotoSerifCJKsc-Regular.ttf'));
  return font.glyphForCodePoint(0x2014).bbox.maxY / font.unitsPerEm;
}

describe('briefing build templates/gongwen/sample.yaml (GB/T 9704 公文)', () => {
  let pdf: PdfRead;
  let fonts: { str: string; y: number; font: string }[][];
  let drawn: ReturnType<typeof drawings>;
  const sample = readFileSync(join(repoRoot, 'templates/gongwen/sample.yaml'), 'utf8');

  beforeAll(async () => {
    const out = join(tempDir(), 'gongwen.pdf');
    const run = runCli(['build', 'templates/gongwen/sample.yaml', '-o', out, '--copy-number', '000123', '--strict']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(out);
    fonts = await itemFonts(out);
    drawn = drawings(pdf.bytes);
  });

  it('prints A4 pages, every string of the data in reading order', () => {
    // The body ends on page 5; the 版记 goes to the foot of page 6, the back of the last sheet.
    expect(pdf.pages.length).toBe(6);
    for (const p of pdf.pages) expect([p.width, p.height].map(Math.round)).toEqual([595, 842]);
    const body = pdf.pages.map((p) => rows(p).filter((r) => r.y < BLOCK.bottom).map((r) => r.text).join('')).join('');
    const ordered = [
      '000123', '中共郑州市二七区委办公室文件', '二七办〔2023〕12号',
      '中共郑州市二七区委办公室关于印发', '《关于高质量建设现代化美好二七扎实推进', '中国式现代化二七实践的实施意见》的通知',
      '各镇（街道）党（工）委，区委各部委，区直各单位党组织：',
      '一、吃透目标要求', '（一）聚焦产业发展路径', '二、压实落实责任',
      '附件：关于高质量建设现代化美好二七扎实推进中国式现代化二七实践的实施意见',
      '中共郑州市二七区委办公室', '2023年8月22日', '（此件公开发布）',
      '附件', '关于高质量建设现代化美好二七扎实推进中国式现代化二七实践的实施意见',
      '一、明确总体目标和工作要求', '二、推动产业“双轮驱动”', '（一）壮大高成长服务业', '（三）盘活存量资源',
      '三、落实“五个起来”重点任务', '四、全面提升抓落实的执行力', '（三）坚持攻坚克难',
      '抄送：区人大常委会党组，区政府党组，区政协党组。', '中共郑州市二七区委办公室2023年8月22日印发',
    ];
    let from = 0;
    for (const s of ordered) {
      const at = body.indexOf(s, from);
      expect(at, `"${s}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + s.length;
    }
    const paragraphs = [...sample.matchAll(/^ +- ([^\p{ASCII}].{29,})$/gmu)].map((m) => m[1]!.replace(/\s+/g, ''));
    expect(paragraphs.length).toBeGreaterThan(12);
    for (const p of paragraphs) expect(body).toContain(p);
  });

  it('places the red 发文机关标志 with its upper edge 35 mm under the text block, centred, in bold 宋体', () => {
    const mark = find(pdf.pages[0]!, '中共郑州市二七区委办公室文件');
    expect(emTop(mark.items[0]!) - BLOCK.top).toBeCloseTo(35 * MM, 0);
    expect(Math.abs(emTop(mark.items[0]!) - BLOCK.top - 35 * MM)).toBeLessThan(TOL);
    expect(Math.abs((mark.left + mark.right) / 2 - (BLOCK.left + BLOCK.right) / 2)).toBeLessThan(TOL);
    expect(mark.right - mark.left).toBeLessThanOrEqual(BLOCK.right - BLOCK.left + 0.5);
    expect(fonts[0]!.find((i) => i.str.startsWith('中共郑州市'))!.font).toMatch(/NotoSerifCJKsc-Bold$/);
  });

  it('prints the 份号 on line 1, flush left, and centres the 发文字号 two lines under the mark', () => {
    const copy = find(pdf.pages[0]!, '000123');
    expect(copy.left).toBeCloseTo(BLOCK.left, 1);
    expect(Math.abs(emTop(copy.items[0]!) - BLOCK.top)).toBeLessThan(TOL);
    const mark = find(pdf.pages[0]!, '中共郑州市二七区委办公室文件');
    const number = find(pdf.pages[0]!, '二七办〔2023〕12号');
    expect(Math.abs(emTop(number.items[0]!) - emBottom(mark.items[0]!) - 2 * PITCH)).toBeLessThan(TOL);
    expect(Math.abs((number.left + number.right) / 2 - (BLOCK.left + BLOCK.right) / 2)).toBeLessThan(TOL);
  });

  it('draws one red rule as wide as the block, 4 mm under the 发文字号', () => {
    const red = drawn.rects.filter((r) => r.color === '230,0,18');
    expect(red).toHaveLength(1);
    const rule = red[0]!;
    expect(rule.x).toBeCloseTo(BLOCK.left, 1);
    expect(rule.w).toBeCloseTo(BLOCK.right - BLOCK.left, 1);
    const number = find(pdf.pages[0]!, '二七办〔2023〕12号');
    expect(Math.abs(rule.y - emBottom(number.items[0]!) - 4 * MM)).toBeLessThan(TOL);
  });

  it('sets the title in 二号 bold 宋体, centred lines as the data breaks them, two lines under the rule', () => {
    const lines = rows(pdf.pages[0]!).filter((r) => r.size > 21.9 && r.size < 22.1);
    expect(lines.map((l) => l.text)).toEqual(['中共郑州市二七区委办公室关于印发', '《关于高质量建设现代化美好二七扎实推进', '中国式现代化二七实践的实施意见》的通知']);
    // Centred on the ink: the blank half of a full-width 《 that starts a line (or 》 that ends one) does not count.
    const inkLeft = (l: (typeof lines)[number]) => l.left + (l.text.startsWith('《') ? l.size / 2 : 0);
    const inkRight = (l: (typeof lines)[number]) => l.right - (l.text.endsWith('》') ? l.size / 2 : 0);
    for (const l of lines) expect(Math.abs((inkLeft(l) + inkRight(l)) / 2 - (BLOCK.left + BLOCK.right) / 2)).toBeLessThan(TOL);
    const titleFonts = fonts[0]!.filter((i) => lines.some((l) => Math.abs(l.y - i.y) < 0.5)).map((i) => i.font);
    expect(titleFonts.every((f) => /NotoSerifCJKsc-Bold$/.test(f)), titleFonts.join()).toBe(true);
    const rule = drawn.rects.find((r) => r.color === '230,0,18')!;
    const gap = emTop(lines[0]!.items[0]!) - (rule.y + rule.h);
    expect(gap).toBeGreaterThan(2 * PITCH - TOL);
    expect(gap).toBeLessThan(3 * PITCH);
    const addressee = find(pdf.pages[0]!, '各镇（街道）');
    expect(addressee.left).toBeCloseTo(BLOCK.left, 1);
    expect(addressee.text.endsWith('：')).toBe(true);
  });

  it('sets the body in 三号仿宋 on the 28 × 22 grid: 15.79 pt a character, 22 lines a page', () => {
    let full = 0;
    let fullPages = 0;
    const addressee = find(pdf.pages[0]!, '各镇（街道）').y;
    pdf.pages.forEach((page, i) => {
      // Body lines: 三号 text from the 主送 on (the 版头 is placed by its own measures), above the 版记.
      const body = rows(page).filter((r) => Math.abs(r.size - 16) < 0.1 && r.y >= (i === 0 ? addressee : 0) && r.y < BLOCK.bottom);
      for (const r of body) {
        const line = (r.y - FIRST_BASELINE) / PITCH;
        expect(Math.abs(line - Math.round(line)) * PITCH, `${r.text} at ${r.y}`).toBeLessThan(0.1);
        expect(Math.round(line)).toBeGreaterThanOrEqual(0);
        expect(Math.round(line)).toBeLessThan(22);
        if (r.text.length === 28 && /^[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef“”‘’—]+$/.test(r.text)) {
          full++;
          // 27 steps of the pitch plus the last character's own em.
          expect((r.right - r.left - 16) / 27).toBeCloseTo(CELL, 1);
          expect(r.left).toBeCloseTo(BLOCK.left, 1);
        }
      }
      if (body.length === 22) fullPages++;
    });
    expect(CELL).toBeCloseTo(15.79, 2);
    expect(full).toBeGreaterThan(10);
    expect(fullPages).toBeGreaterThanOrEqual(1);
    const bodyFonts = new Set(fonts.flat().filter((i) => /贯彻|实施|要/.test(i.str) && i.y > 500).map((i) => i.font.replace(/^[A-Z]{6}\+/, '')));
    expect(bodyFonts.has('FandolFang-Regular')).toBe(true);
  });

  it('sets headings 一、 in 黑体 and （一） in 楷体 on the body’s lines', () => {
    const h1 = fonts.flat().find((i) => i.str.includes('吃透目标要求'))!;
    const h2 = fonts.flat().find((i) => i.str.includes('聚焦产业发展路径'))!;
    expect(h1.font).toMatch(/NotoSansCJKsc/);
    expect(h2.font).toMatch(/BriefingKai/);
  });

  it('numbers pages — N — with the dash 7 mm under the block, odd pages right and even left, one character in', () => {
    const dash = dashTopEm();
    pdf.pages.forEach((page, i) => {
      const foot = rows(page).find((r) => r.y > BLOCK.bottom + 5)!;
      expect(foot.text).toBe(`—${i + 1}—`);
      expect(Math.abs(foot.y - dash * 14 - BLOCK.bottom - 7 * MM)).toBeLessThan(TOL);
      if ((i + 1) % 2) expect(Math.abs(foot.right - (BLOCK.right - 14))).toBeLessThan(TOL);
      else expect(Math.abs(foot.left - (BLOCK.left + 14))).toBeLessThan(TOL);
    });
  });

  it('presses the seal over the 署名 and date: centred on the date, the lines a little below its centre', () => {
    expect(drawn.images).toHaveLength(1);
    const seal = drawn.images[0]!;
    expect(seal.w).toBeCloseTo(42 * MM, 1);
    const page = pdf.pages[1]!;
    const organ = find(page, '中共郑州市二七区委办公室');
    const date = find(page, '2023年8月22日');
    expect(Math.abs(seal.x + seal.w / 2 - (date.left + date.right) / 2)).toBeLessThan(TOL);
    expect(Math.abs((organ.left + organ.right) / 2 - (date.left + date.right) / 2)).toBeLessThan(TOL);
    // 成文日期 four characters in from the right.
    expect(Math.abs(BLOCK.right - date.right - 4 * CELL)).toBeLessThan(1 * MM);
    const middle = (emTop(organ.items[0]!) + emBottom(date.items[0]!)) / 2;
    const centre = seal.y + seal.h / 2;
    expect(middle - centre).toBeGreaterThan(0);
    expect(middle - centre).toBeLessThan(PITCH / 2);
    // The seal's top less than a line under the 附件说明.
    const note = find(page, '化二七实践的实施意见');
    expect(seal.y - emBottom(note.items[0]!)).toBeGreaterThan(0);
    expect(seal.y - emBottom(note.items[0]!)).toBeLessThan(PITCH);
  });

  it('starts the attachment on a new page: 附件 on line 1 in 黑体, its title on line 3', () => {
    const page = pdf.pages[2]!;
    const [label, title] = rows(page);
    expect(label!.text).toBe('附件');
    expect(label!.left).toBeCloseTo(BLOCK.left, 1);
    expect(Math.abs(emTop(label!.items[0]!) - BLOCK.top)).toBeLessThan(TOL);
    expect(fonts[2]!.find((i) => i.str === '附件')!.font).toMatch(/NotoSansCJKsc/);
    expect(title!.text).toBe('关于高质量建设现代化美好二七');
    expect(emTop(title!.items[0]!)).toBeGreaterThan(BLOCK.top + 2 * PITCH - TOL);
    expect(emBottom(title!.items[0]!)).toBeLessThan(BLOCK.top + 3 * PITCH + TOL);
  });

  it('puts the 版记 at the foot of the last page between thick, thin and thick black rules', () => {
    const black = drawn.rects.filter((r) => r.color === '0,0,0' && Math.abs(r.w - (BLOCK.right - BLOCK.left)) < 0.5);
    expect(black.map((r) => Math.round((r.h / MM) * 100) / 100)).toEqual([0.35, 0.25, 0.35]);
    const bottom = black[2]!;
    expect(Math.abs(bottom.y + bottom.h / 2 - BLOCK.bottom)).toBeLessThan(TOL);
    const last = pdf.pages.at(-1)!;
    const cc = find(last, '抄送：');
    const issued = find(last, '2023年8月22日印发');
    for (const r of [cc, issued]) {
      expect(r.size).toBeCloseTo(14, 1);
      expect(r.y).toBeGreaterThan(black[0]!.y);
      expect(r.y).toBeLessThan(bottom.y);
    }
    expect(cc.y).toBeLessThan(black[1]!.y);
    expect(issued.y).toBeGreaterThan(black[1]!.y);
    expect(Math.abs(cc.left - BLOCK.left - 14)).toBeLessThan(TOL);
    expect(Math.abs(issued.left - BLOCK.left - 14)).toBeLessThan(TOL);
    expect(Math.abs(issued.right - (BLOCK.right - 14))).toBeLessThan(TOL);
    for (const page of pdf.pages.slice(0, -1)) expect(page.text).not.toContain('抄送');
    // GB/T 9704: the 版记 is on the last page, an even one when printed on both sides.
    expect(pdf.pages.length % 2).toBe(0);
  });
});

describe('an upward document (请示): 签发人, 密级, 紧急程度, fixed 份号, no seal, a wrapping 抄送', () => {
  let pdf: PdfRead;

  beforeAll(async () => {
    const out = join(tempDir(), 'upward.pdf');
    const run = runCli(['build', join(fixtures, 'gongwen/upward.yaml'), '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    pdf = await readPdf(out);
  });

  it('stacks 份号, 密级 and 紧急程度 on lines 1 to 3, flush left', () => {
    const page = pdf.pages[0]!;
    ['000042', '秘密★1年', '特急'].forEach((s, line) => {
      const r = find(page, s);
      expect(r.left).toBeCloseTo(BLOCK.left, 1);
      expect(Math.abs(emTop(r.items[0]!) - BLOCK.top - line * PITCH)).toBeLessThan(TOL);
    });
    const mark = find(page, '郑州市二七区人民政府文件');
    expect(Math.abs(emTop(mark.items[0]!) - BLOCK.top - 35 * MM)).toBeLessThan(TOL);
  });

  it('puts the 发文字号 one character in on the line of the last 签发人, the names one character from the right', () => {
    const page = pdf.pages[0]!;
    const first = find(page, '签发人：虎荣鑫');
    expect(Math.abs(first.right - (BLOCK.right - CELL))).toBeLessThan(TOL);
    const last = find(page, '景静');
    const number = last.items.find((i) => i.str.includes('二七政'))!;
    expect(Math.abs(number.x - BLOCK.left - CELL)).toBeLessThan(TOL);
    expect(last.y - first.y).toBeCloseTo(PITCH, 1);
    // 景静 starts under 虎荣鑫: after the four characters of 签发人：.
    const name = last.items.find((i) => i.str.includes('景静'))!;
    expect(Math.abs(name.x - (first.left + 4 * CELL))).toBeLessThan(TOL);
    const [rule] = drawings(pdf.bytes).rects.filter((r) => r.color === '230,0,18');
    expect(Math.abs(rule!.y - emBottom(number) - 4 * MM)).toBeLessThan(TOL);
  });

  it('signs without a seal: 署名 two characters in from the right, the date two characters right of it', () => {
    const page = pdf.pages[0]!;
    const organ = rows(page).filter((r) => r.text === '郑州市二七区人民政府').at(-1)!;
    const date = find(page, '2023年8月25日');
    expect(Math.abs(BLOCK.right - organ.right - 2 * CELL)).toBeLessThan(TOL);
    expect(Math.abs(date.left - organ.left - 2 * CELL)).toBeLessThan(TOL);
    expect(date.y - organ.y).toBeCloseTo(PITCH, 1);
  });

  it('wraps the 抄送 under its first organ and moves the 版记 to a page of its own when the last has no room', () => {
    expect(pdf.pages).toHaveLength(2);
    const last = pdf.pages[1]!;
    const lines = rows(last).filter((r) => r.y < BLOCK.bottom);
    expect(lines.map((l) => l.text).join('')).toBe('抄送：市发展改革委，市自然资源和规划局，市住房保障局，市城乡建设局，市财政局，市生态环境局，市城市管理局，市商务局。郑州市二七区人民政府办公室2023年8月25日印发');
    expect(lines).toHaveLength(4);
    for (const l of lines.slice(1, 3)) expect(Math.abs(l.left - (BLOCK.left + 14 + 3 * 14))).toBeLessThan(TOL);
    expect(lines[3]!.y).toBeLessThan(BLOCK.bottom);
    expect(lines[3]!.y - lines[0]!.y).toBeCloseTo(3 * PITCH, 1);
  });
});
