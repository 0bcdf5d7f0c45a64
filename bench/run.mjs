// `npm run bench`: everything issue 6 asks for, measured in one run on this machine, every figure
// also as a ratio to (a), the plain-pdfmake baseline measured in the same run. Medians of N runs
// (BENCH_RUNS, default 5). Machines are noisy: compare ratios within a run, not numbers across runs.
//   (a) plain pdfmake, full Noto CJK SC by path   (b) cold `briefing build` of the bulletin sample
//   (c) per-document time inside a 100-document batch, and the batch with --jobs 2
//   (d) peak RSS   (e) PDF bytes   scale: a 1,000-row table, a 500-page document
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const batchSize = Number(process.env.BENCH_BATCH ?? 100);
const work = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const sample = join(root, 'templates/bulletin/sample.yaml');
const cli = join(root, 'dist/cli/main.js');
const env = { ...process.env, SOURCE_DATE_EPOCH: '1692662400', CI: 'true' };

if (!existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc')) {
  console.error('The baseline needs the full Noto CJK faces: apt-get install -y fonts-noto-cjk');
  process.exit(2);
}

/** Run a script in a fresh node process; wall time, peak RSS (from inside the child) and output size. */
function once(name, script, args, out, cwd = root) {
  const rssFile = join(work, `${name.replace(/\W+/g, '_')}.rss`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bench/measure-child.mjs'), rssFile, script, ...args], { cwd, encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, kb: out ? statSync(out).size / 1024 : 0, stdout: r.stdout };
}

function measure(name, script, args, out, cwd) {
  const samples = Array.from({ length: runs }, () => once(name, script, args, out, cwd));
  const med = (k) => median(samples.map((s) => s[k]));
  const times = samples.map((s) => s.ms);
  return { name, ms: med('ms'), rssMiB: med('rssMiB'), kb: med('kb'), min: Math.min(...times), max: Math.max(...times) };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A project with `n` copies of the bulletin sample as separate jobs. */
function batchProject(n) {
  const dir = join(work, `batch-${n}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'templates/bulletin/key-figures.csv'), join(dir, 'data/key-figures.csv'));
  const text = readFileSync(sample, 'utf8');
  for (let i = 1; i <= n; i++) writeFileSync(join(dir, 'data', `issue-${String(i).padStart(3, '0')}.yaml`), text.replace('issue: 18', `issue: ${i}`));
  writeFileSync(join(dir, 'briefing.config.yaml'), 'jobs:\n  - data: data/*.yaml\n    output: output/{stem}.pdf\n');
  return dir;
}

/** A mini-template document whose CSV table has `rows` rows. */
function tableProject(rows) {
  const dir = join(work, `table-${rows}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'test/fixtures/templates/mini'), join(dir, 'templates/mini'), { recursive: true });
  const lines = ['指标,数量'];
  for (let i = 1; i <= rows; i++) lines.push(`第${i}项指标（示意）,${(i * 37) % 1000}`);
  writeFileSync(join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'doc.yaml'), 'template: mini\ntitle: 大表测试\nauthor: 基准\ndate: "2023-08-22"\nitems: []\ntable:\n  csv: rows.csv\n');
  return dir;
}

const base = measure('(a) plain pdfmake baseline', join(root, 'bench/baseline-pdfmake.mjs'), [sample, join(work, 'baseline.pdf')], join(work, 'baseline.pdf'));
// --force: without it every run after the first is an incremental skip, not a build.
const cold = measure('(b) briefing build, cold', cli, ['build', sample, '-o', join(work, 'sample.pdf'), '--quiet', '--force'], join(work, 'sample.pdf'));

// (c) In one process, a batch of N: the per-document time is (batch − first document) / (N − 1).
// Medians of BENCH_BATCH_RUNS (default 3) runs each: one batch is a single sample otherwise.
const batchDir = batchProject(batchSize);
const batchRuns = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const medianOf = (name, args) => {
  const samples = Array.from({ length: batchRuns }, () => once(name, cli, args, null, batchDir));
  return { ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB)) };
};
const one = medianOf('batch-1', ['build', 'data/issue-001.yaml', '--force', '--quiet']);
const seq = medianOf('batch-seq', ['build', '--force', '--quiet']);
const perDoc = (seq.ms - one.ms) / (batchSize - 1);
const par = medianOf('batch-par', ['build', '--force', '--quiet', '--jobs', '2']);

const t1000 = tableProject(1000);
const big = once('table-1000', cli, ['build', 'doc.yaml', '--force', '--quiet', '-o', join(work, 't1000.pdf')], join(work, 't1000.pdf'), t1000);
const t250 = tableProject(250);
const quarter = once('table-250', cli, ['build', 'doc.yaml', '--force', '--quiet', '-o', join(work, 't250.pdf')], join(work, 't250.pdf'), t250);
const t12k = tableProject(12500);
const huge = once('table-12500', cli, ['build', 'doc.yaml', '--force', '--quiet', '--max-pages', '5000', '-o', join(work, 't12k.pdf')], join(work, 't12k.pdf'), t12k);
const pages = (file) => (readFileSync(file, 'latin1').match(/\/Type \/Page\b/g) ?? []).length;

const row = (name, ms, rss, kb) => `| ${name} | ${ms.toFixed(0)} | ${(ms / base.ms).toFixed(2)} | ${rss ? rss.toFixed(0) : '–'} | ${rss ? (rss / base.rssMiB).toFixed(2) : '–'} | ${kb ? kb.toFixed(0) : '–'} | ${kb ? (kb / base.kb).toFixed(2) : '–'} |`;
console.log(`node ${process.version}, ${runs} runs each for (a) and (b), ${batchRuns} for (c), medians; batch of ${batchSize}\n`);
console.log('| measurement | wall ms | × (a) | peak RSS MiB | × (a) | PDF KB | × (a) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
console.log(row(base.name, base.ms, base.rssMiB, base.kb));
console.log(row(cold.name, cold.ms, cold.rssMiB, cold.kb));
console.log(row(`(c) per document inside a ${batchSize}-document batch`, perDoc, 0, 0));
console.log(row(`(c) ${batchSize}-document batch, --jobs 2 (whole run)`, par.ms, par.rssMiB, 0));
console.log(row(`scale: 250-row table (${pages(join(work, 't250.pdf'))} pages)`, quarter.ms, quarter.rssMiB, quarter.kb));
console.log(row(`scale: 1,000-row table (${pages(join(work, 't1000.pdf'))} pages)`, big.ms, big.rssMiB, big.kb));
console.log(row(`scale: 12,500-row table (${pages(join(work, 't12k.pdf'))} pages)`, huge.ms, huge.rssMiB, huge.kb));
// This VM's speed drifts between runs; the spread says how much a median can be trusted.
console.log(`\nspread of the runs, min–max: (a) ${base.min.toFixed(0)}–${base.max.toFixed(0)} ms, (b) ${cold.min.toFixed(0)}–${cold.max.toFixed(0)} ms`);
const stages = spawnSync(process.execPath, [join(root, 'bench/stage-costs.mjs')], { encoding: 'utf8', env });
console.log('\nTypeset stage of each sample in a warm process, medians of 30 (ms); the audit checks every text is on a page (target < 5 ms):\n');
console.log('| sample | layout | content audit | drawing and writing |\n|---|---:|---:|---:|');
console.log(stages.stdout.trim());
console.log(`\ntargets: (b) ≤ 0.25 × (a) and ≤ 150 MiB; (c) ≤ 30 ms per document, batch of 100 with --jobs 2 < 3 s; (e) ≤ 1.5 × (a); 1,000 rows < 2 s, linear`);
