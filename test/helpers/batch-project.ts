import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, tempDir } from './run-cli.js';

/**
 * A scratch project with `count` small data files under data/ (the mini fixture template) and a
 * config whose one job builds them all.
 */
export function batchProject(count: number, config = 'jobs:\n  - data: data/*.yaml\n    output: output/{stem}.pdf\n'): string {
  const dir = tempDir();
  cpSync(join(fixtures, 'templates'), join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'data'));
  const report = readFileSync(join(fixtures, 'projects/mini/report.yaml'), 'utf8');
  for (let i = 1; i <= count; i++) {
    writeFileSync(join(dir, 'data', `doc-${String(i).padStart(3, '0')}.yaml`), report.replace('测试简报', `测试简报第${i}号`));
  }
  writeFileSync(join(dir, 'briefing.config.yaml'), config);
  return dir;
}
