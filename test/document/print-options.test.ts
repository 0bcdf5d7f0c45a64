import { describe, expect, it } from 'vitest';
import { checkPaper, checkPrintOptions, parseBleed, parseColorMode, parseMarks } from '../../src/document/print-options.js';
import { MM } from '../../src/document/units.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';

describe('print options as the command line gives them', () => {
  it('--bleed: mm by default, pt when said, 0 to 20 mm', () => {
    expect(parseBleed('3mm')).toBeCloseTo(3 * MM, 9);
    expect(parseBleed('3')).toBeCloseTo(3 * MM, 9);
    expect(parseBleed('8.5pt')).toBe(8.5);
    expect(parseBleed('0')).toBe(0);
    for (const bad of ['-1mm', '3cm', '25mm', 'three']) expect(thrownBriefingError(() => parseBleed(bad)).code).toBe('E_USAGE');
  });

  it('--marks: crop, registration, both or all', () => {
    expect(parseMarks('crop')).toEqual(['crop']);
    expect(parseMarks('crop,registration')).toEqual(['crop', 'registration']);
    expect(parseMarks('all')).toEqual(['crop', 'registration']);
    expect(thrownBriefingError(() => parseMarks('crop,colorbar')).message).toMatch(/not "colorbar"/);
  });

  it('--color: rgb or cmyk; --paper: a known paper', () => {
    expect(parseColorMode('CMYK')).toBe('cmyk');
    expect(thrownBriefingError(() => parseColorMode('lab')).code).toBe('E_USAGE');
    expect(checkPaper('16开')).toBe('16开');
    expect(thrownBriefingError(() => checkPaper('A7')).message).toMatch(/--paper: unknown paper "A7"/);
  });

  it('an archive copy is not a print-shop copy', () => {
    expect(checkPrintOptions({ pdfa: true, paper: 'A4' })).toEqual({ pdfa: true, paper: 'A4' });
    for (const clash of [{ bleed: 3 * MM }, { marks: ['crop' as const] }, { color: 'cmyk' as const }]) {
      expect(thrownBriefingError(() => checkPrintOptions({ pdfa: true, ...clash })).message).toMatch(/--pdfa .* cannot be combined/);
    }
  });
});
