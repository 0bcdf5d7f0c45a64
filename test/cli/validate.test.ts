import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { repoRoot } from '../helpers/run-cli.js';
import { staticGraph } from '../helpers/static-graph.js';

describe('briefing validate', () => {
  it('never loads pdfkit, fontkit or the fonts: its module graph does not reach them', () => {
    const graph = [...staticGraph(join(repoRoot, 'dist/cli/commands/validate.js'))];
    expect(graph.some((f) => f.includes('orchestrate/build-briefing.js'))).toBe(true);
    for (const forbidden of ['package:pdfkit', 'package:fontkit', 'package:echarts', '/typeset/']) {
      expect(graph.filter((f) => f.includes(forbidden)), forbidden).toEqual([]);
    }
    // And the CLI's entry does not load pdfkit before a command that typesets asks for it.
    const loaders = [...staticGraph(join(repoRoot, 'dist/cli/main.js'))].filter((f) => f.includes('package:pdfkit'));
    expect(loaders).toEqual([]);
  });

  it('checks schema and markup without writing anything', async () => {
    const ok = await runInProcess(['validate', 'templates/bulletin/sample.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('templates/bulletin/sample.yaml: valid');
    const bad = await runInProcess(['validate', 'test/fixtures/projects/mini/bad-schema.yaml', '-t', 'test/fixtures/templates/mini']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/E_SCHEMA.*items\[0\]\.value/);
  });
});

describe('briefing fonts / templates / schema', () => {
  it('lists roles with files and coverage', async () => {
    const run = await runInProcess(['fonts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^serif\s+\d{5} code points\s+fonts\/NotoSerifCJKsc-Regular\.ttf$/m);
    expect(run.stdout).toMatch(/^fangsong\s+\d+ code points\s+fonts\/FandolFang-Regular\.ttf$/m);
  });

  it('--check names characters no font has, with their data path', async () => {
    const clean = await runInProcess(['fonts', '--check', 'templates/bulletin/sample.yaml']);
    expect(clean.code).toBe(0);
    const run = await runInProcess(['fonts', '--check', 'test/fixtures/data/private-use.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/U\+E000[\s\S]*private-use\.yaml:2:\d+[\s\S]*data path: name/);
  });

  it('lists templates and prints a schema', async () => {
    expect((await runInProcess(['templates'])).stdout).toMatch(/^bulletin\s+\S/m);
    expect(JSON.parse((await runInProcess(['schema', 'bulletin'])).stdout).title).toBe('工作简报数据');
    expect((await runInProcess(['schema', 'nope'])).code).toBe(1);
  });

  it('has help with examples on every command, and a version', async () => {
    for (const cmd of ['build', 'watch', 'validate', 'fonts', 'schema']) {
      const run = await runInProcess([cmd, '--help']);
      expect(run.code, cmd).toBe(0);
      expect(run.stdout, cmd).toMatch(/Example/);
    }
    expect((await runInProcess(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
