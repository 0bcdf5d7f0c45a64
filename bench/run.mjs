// `npm run bench`: the figures of issue 17, measured in one run on this machine against anchors
// measured in the same run. Every figure is the median of interleaved rounds: each round runs the
// anchors and briefing one after the other (in alternating order), and a ratio is the median of
// the rounds' own ratios, so a machine that slows down for a while slows both sides of a pair.
// Machines are noisy: compare ratios within a run, not numbers across runs. BENCH_RUNS sets the
// rounds of the cold lines (default 9), BENCH_BATCH_RUNS those of the batches (default 5: with 3,
// the per-document median moved by ±1.5 ms between runs of the same code).
// BENCH_COMPARE=<another checkout, built> measures its CLI in the same rounds too (before/after).
//   (a) plain pdfmake 0.3, full Noto CJK SC by path     (T) Typst 0.14 through its Node addon
//   (b) a cold `briefing build` of the bulletin sample   (v) `briefing --version` against `node -e 0`
//   (c) per-document time inside a 100-document batch, --jobs 1 and 2
//   (d) peak RSS of (b)   (e) PDF bytes   scale: tables of 250, 1,000 and 12,500 rows
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_RUNS ?? 9);
const batchRounds = Number(process.env.BENCH_BATCH_RUNS ?? 5);
const batchSize = Number(process.env.BENCH_BATCH ?? 100);
const work = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const sample = join(root, 'templates/bulletin/sample.yaml');
const cli = join(root, 'dist/cli/main.js');
const env = { ...process.env, SOURCE_DATE_EPOCH: '1692662400', CI: 'true' };
const compareCli = process.env.BENCH_COMPARE ? join(resolve(process.env.BENCH_COMPARE), 'dist/cli/main.js') : undefined;

if (!existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc')) {
  console.error('The baseline needs the full Noto CJK faces: apt-get install -y fonts-noto-cjk');
  process.exit(2);
}

/** Run a script in a fresh node process: wall ms, CPU ms and peak RSS (from inside the child), output size. */
function once(name, script, args, out, cwd = root) {
  const statsFile = join(work, `${name.replace(/\W+/g, '_')}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bench/measure-child.mjs'), statsFile, script, ...args], { cwd, encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  return { ms, cpuMs: stats.cpuMs, mainMs: stats.mainMs, rssMiB: stats.maxRSS / 1024, kb: out ? statSync(out).size / 1024 : 0 };
}

/** A bare process (no wrapper): wall ms only. */
function bare(args, cwd = root) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Run `cases` (name → () => sample) in interleaved rounds, the order reversed every other round. */
function interleave(n, cases) {
  const names = Object.keys(cases);
  const out = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const k of i % 2 ? [...names].reverse() : names) out[k].push(cases[k]());
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
/** Median of per-round values f(i). */
const paired = (n, f) => median(Array.from({ length: n }, (_, i) => f(i)));

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

// Cold: the anchors and briefing in one loop. --force: without it every build after the first is
// an incremental skip, not a build.
const cold = interleave(rounds, {
  a: () => once('baseline', join(root, 'bench/baseline-pdfmake.mjs'), [sample, join(work, 'baseline.pdf')], join(work, 'baseline.pdf')),
  T: () => once('typst', join(root, 'bench/typst-anchor.mjs'), [join(work, 'typst.pdf')], join(work, 'typst.pdf')),
  b: () => once('build', cli, ['build', sample, '-o', join(work, 'sample.pdf'), '--quiet', '--force'], join(work, 'sample.pdf')),
  node: () => ({ ms: bare(['-e', '0']) }),
  version: () => ({ ms: bare([cli, '--version']) }),
  ...(compareCli ? {
    b0: () => once('build-compare', compareCli, ['build', sample, '-o', join(work, 'sample0.pdf'), '--quiet', '--force'], join(work, 'sample0.pdf')),
    version0: () => ({ ms: bare([compareCli, '--version']) }),
  } : {}),
});
const med = (k, f) => median(cold[k].map((s) => s[f]));
const ratio = (x, y, f = 'ms') => paired(rounds, (i) => cold[x][i][f] / cold[y][i][f]);
const versionOver = paired(rounds, (i) => cold.version[i].ms - cold.node[i].ms);

// (c) In one process, a batch of N: the per-document time is (batch − one document) / (N − 1).
const batchDir = batchProject(batchSize);
const inBatch = (name, args) => () => once(name, cli, args, null, batchDir);
const batch = interleave(batchRounds, {
  one: inBatch('batch-1', ['build', 'data/issue-001.yaml', '--force', '--quiet']),
  seq: inBatch('batch-seq', ['build', '--force', '--quiet', '--jobs', '1']),
  par: inBatch('batch-par', ['build', '--force', '--quiet', '--jobs', '2']),
  ...(compareCli ? {
    one0: () => once('batch-1-compare', compareCli, ['build', 'data/issue-001.yaml', '--force', '--quiet'], null, batchDir),
    seq0: () => once('batch-seq-compare', compareCli, ['build', '--force', '--quiet', '--jobs', '1'], null, batchDir),
  } : {}),
});
const perDoc = paired(batchRounds, (i) => (batch.seq[i].ms - batch.one[i].ms) / (batchSize - 1));
const perDocCpu = paired(batchRounds, (i) => (batch.seq[i].cpuMs - batch.one[i].cpuMs) / (batchSize - 1));
const hasMain = batch.seq[0].mainMs != null;
const perDocMain = hasMain ? paired(batchRounds, (i) => (batch.seq[i].mainMs - batch.one[i].mainMs) / (batchSize - 1)) : undefined;
const bmed = (k, f = 'ms') => median(batch[k].map((s) => s[f]));

const scale = [250, 1000, 12500].map((rows) => {
  const dir = tableProject(rows);
  const out = join(work, `t${rows}.pdf`);
  const s = once(`table-${rows}`, cli, ['build', 'doc.yaml', '--force', '--quiet', '--max-pages', '5000', '-o', out], out, dir);
  return { rows, ...s, pages: (readFileSync(out, 'latin1').match(/\/Type \/Page\b/g) ?? []).length };
});

const f0 = (x) => x.toFixed(0);
const f2 = (x) => x.toFixed(2);
console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map(f2).join(' ')}; ${rounds} interleaved rounds for the cold lines, ${batchRounds} for the batches; medians (spread min–max)\n`);
console.log('| measurement | wall ms | CPU ms | × (a) | × (T) | peak RSS MiB | PDF KB | PDF × (a) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const coldRow = (label, k) => console.log(`| ${label} | ${f0(med(k, 'ms'))} (${spread(cold[k].map((s) => s.ms))}) | ${f0(med(k, 'cpuMs'))} | ${f2(ratio(k, 'a'))} | ${f2(ratio(k, 'T'))} | ${f0(med(k, 'rssMiB'))} | ${f0(med(k, 'kb'))} | ${f2(ratio(k, 'a', 'kb'))} |`);
coldRow('(a) plain pdfmake, the bulletin\'s text', 'a');
coldRow('(T) Typst, bench/typst/bulletin.typ', 'T');
coldRow('(b) briefing build, cold', 'b');
console.log(`| (v) \`node -e 0\` | ${f0(med('node', 'ms'))} (${spread(cold.node.map((s) => s.ms))}) | | | | | | |`);
console.log(`| (v) \`briefing --version\` | ${f0(med('version', 'ms'))} (${spread(cold.version.map((s) => s.ms))}) | | | | | | |`);
console.log(`| (c) one document of the batch project | ${f0(bmed('one'))} (${spread(batch.one.map((s) => s.ms))}) | ${f0(bmed('one', 'cpuMs'))} | | | ${f0(bmed('one', 'rssMiB'))} | | |`);
console.log(`| (c) ${batchSize} documents, --jobs 1 | ${f0(bmed('seq'))} (${spread(batch.seq.map((s) => s.ms))}) | ${f0(bmed('seq', 'cpuMs'))} | | | ${f0(bmed('seq', 'rssMiB'))} | | |`);
console.log(`| (c) ${batchSize} documents, --jobs 2 | ${f0(bmed('par'))} (${spread(batch.par.map((s) => s.ms))}) | ${f0(bmed('par', 'cpuMs'))} | | | ${f0(bmed('par', 'rssMiB'))} | | |`);
console.log(`| (c) per document inside the batch, --jobs 1 | ${f2(perDoc)} | ${f2(perDocCpu)} | | | | | |`);
if (hasMain) console.log(`| (c) per document, the main thread's CPU alone | | ${f2(perDocMain)} | | | | | |`);
for (const s of scale) console.log(`| scale: ${s.rows.toLocaleString('en')}-row table (${s.pages} pages) | ${f0(s.ms)} | ${f0(s.cpuMs)} | | | ${f0(s.rssMiB)} | ${f0(s.kb)} | |`);

const stages = spawnSync(process.execPath, [join(root, 'bench/stage-costs.mjs')], { encoding: 'utf8', env });
console.log('\nTypeset stage of each sample in a warm process, medians of 30 (ms); the audit checks every text is on a page:\n');
console.log('| sample | layout | content audit | drawing and writing |\n|---|---:|---:|---:|');
console.log(stages.stdout.trim());

const quality = spawnSync(process.execPath, [join(root, 'bench/typeset-quality.mjs')], { encoding: 'utf8', env });
console.log('\nTypesetting of the samples, unchanged by speed work: Han gaps in body lines and 禁则 (clreq) breaks:\n');
console.log(quality.stdout.trim());

const jobsRatio = paired(batchRounds, (i) => batch.par[i].ms / batch.seq[i].ms);
const targets = [
  ['(b) ≤ 0.8 × Typst (T)', ratio('b', 'T'), (x) => x <= 0.8, f2],
  ['(b) ≤ 0.30 × pdfmake (a)', ratio('b', 'a'), (x) => x <= 0.3, f2],
  ['(c) ≤ 25 ms per document in a batch', perDoc, (x) => x <= 25, (x) => `${f2(x)} ms`],
  [`(c) ${batchSize} documents in one process < 3 s`, bmed('seq'), (x) => x < 3000, (x) => `${f0(x)} ms`],
  ['(v) --version within 60 ms of node -e 0', versionOver, (x) => x <= 60, (x) => `+${f0(x)} ms`],
  ['(d) peak RSS of (b) ≤ 100 MiB', med('b', 'rssMiB'), (x) => x <= 100, (x) => `${f0(x)} MiB`],
  ['(e) PDF ≤ 1.2 × (a)', ratio('b', 'a', 'kb'), (x) => x <= 1.2, f2],
];
console.log('\n| target | measured | met |\n|---|---:|:---:|');
for (const [label, value, ok, fmt] of targets) console.log(`| ${label} | ${fmt(value)} | ${ok(value) ? 'yes' : 'no'} |`);
console.log(`\n--jobs 2 takes ${f2(jobsRatio)} × the time of --jobs 1 for the batch here (median of paired rounds); the default is 1 (docs/performance.md).`);
if (compareCli) {
  const perDoc0 = paired(batchRounds, (i) => (batch.seq0[i].ms - batch.one0[i].ms) / (batchSize - 1));
  const perDocCpu0 = paired(batchRounds, (i) => (batch.seq0[i].cpuMs - batch.one0[i].cpuMs) / (batchSize - 1));
  const perDocMain0 = hasMain ? paired(batchRounds, (i) => (batch.seq0[i].mainMs - batch.one0[i].mainMs) / (batchSize - 1)) : undefined;
  const over0 = paired(rounds, (i) => cold.version0[i].ms - cold.node[i].ms);
  console.log(`\nBefore and after, in the same rounds (before: ${process.env.BENCH_COMPARE}):\n`);
  console.log('| figure | before | after | after ÷ before |\n|---|---:|---:|---:|');
  console.log(`| (b) cold build, wall ms | ${f0(med('b0', 'ms'))} | ${f0(med('b', 'ms'))} | ${f2(ratio('b', 'b0'))} |`);
  console.log(`| (b) cold build, CPU ms | ${f0(med('b0', 'cpuMs'))} | ${f0(med('b', 'cpuMs'))} | ${f2(ratio('b', 'b0', 'cpuMs'))} |`);
  console.log(`| (b) × Typst | ${f2(ratio('b0', 'T'))} | ${f2(ratio('b', 'T'))} | |`);
  console.log(`| (b) × pdfmake | ${f2(ratio('b0', 'a'))} | ${f2(ratio('b', 'a'))} | |`);
  console.log(`| (v) --version over node -e 0, ms | ${f0(over0)} | ${f0(versionOver)} | |`);
  console.log(`| (c) per document, wall ms | ${f2(perDoc0)} | ${f2(perDoc)} | ${f2(perDoc / perDoc0)} |`);
  console.log(`| (c) per document, CPU ms | ${f2(perDocCpu0)} | ${f2(perDocCpu)} | ${f2(perDocCpu / perDocCpu0)} |`);
  if (hasMain) console.log(`| (c) per document, main thread CPU ms | ${f2(perDocMain0)} | ${f2(perDocMain)} | ${f2(perDocMain / perDocMain0)} |`);
  console.log(`| (c) ${batchSize} documents, wall ms | ${f0(bmed('seq0'))} | ${f0(bmed('seq'))} | ${f2(paired(batchRounds, (i) => batch.seq[i].ms / batch.seq0[i].ms))} |`);
  console.log(`| (d) peak RSS of (b), MiB | ${f0(med('b0', 'rssMiB'))} | ${f0(med('b', 'rssMiB'))} | |`);
  console.log(`| (e) PDF KB | ${f0(med('b0', 'kb'))} | ${f0(med('b', 'kb'))} | ${f2(ratio('b', 'b0', 'kb'))} |`);
}
rmSync(work, { recursive: true, force: true });
