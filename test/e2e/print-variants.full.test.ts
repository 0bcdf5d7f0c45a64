import { describe, expect, it } from 'vitest';
import { readStructure } from '../helpers/pdf-structure.js';
import { differingPixels, qpdfProblems, qpdfRun, renderPages, renderRun } from '../helpers/pdf-tools.js';
import { buildWith, MM, SAMPLES } from '../helpers/sample-build.js';
import { taggedViolations } from '../helpers/tagged-checks.js';

// The print variants of the four samples rendered and checked whole (issue 20): some thirty builds,
// so in the full set. qpdf and pdftoppm are installed by .ci/run; in CI these tests never skip.

describe.runIf(renderRun && qpdfRun)('the four samples render the same with and without --tagged (100 dpi)', () => {
  for (const template of SAMPLES) {
    it(template, async () => {
      const plain = await buildWith({}, { template });
      const tagged = await buildWith({ tagged: true }, { template });
      expect(qpdfProblems(tagged)).toEqual([]);
      expect(taggedViolations(await readStructure(tagged))).toEqual([]);
      const [a, b] = [renderPages(plain, 100), renderPages(tagged, 100)];
      expect(b).toHaveLength(a.length);
      a.forEach((page, i) => expect(differingPixels(page, b[i]!), `page ${i + 1}`).toBe(0));
    });
  }
});

describe.runIf(renderRun)('--marks, rendered', () => {
  it('draws the marks outside the TrimBox: inside it the page is as without them', async () => {
    // At 127 dpi a millimetre is 5 pixels: the trim stands 15 px in without marks, 45 px with them.
    const [without] = renderPages(await buildWith({ bleed: 3 * MM }, { template: 'bulletin' }), 127);
    const [withMarks] = renderPages(await buildWith({ bleed: 3 * MM, marks: ['crop', 'registration'] }, { template: 'bulletin' }), 127);
    const trim = { w: Math.round(210 * 5), h: Math.round(297 * 5) };
    let differ = 0;
    for (let y = 0; y < trim.h; y++) {
      for (let x = 0; x < trim.w; x++) {
        const i = ((y + 15) * without!.width + x + 15) * 4;
        const j = ((y + 45) * withMarks!.width + x + 45) * 4;
        if (Math.abs(without!.data[i]! - withMarks!.data[j]!) > 8) differ++;
      }
    }
    expect(differ).toBe(0);
    // And the marks are there: dark pixels in the slug beyond the bleed (15 px from the trim).
    let dark = 0;
    for (let y = 0; y < withMarks!.height; y++) {
      for (let x = 0; x < withMarks!.width; x++) {
        const inBleed = x >= 30 && x < withMarks!.width - 30 && y >= 30 && y < withMarks!.height - 30;
        if (!inBleed && withMarks!.data[(y * withMarks!.width + x) * 4]! < 100) dark++;
      }
    }
    expect(dark).toBeGreaterThan(100);
  });
});

describe.runIf(qpdfRun)('qpdf --check', () => {
  it('passes every print variant of the four samples', async () => {
    // Tagged alone is checked above, CMYK with bleed and marks in print-production.test.ts.
    const variants = [{}, { pdfa: true }, { pdfa: true, tagged: true }, { bleed: 3 * MM, marks: ['crop' as const, 'registration' as const] }, { paper: '16开', tagged: true }, { paper: '大16开' }, { paper: 'A3' }];
    for (const template of SAMPLES) {
      for (const print of variants) expect(qpdfProblems(await buildWith(print, { template })), `${template} ${JSON.stringify(print)}`).toEqual([]);
    }
  });
});
