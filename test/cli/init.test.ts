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
    const unknown = await runInProcess(['init', join(dir, 'x'), '--template', 'handot']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('hint: did you mean handout? available templates: bulletin, gongwen, handout, stats');
  });
});

describe('briefing init makes a project npm can install', () => {
  it('writes a package.json that depends on briefing, and a .gitignore', async () => {
    const dir = join(tempDir(), 'meeting');
    const run = await runInProcess(['init', dir]);
    expect(run.code, run.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // Run from this checkout: the project depends on it by path, which npm installs from.
    expect(pkg).toMatchObject({ name: 'meeting', private: true, scripts: { build: 'briefing build' }, allowScripts: { briefing: true } });
    expect(pkg.dependencies.briefing).toMatch(/^file:(\.\.\/)+/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(['node_modules/', 'output/', '.briefing-cache/', '']);
    expect(run.stdout).toContain(`next: cd ${dir} && npm install && npx briefing build`);
  });

  it('--from a tarball copies it into vendor/, so the project installs the same briefing anywhere', async () => {
    const dir = join(tempDir(), '简报项目');
    const tarball = join(tempDir(), 'briefing-9.9.9.tgz');
    writeFileSync(tarball, 'not really a tarball: init only copies it');
    const run = await runInProcess(['init', dir, '--from', tarball, '--lang', 'zh']);
    expect(run.code, run.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('briefing-project');
    expect(pkg.dependencies.briefing).toBe('file:vendor/briefing-9.9.9.tgz');
    expect(readFileSync(join(dir, 'vendor/briefing-9.9.9.tgz'), 'utf8')).toContain('not really');
    expect(run.stdout).toContain('依赖 briefing file:vendor/briefing-9.9.9.tgz。下一步：');
    expect((await runInProcess(['init', join(tempDir(), 'x'), '--from', 'missing.tgz'])).code).toBe(2);
  });

  it('--force into an existing npm project keeps its package.json and .gitignore and adds what is missing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'office-site', scripts: { build: 'make site' }, dependencies: { yaml: '^2.0.0' } }));
    writeFileSync(join(dir, '.gitignore'), 'dist/\noutput/\n');
    const run = await runInProcess(['init', dir, '--force', '--from', 'github:office/briefing#v0.1.0']);
    expect(run.code, run.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'office-site', scripts: { build: 'make site' }, dependencies: { yaml: '^2.0.0', briefing: 'github:office/briefing#v0.1.0' } });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('dist/\noutput/\nnode_modules/\n.briefing-cache/\n');
  });
});
