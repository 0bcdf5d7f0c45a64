import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parsePaperSize } from '../../src/document/page-size.js';
import { loadStyle } from '../../src/document/style.js';
import { fitTypeArea, MIN_MARGIN, type Margins } from '../../src/document/type-area.js';
import { MM } from '../../src/document/units.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { repoRoot } from '../helpers/run-cli.js';

const paper = (s: string) => parsePaperSize(s)!;
const gbt9704 = { top: 37 * MM, right: 26 * MM, bottom: 35 * MM, left: 28 * MM };
const mm = (m: Margins) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round((v / MM) * 100) / 100]));

describe('fitTypeArea', () => {
  it('leaves the design paper exactly as designed, whatever the rule', () => {
    expect(fitTypeArea(paper('A4'), gbt9704, paper('A4'), 'fixed', 's.yaml')).toEqual(gbt9704);
    expect(fitTypeArea(paper('A4'), gbt9704, paper('A4'), 'scale', 's.yaml')).toEqual(gbt9704);
  });

  it('fixed: keeps the 156 × 225 mm block and shares the spare space 37 : 35 and 28 : 26', () => {
    const m = fitTypeArea(paper('A4'), gbt9704, paper('16开'), 'fixed', 's.yaml');
    expect(185 - (m.left + m.right) / MM).toBeCloseTo(156, 6);
    expect(260 - (m.top + m.bottom) / MM).toBeCloseTo(225, 6);
    expect(m.top / m.bottom).toBeCloseTo(37 / 35, 6);
    expect(m.left / m.right).toBeCloseTo(28 / 26, 6);
    expect(mm(m)).toEqual({ top: 17.99, right: 13.96, bottom: 17.01, left: 15.04 });
    // On larger paper the block is centred the same way.
    const a3 = fitTypeArea(paper('A4'), gbt9704, paper('A3'), 'fixed', 's.yaml');
    expect((a3.left + a3.right) / MM).toBeCloseTo(297 - 156, 6);
  });

  it('scale: margins follow the paper, left and right with its width, top and bottom with its height', () => {
    const design = { top: 22 * MM, right: 23.5 * MM, bottom: 24 * MM, left: 23.5 * MM };
    const m = fitTypeArea(paper('A4'), design, paper('A3'), 'scale', 's.yaml');
    expect(m.left / MM).toBeCloseTo(23.5 * (297 / 210), 6);
    expect(m.top / MM).toBeCloseTo(22 * (420 / 297), 6);
    const block = 297 - (m.left + m.right) / MM;
    expect(block / 297).toBeCloseTo((210 - 47) / 210, 6);
  });

  it('refuses a paper that leaves less than 10 mm of margin, and says what to do', () => {
    const e = thrownBriefingError(() => fitTypeArea(paper('A4'), gbt9704, paper('B5'), 'fixed', 'gongwen/style.yaml'));
    expect(e.code).toBe('E_PAPER_TOO_SMALL');
    expect(e.location.file).toBe('gongwen/style.yaml');
    expect(e.message).toContain('B5');
    expect(e.hintIn('en')).toMatch(/typeArea: scale/);
    expect(MIN_MARGIN / MM).toBe(10);
  });
});

describe('loadStyle on another paper', () => {
  const styleOf = (t: string) => join(repoRoot, 'templates', t, 'style.yaml');

  it('公文 on 16开 keeps its 28 × 22 grid and character pitch (typeArea: fixed)', () => {
    const a4 = loadStyle(styleOf('gongwen'));
    const k16 = loadStyle(styleOf('gongwen'), { paper: paper('16开') });
    expect(k16.page.size).toBe('16开');
    expect(k16.page.typeArea).toBe('fixed');
    expect(k16.page.grid!.pitchX).toBeCloseTo(a4.page.grid!.pitchX, 9);
    expect(k16.page.grid!.pitchY).toBeCloseTo(a4.page.grid!.pitchY, 9);
    expect(k16.text.letterSpacing).toBeCloseTo(a4.text.letterSpacing, 9);
    // Each paper has its own sheet; the A4 one is unchanged.
    expect(loadStyle(styleOf('gongwen')).page.margins).toEqual(a4.page.margins);
  });

  it('the bulletin on A3 scales its margins (the default rule)', () => {
    const a3 = loadStyle(styleOf('bulletin'), { paper: paper('A3') });
    expect(a3.page.typeArea).toBe('scale');
    expect(a3.page.margins.left / MM).toBeCloseTo(23.5 * (297 / 210), 6);
  });

  it('a grid that scaling would squeeze below the type size is an error at page.grid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-typearea-'));
    const file = join(dir, 'style.yaml');
    writeFileSync(file, readFileSync(styleOf('gongwen'), 'utf8').replace('typeArea: fixed', 'typeArea: scale'));
    const e = thrownBriefingError(() => loadStyle(file, { paper: paper('16开') }));
    expect(e.code).toBe('E_STYLE');
    expect(e.message).toMatch(/page\.grid: 28 characters of 16 pt do not fit/);
    expect(e.location.line).toBeGreaterThan(1);
  });
});
