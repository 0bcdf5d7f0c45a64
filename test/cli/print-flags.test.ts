import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStructure, type PdfDictValue, type PdfStreamValue } from '../helpers/pdf-structure.js';
import { xmpValue } from '../helpers/pdfa-checks.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectUserError, repoRoot, tempDir } from '../helpers/run-cli.js';
import { MM, sampleProject } from '../helpers/sample-build.js';

// The print flags and their config keys, as a user types them.

const EPOCH = { SOURCE_DATE_EPOCH: '1692662400' };

async function build(args: string[], cwd = repoRoot): Promise<Buffer> {
  const out = join(tempDir(), 'out.pdf');
  const run = await runInProcess(['build', ...args, '-o', out], { cwd, env: EPOCH });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(out);
}

describe('the print flags', () => {
  it('--bleed 3mm --marks crop,registration --color cmyk --tagged: boxes, CMYK, a structure tree', async () => {
    const s = await readStructure(await build(['templates/gongwen/sample.yaml', '--bleed', '3mm', '--marks', 'crop,registration', '--color', 'cmyk', '--tagged']));
    const page = s.pages[0]!;
    const [trim, bleed] = [page.TrimBox as number[], page.BleedBox as number[]];
    expect((bleed[2]! - bleed[0]! - (trim[2]! - trim[0]!)) / MM).toBeCloseTo(6, 3);
    const intent = s.resolve((s.resolve(s.catalog.OutputIntents) as PdfDictValue[])[0]) as PdfDictValue;
    expect(intent.S).toBe('/GTS_PDFX');
    expect(s.catalog.StructTreeRoot).toBeDefined();
  });

  it('--pdfa --tagged: PDF/A-2a', async () => {
    const s = await readStructure(await build(['templates/gongwen/sample.yaml', '--pdfa', '--tagged']));
    const xmp = (s.resolve(s.catalog.Metadata) as PdfStreamValue).bytes.toString('utf8');
    expect([xmpValue(xmp, 'pdfaid:part'), xmpValue(xmp, 'pdfaid:conformance')]).toEqual(['2', 'A']);
  });

  it('refuses a bad value, or PDF/A with a print-shop option, as a usage error (exit 2) before building', async () => {
    for (const [args, said] of [
      [['--bleed', '30mm'], /--bleed takes a length from 0 to 20 mm/],
      [['--marks', 'cut'], /--marks takes crop, registration/],
      [['--color', 'cmy'], /--color takes rgb or cmyk/],
      [['--pdfa', '--color', 'cmyk'], /--pdfa makes an archive copy/],
    ] as const) {
      const run = await runInProcess(['build', 'templates/gongwen/sample.yaml', '-o', join(tempDir(), 'x.pdf'), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(said);
    }
  });
});

describe('print: in briefing.config.yaml', () => {
  it('takes bleed, marks, colour, tagging and the print shop\'s own profile; the flags win', async () => {
    const dir = sampleProject('bulletin');
    copyFileSync(join(repoRoot, 'profiles/CGATS_TR006.icc'), join(dir, 'shop.icc'));
    writeFileSync(join(dir, 'briefing.config.yaml'), 'print:\n  bleed: 5mm\n  marks: [crop]\n  color: cmyk\n  tagged: true\n  outputProfile: shop.icc\n');
    const s = await readStructure(await build(['report.yaml'], dir));
    const page = s.pages[0]!;
    const [trim, bleed] = [page.TrimBox as number[], page.BleedBox as number[]];
    expect((trim[0]! - bleed[0]!) / MM).toBeCloseTo(5, 3);
    const intent = s.resolve((s.resolve(s.catalog.OutputIntents) as PdfDictValue[])[0]) as PdfDictValue;
    expect(intent.Info).toBe('shop.icc');
    expect((s.resolve(intent.DestOutputProfile) as PdfStreamValue).bytes.equals(readFileSync(join(dir, 'shop.icc')))).toBe(true);
    expect(s.catalog.StructTreeRoot).toBeDefined();
    // --color rgb and --bleed 0 over the config's: no output intent; the marks still from the config.
    const rgb = await readStructure(await build(['report.yaml', '--color', 'rgb', '--bleed', '0'], dir));
    expect(rgb.catalog.OutputIntents).toBeUndefined();
    expect(rgb.pages[0]!.BleedBox).toEqual(rgb.pages[0]!.TrimBox);
    expect((rgb.pages[0]!.MediaBox as number[])[2]).toBeGreaterThan((rgb.pages[0]!.TrimBox as number[])[2]!);
  });

  it('says which key is wrong, at its line', async () => {
    const dir = sampleProject('bulletin');
    writeFileSync(join(dir, 'briefing.config.yaml'), 'print:\n  tagged: true\n  bleed: 3 inches\n');
    expectUserError(await runInProcess(['build', 'report.yaml'], { cwd: dir }), 'E_CONFIG', /briefing\.config\.yaml:3/);
    writeFileSync(join(dir, 'briefing.config.yaml'), 'print:\n  color: cmyk\n  outputProfile: ../secret.txt\n');
    const run = await runInProcess(['build', 'report.yaml'], { cwd: dir });
    expectUserError(run, 'E_CONFIG', /briefing\.config\.yaml:3/);
    expect(run.stderr).toContain('.icc or .icm');
  });

  it('a profile that is no ICC profile is E_OUTPUT_PROFILE, and nothing is written', async () => {
    const dir = sampleProject('bulletin');
    writeFileSync(join(dir, 'shop.icc'), 'not a profile at all, but long enough to have a header of 132 bytes '.repeat(3));
    writeFileSync(join(dir, 'briefing.config.yaml'), 'print:\n  color: cmyk\n  outputProfile: shop.icc\n');
    expectUserError(await runInProcess(['build', 'report.yaml', '-o', 'out.pdf'], { cwd: dir }), 'E_OUTPUT_PROFILE', /shop\.icc/);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });
});
