import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { staticGraph } from '../helpers/static-graph.js';

describe('briefing validate', () => {
  it('never loads pdfmake, fontkit or the fonts: its module graph does not reach them', () => {
    const graph = [...staticGraph(join(repoRoot, 'dist/cli/commands/validate.js'))];
    expect(graph.some((f) => f.includes('orchestrate/build-briefing.js'))).toBe(true);
    for (const forbidden of ['package:pdfmake', 'package:fontkit', 'package:echarts', '/typeset/']) {
      expect(graph.filter((f) => f.includes(forbidden)), forbidden).toEqual([]);
    }
    // And pdfmake is only ever loaded from the typeset stage.
    const loaders = [...staticGraph(join(repoRoot, 'dist/cli/main.js'))].filter((f) => f.includes('package:pdfmake'));
    expect(loaders).toEqual([]);
  });

  it('checks schema and markup without writing anything', () => {
    const ok = runCli(['validate', 'templates/bulletin/sample.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('templates/bulletin/sample.yaml: valid');
    const bad = runCli(['validate', 'test/fixtures/projects/mini/bad-schema.yaml', '-t', 'test/fixtures/templates/mini']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/E_SCHEMA.*items\[0\]\.value/);
  });
});

describe('briefing fonts / templates / schema', () => {
  it('lists roles with files and coverage', () => {
    const run = runCli(['fonts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^serif\s+\d{5} code points\s+fonts\/NotoSerifCJKsc-Regular\.ttf$/m);
    expect(run.stdout).toMatch(/^fangsong\s+\d+ code points\s+fonts\/FandolFang-Regular\.ttf$/m);
  });

  it('--check names characters no font has, with their data path', () => {
    const clean = runCli(['fonts', '--check', 'templates/bulletin/sample.yaml']);
    expect(clean.code).toBe(0);
    const run = runCli(['fonts', '--check', 'test/fixtures/data/private-use.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/U\+E000[\s\S]*private-use\.yaml:2:\d+[\s\S]*data path: name/);
  });

  it('lists templates and prints a schema', () => {
    expect(runCli(['templates']).stdout).toMatch(/^bulletin\s+\S/m);
    expect(JSON.parse(runCli(['schema', 'bulletin']).stdout).title).toContain('bulletin');
    expect(runCli(['schema', 'nope']).code).toBe(1);
  });

  it('has help with examples on every command, and a version', () => {
    for (const cmd of ['build', 'watch', 'validate', 'fonts', 'schema']) {
      const run = runCli([cmd, '--help']);
      expect(run.code, cmd).toBe(0);
      expect(run.stdout, cmd).toMatch(/Example/);
    }
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
