// The four samples' typesetting, for issue 15's promise that speed work never costs quality: the
// largest gap between Han characters in body lines (≤ 0.06 em) and the lines that break clreq's
// 禁则 (none). Builds each sample with the CLI; needs mutool (Debian: mupdf-tools). bench/run.mjs
// includes it; alone: node bench/typeset-quality.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePdf } from './han-gaps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (spawnSync('mutool', ['-v']).error) {
  console.log('(skipped: the typesetting check needs mutool — apt-get install -y mupdf-tools)');
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'briefing-quality-'));
console.log('| sample | body size pt | body lines | largest Han gap em | ≤ 0.06 em | 禁则 breaks |\n|---|---:|---:|---:|:---:|---:|');
for (const template of ['bulletin', 'stats', 'handout', 'gongwen']) {
  const out = join(work, `${template}.pdf`);
  execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), 'build', join(root, 'templates', template, 'sample.yaml'), '-o', out, '--quiet', '--force'], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: '1692662400' } });
  const m = measurePdf(out);
  console.log(`| ${template} | ${m.bodySize} | ${m.bodyLines} | ${m.maxGapEm.toFixed(3)} | ${m.maxGapEm <= 0.06 ? 'yes' : 'no'} | ${m.kinsoku.length}${m.kinsoku.length ? `: ${m.kinsoku.slice(0, 3).join(' / ')}` : ''} |`);
}
rmSync(work, { recursive: true, force: true });
