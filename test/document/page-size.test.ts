import { describe, expect, it } from 'vitest';
import { pageDimensions, paperSize, parsePaperSize } from '../../src/document/page-size.js';
import { MM } from '../../src/document/units.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';

const inMm = (size: string) => {
  const p = parsePaperSize(size)!;
  return [Math.round((p.width / MM) * 100) / 100, Math.round((p.height / MM) * 100) / 100];
};

describe('paper sizes used in Chinese print', () => {
  it('knows the ISO sizes and the 开 cuts of the 正度 and 大度 sheets, in mm', () => {
    expect(inMm('A4')).toEqual([210, 297]);
    expect(inMm('a3')).toEqual([297, 420]);
    expect(inMm('B5')).toEqual([176, 250]);
    expect(inMm('16开')).toEqual([185, 260]);
    expect(inMm('大16开')).toEqual([210, 285]);
    expect(inMm('8开')).toEqual([260, 370]);
    expect(inMm('大8开')).toEqual([285, 420]);
    expect(inMm('32开')).toEqual([130, 184]);
  });

  it('reads 16K as 16开, as printer menus write it', () => {
    expect(parsePaperSize('16k')).toEqual(parsePaperSize('16开'));
    expect(parsePaperSize('大16K')!.name).toBe('大16开');
  });

  it('takes a custom width × height in mm, written with x, × or *', () => {
    expect(inMm('185x260')).toEqual([185, 260]);
    expect(inMm('185 × 260 mm')).toEqual([185, 260]);
    expect(inMm('297*210mm')).toEqual([297, 210]);
    expect(parsePaperSize('185x260')!.name).toBe('185×260 mm');
    // A custom size's name reads back as the same size (the style sheet keeps the name).
    expect(inMm(parsePaperSize('140.5x203')!.name)).toEqual([140.5, 203]);
  });

  it('refuses what is not a paper: unknown names, missing sides, absurd sizes', () => {
    for (const bad of ['A6', '185', '185x', 'x260', '10x10', '5000x260', '185x260cm']) expect(parsePaperSize(bad)).toBeUndefined();
    const inStyle = thrownBriefingError(() => paperSize('A6', { file: 'style.yaml' }));
    expect(inStyle.code).toBe('E_STYLE');
    expect(inStyle.location.file).toBe('style.yaml');
    expect(inStyle.message).toMatch(/unknown page size "A6".*16开/);
    const onFlag = thrownBriefingError(() => paperSize('A6', { flag: '--paper' }));
    expect(onFlag.code).toBe('E_USAGE');
    expect(onFlag.message).toMatch(/^--paper: unknown page size/);
  });

  it('gives pdfmake and the blocks the size in pt', () => {
    const [w, h] = pageDimensions('16开', 'style.yaml');
    expect(w).toBeCloseTo(524.41, 2);
    expect(h).toBeCloseTo(737.01, 2);
  });
});
