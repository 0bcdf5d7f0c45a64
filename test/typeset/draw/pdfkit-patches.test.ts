import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPinnedVersions, loadPdfKit, PINNED } from '../../../src/typeset/draw/pdfkit-patches.js';
import { repoRoot, tempDir } from '../../helpers/run-cli.js';

/** A folder whose node_modules hold a pdfkit and a fontkit of the given versions. */
function installed(pdfkit: string, fontkit: string): NodeJS.Require {
  const dir = tempDir();
  const pkg = (name: string, version: string, where: string) => {
    mkdirSync(where, { recursive: true });
    writeFileSync(join(where, 'package.json'), JSON.stringify({ name, version, main: 'index.js' }));
    writeFileSync(join(where, 'index.js'), 'module.exports = {};');
  };
  pkg('pdfkit', pdfkit, join(dir, 'node_modules/pdfkit'));
  pkg('fontkit', fontkit, join(dir, 'node_modules/fontkit'));
  return createRequire(join(dir, 'index.js'));
}

describe('pdfkit patches and their pinned foundations', () => {
  it('the installed pdfkit and fontkit are the versions the patches were written for, as package.json pins them', () => {
    expect(() => checkPinnedVersions()).not.toThrow();
    const pkg = createRequire(join(repoRoot, 'package.json'))('./package.json') as { dependencies: Record<string, string> };
    expect(pkg.dependencies.pdfkit).toBe(PINNED.pdfkit);
    expect(pkg.dependencies.fontkit).toBe(PINNED.fontkit);
  });

  it('refuses another pdfkit or fontkit, naming what it found', () => {
    expect(() => checkPinnedVersions(installed('0.20.2', PINNED.fontkit))).toThrow(/0\.20\.2/);
    expect(() => checkPinnedVersions(installed(PINNED.pdfkit, '2.0.5'))).toThrow(/2\.0\.5/);
    expect(() => checkPinnedVersions(installed(PINNED.pdfkit, PINNED.fontkit))).not.toThrow();
  });

  it('loads pdfkit once, patched, with fontkit stood in for until a font needs it', () => {
    const PDFDocument = loadPdfKit();
    expect(loadPdfKit()).toBe(PDFDocument);
    expect((PDFDocument.prototype as { __briefing?: boolean }).__briefing).toBe(true);
  });
});
