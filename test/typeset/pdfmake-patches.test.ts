import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPdfmakePatches } from '../../src/typeset/pdfmake-patches.js';
import { repoRoot } from '../helpers/run-cli.js';

const require = createRequire(join(repoRoot, 'node_modules/pdfkit/js/pdfkit.js'));

describe('pdfmake patches', () => {
  applyPdfmakePatches();

  it('parse each font once per process: pdfkit gets the same parsed font for the same bytes', () => {
    const fontkit = require('fontkit') as { create(b: Uint8Array, name?: string): unknown; __briefing?: boolean };
    expect(fontkit.__briefing).toBe(true);
    const bytes = readFileSync(join(repoRoot, 'fonts/NotoSansCJKsc-Bold.ttf'));
    expect(fontkit.create(bytes)).toBe(fontkit.create(bytes));
    expect(fontkit.create(Buffer.from(bytes))).not.toBe(fontkit.create(bytes));
  });

  it('measure an inline with trailingSpacing including the space after its last glyph, per code point', () => {
    const TextInlines = (require('pdfmake/js/TextInlines.js') as { default: new (d: null) => { widthOfText(t: string, i: object): number } }).default;
    const font = { widthOfString: (t: string, size: number) => [...t].length * size };
    const measure = new TextInlines(null);
    expect(measure.widthOfText('二七区', { font, fontSize: 10, characterSpacing: 2 })).toBe(30 + 2 * 2);
    expect(measure.widthOfText('二七区', { font, fontSize: 10, characterSpacing: 2, trailingSpacing: true })).toBe(30 + 2 * 3);
    expect(measure.widthOfText('吉𠮷', { font, fontSize: 10, characterSpacing: 2, trailingSpacing: true })).toBe(20 + 2 * 2);
  });
});
