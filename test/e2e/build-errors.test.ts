import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { expectUserError, fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';

/** A scratch project: the mini fixture data plus every fixture template under templates/. */
function project(): string {
  const dir = tempDir();
  cpSync(join(fixtures, 'projects/mini'), dir, { recursive: true });
  cpSync(join(fixtures, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

function write(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const pdfs = (dir: string) => (existsSync(join(dir, 'output')) ? readdirSync(join(dir, 'output')) : []);

describe('build: bad input gets a clear error and nothing is written', () => {
  it('builds the fixture project when nothing is wrong', async () => {
    const dir = project();
    write(dir, 'img.yaml', 'template: mini\ntitle: x\nauthor: y\nimage: pics/seal.png\nitems: []\n');
    const run = await runInProcess(['build', 'report.yaml', 'img.yaml', 'with-csv.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(pdfs(dir).sort()).toEqual(['img.pdf', 'report.pdf', 'with-csv.pdf']);
    expect(readFileSync(join(dir, 'output/img.pdf')).includes('/Subtype /Image')).toBe(true);
  });

  const cases: { name: string; code: string; where: RegExp; setup: (dir: string) => string[] }[] = [
    { name: 'YAML syntax error', code: 'E_YAML_SYNTAX', where: /--> bad\.yaml:3:\d+/, setup: (d) => [write(d, 'bad.yaml', 'template: mini\ntitle: x\nitems: [a: b: c]\n')] },
    { name: 'JSON syntax error', code: 'E_JSON_SYNTAX', where: /--> bad\.json:3:\d+/, setup: (d) => [write(d, 'bad.json', '{\n  "template": "mini",\n  "title": "x",,\n}\n')] },
    { name: 'schema violation', code: 'E_SCHEMA', where: /--> bad-schema\.yaml:6:\d+/, setup: () => ['bad-schema.yaml'] },
    { name: 'unknown template', code: 'E_TEMPLATE_NOT_FOUND', where: /--> nope\.yaml:1:\d+/, setup: (d) => [write(d, 'nope.yaml', 'template: bulettin\ntitle: x\n')] },
    { name: 'missing data file', code: 'E_DATA_NOT_FOUND', where: /--> absent\.yaml/, setup: () => ['absent.yaml'] },
    { name: 'missing CSV file', code: 'E_CSV_NOT_FOUND', where: /--> csv\.yaml:4:\d+/, setup: (d) => [write(d, 'csv.yaml', 'template: mini\ntitle: x\nauthor: y\ntable: { csv: tables/none.csv }\nitems: []\n')] },
    { name: 'malformed CSV file', code: 'E_CSV_SYNTAX', where: /--> tables\/ragged\.csv:3/, setup: (d) => {
      writeFileSync(join(d, 'tables/ragged.csv'), 'a,b\n1,2\n3,4,5\n');
      return [write(d, 'csv.yaml', 'template: mini\ntitle: x\nauthor: y\ntable: { csv: tables/ragged.csv }\nitems: []\n')];
    } },
    { name: 'missing image file', code: 'E_IMAGE_NOT_FOUND', where: /--> img\.yaml:4:\d+/, setup: (d) => [write(d, 'img.yaml', 'template: mini\ntitle: x\nauthor: y\nimage: pics/none.png\nitems: []\n')] },
    { name: 'image that is not PNG or JPEG', code: 'E_IMAGE_INVALID', where: /--> img\.yaml:4:\d+/, setup: (d) => {
      writeFileSync(join(d, 'pics/fake.png'), 'GIF89a not really');
      return [write(d, 'img.yaml', 'template: mini\ntitle: x\nauthor: y\nimage: pics/fake.png\nitems: []\n')];
    } },
    { name: 'CSV outside the project', code: 'E_PATH_OUTSIDE_PROJECT', where: /--> esc\.yaml:4:\d+/, setup: (d) => [write(d, 'esc.yaml', 'template: mini\ntitle: x\nauthor: y\ntable: { csv: ../../../../etc/passwd }\nitems: []\n')] },
    { name: 'image by URL', code: 'E_URL_NOT_ALLOWED', where: /--> url\.yaml:4:\d+/, setup: (d) => [write(d, 'url.yaml', 'template: mini\ntitle: x\nauthor: y\nimage: https://example.invalid/a.png\nitems: []\n')] },
    { name: 'unknown markup element', code: 'E_MARKUP_UNKNOWN_ELEMENT', where: /--> templates\/unknown-element\/mini\.hbs:3:1/, setup: () => ['report.yaml', '-t', 'unknown-element'] },
    { name: 'missing partial', code: 'E_PARTIAL_MISSING', where: /--> templates\/missing-partial\/mini\.hbs:4:1/, setup: () => ['report.yaml', '-t', 'missing-partial'] },
    { name: 'missing helper', code: 'E_HELPER_MISSING', where: /--> templates\/missing-helper\/mini\.hbs:2:\d+/, setup: () => ['report.yaml', '-t', 'missing-helper'] },
    { name: 'field the data lacks', code: 'E_TEMPLATE_MISSING_FIELD', where: /--> templates\/missing-field\/partials\/item\.hbs:1:\d+/, setup: () => ['report.yaml', '-t', 'missing-field'] },
    { name: 'font file missing', code: 'E_FONT_MISSING', where: /--> .*no-such-font\.ttf/, setup: (d) => {
      write(d, 'briefing.config.yaml', 'fonts:\n  serif: fonts/no-such-font.ttf\n');
      return ['report.yaml'];
    } },
    { name: 'font file that is not a font', code: 'E_FONT_INVALID', where: /--> fake\.ttf/, setup: (d) => {
      write(d, 'fake.ttf', '<html>this is a web page</html>');
      write(d, 'briefing.config.yaml', 'fonts:\n  serif: fake.ttf\n');
      return ['report.yaml'];
    } },
    { name: 'truncated font file', code: 'E_FONT_INVALID', where: /--> cut\.ttf/, setup: (d) => {
      writeFileSync(join(d, 'cut.ttf'), readFileSync(join(repoRoot, 'fonts/NotoSansCJKsc-Bold.ttf')).subarray(0, 4096));
      write(d, 'briefing.config.yaml', 'fonts:\n  serif: { normal: cut.ttf }\n');
      return ['report.yaml'];
    } },
    { name: 'config with an unknown key', code: 'E_CONFIG', where: /--> briefing\.config\.yaml:2:1/, setup: (d) => {
      write(d, 'briefing.config.yaml', 'fonts: {}\nfontz: {}\n');
      return ['report.yaml'];
    } },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.code}, with where, and no PDF`, async () => {
      const dir = project();
      const run = await runInProcess(['build', ...c.setup(dir)], { cwd: dir });
      expectUserError(run, c.code, c.where);
      expect(pdfs(dir)).toEqual([]);
    });
  }

  it('keeps the previous good PDF when a rebuild fails', async () => {
    const dir = project();
    expect((await runInProcess(['build', 'report.yaml', '-o', 'out/r.pdf'], { cwd: dir })).code).toBe(0);
    const good = readFileSync(join(dir, 'out/r.pdf'));
    writeFileSync(join(dir, 'report.yaml'), readFileSync(join(dir, 'report.yaml'), 'utf8').replace('value: 360', 'value: many'));
    expectUserError(await runInProcess(['build', 'report.yaml', '-o', 'out/r.pdf'], { cwd: dir }), 'E_SCHEMA', /report\.yaml:7/);
    expect(readFileSync(join(dir, 'out/r.pdf')).equals(good)).toBe(true);
    expect(readdirSync(join(dir, 'out'))).toEqual(['r.pdf']);
  });

  it('reports an output path that cannot be written', async () => {
    const dir = project();
    write(dir, 'blocker', 'a file where a folder should be');
    expectUserError(await runInProcess(['build', 'report.yaml', '-o', 'blocker/r.pdf'], { cwd: dir }), 'E_WRITE', /blocker\/r\.pdf/);
  });

  it('says it in Chinese for a Chinese locale, with the same code', async () => {
    const dir = project();
    const run = await runInProcess(['build', 'absent.yaml'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(run.stderr).toContain('错误[E_DATA_NOT_FOUND]：找不到数据文件');
  });

  it('exits 2 for a usage error', async () => {
    expect((await runInProcess(['build'])).code).toBe(2);
    expect((await runInProcess(['frobnicate'])).code).toBe(2);
  });
});
