import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli.js';

function build(out: string): Promise<number | null> {
  const child = spawn(process.execPath, [cliPath, 'build', 'test/fixtures/projects/mini/report.yaml', '-t', 'test/fixtures/templates/mini', '-o', out, '--force'], { cwd: repoRoot, env: { ...process.env, SOURCE_DATE_EPOCH: '1692662400' } });
  return new Promise((resolve) => child.on('exit', resolve));
}

describe('two builds writing the same output at the same moment', () => {
  it('leave one complete PDF and no temp files', async () => {
    const dir = tempDir();
    const out = join(dir, 'same.pdf');
    const codes = await Promise.all([build(out), build(out), build(out)]);
    expect(codes).toEqual([0, 0, 0]);
    expect(readdirSync(dir)).toEqual(['same.pdf']);
    const alone = join(dir, 'alone.pdf');
    expect(await build(alone)).toBe(0);
    // Each writer renamed a whole file into place; whichever won, it is the same complete PDF.
    expect(readFileSync(out).equals(readFileSync(alone))).toBe(true);
  });
});
