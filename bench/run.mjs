// `npm run bench`: times in one run, on this machine, (a) the plain-pdfmake baseline and (b) a cold
// `briefing build` of the bulletin sample, each a fresh process; medians of N runs, every figure also
// as a ratio to (a). Machines are noisy: compare ratios within a run, not numbers across runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const sample = join(root, 'templates/bulletin/sample.yaml');

if (!existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc')) {
  console.error('The baseline needs the full Noto CJK faces: apt-get install -y fonts-noto-cjk');
  process.exit(2);
}

/** Run a script in a fresh node process `runs` times; wall time, peak RSS and output size. */
function measure(name, script, args, out) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const rssFile = join(work, `${name}-${i}.rss`);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'bench/measure-child.mjs'), rssFile, script, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1692662400' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
    samples.push({ ms, rssKiB: Number(readFileSync(rssFile, 'utf8')), bytes: statSync(out).size });
  }
  const med = (k) => median(samples.map((s) => s[k]));
  return { name, ms: med('ms'), rssMiB: med('rssKiB') / 1024, kb: med('bytes') / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const baseOut = join(work, 'baseline.pdf');
const sampleOut = join(work, 'sample.pdf');
const results = [
  measure('(a) plain pdfmake baseline', join(root, 'bench/baseline-pdfmake.mjs'), [sample, baseOut], baseOut),
  measure('(b) briefing build, cold', join(root, 'dist/cli/main.js'), ['build', sample, '-o', sampleOut, '--quiet'], sampleOut),
];
const base = results[0];
console.log(`node ${process.version}, ${runs} runs each, medians\n`);
console.log('| measurement | wall ms | × baseline | peak RSS MiB | × | PDF KB | × |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${(r.ms / base.ms).toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${(r.rssMiB / base.rssMiB).toFixed(2)} | ${r.kb.toFixed(0)} | ${(r.kb / base.kb).toFixed(2)} |`);
}
