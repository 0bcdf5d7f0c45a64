import { describe, expect, it } from 'vitest';
import { columnWidths, type ColumnSpec } from '../../../src/typeset/layout/column-widths.js';

const col = (width: ColumnSpec['width'], min: number, max: number, floor?: number): ColumnSpec => ({ width, min, max, floor });

describe('table column widths', () => {
  it('gives fixed columns their width and the star columns equal shares of the rest', () => {
    expect(columnWidths([col(100, 20, 40), col('*', 10, 50), col('*', 10, 30)], 400).widths).toEqual([100, 150, 150]);
  });

  it('gives an auto column its widest when everything fits', () => {
    expect(columnWidths([col('auto', 30, 120), col('*', 20, 60)], 400).widths).toEqual([120, 280]);
  });

  it('gives an auto column its widest while the star columns keep their narrowest, though their long headers would not fit', () => {
    // A column of project names beside five figure columns whose headers ask for 110 pt each.
    const { widths, overflow } = columnWidths([col('auto', 40, 150), ...Array.from({ length: 5 }, () => col('*', 48, 110))], 462);
    expect(widths[0]).toBe(150);
    for (const w of widths.slice(1)) expect(w).toBeCloseTo((462 - 150) / 5, 6);
    expect(overflow).toBe(0);
  });

  it('shares between narrowest and widest in proportion when the auto column cannot have its widest', () => {
    const { widths } = columnWidths([col('auto', 40, 400), col('*', 60, 100), col('*', 60, 100)], 400);
    // min 40 + 2 × 60 = 160, max 400 + 200 = 600: the auto column gets 40 + 360 × 240 / 440.
    expect(widths[0]).toBeCloseTo(40 + (360 * 240) / 440, 6);
    expect(widths[1]).toBeCloseTo(widths[2]!, 6);
    expect(widths.reduce((s, w) => s + w, 0)).toBeCloseTo(400, 6);
  });

  it('goes below the narrowest towards the floor, and reports the overflow, when not even that fits', () => {
    const { widths, overflow } = columnWidths([col('auto', 200, 300, 100), col('*', 200, 300, 100)], 300);
    expect(widths[0]).toBeCloseTo(150, 6);
    expect(widths[1]).toBeCloseTo(150, 6);
    expect(overflow).toBe(0);
    expect(columnWidths([col('auto', 200, 300, 100), col('*', 200, 300, 100)], 150).overflow).toBeCloseTo(50, 6);
  });
});
