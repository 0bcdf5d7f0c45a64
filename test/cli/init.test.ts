import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from '../helpers/run-cli.js';

describe('briefing init', () => {
  for (const template of ['bulletin', 'gongwen', 'handout']) {
    it(`scaffolds a ${template} project that builds with one command`, async () => {
      const dir = join(tempDir(), 'project');
      const init = await runInProcess(['init', dir, '--template', template]);
      expect(init.code, init.stderr).toBe(0);
      expect(existsSync(join(dir, 'briefing.config.yaml'))).toBe(true);
      expect(existsSync(join(dir, 'templates', template, 'template.yaml'))).toBe(true);
      const build = await runInProcess(['build'], { cwd: dir });
      expect(build.code, build.stderr).toBe(0);
      const pdf = await readPdf(join(dir, 'output', `${template}.pdf`));
      expect(pdf.pages.length).toBeGreaterThan(0);
    });
  }

  it('builds from the project copy of the template, which the user may change', async () => {
    const dir = join(tempDir(), 'p');
    expect((await runInProcess(['init', dir])).code).toBe(0);
    const style = join(dir, 'templates/bulletin/style.yaml');
    writeFileSync(style, readFileSync(style, 'utf8').replace('size: A4', 'size: A5'));
    expect((await runInProcess(['build'], { cwd: dir })).code).toBe(0);
    const pdf = await readPdf(join(dir, 'output/bulletin.pdf'));
    expect(pdf.pages[0]!.width).toBeCloseTo(419.53, 1);
  });

  it('refuses a folder that is not empty, and an unknown template', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect((await runInProcess(['init', dir])).code).toBe(2);
    expect((await runInProcess(['init', join(dir, 'x'), '--template', 'nope'])).code).toBe(1);
  });
});
