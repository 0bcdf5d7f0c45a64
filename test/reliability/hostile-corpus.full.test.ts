import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { png, scanlines } from '../helpers/images.js';
import { cliPath, fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';

/**
 * The hostile corpus: inputs an attacker or a careless user would try (issue 14), each run through
 * the real CLI in a scratch project that has, beside it, a folder the build must never touch. The
 * big inputs are made here, at test time. Every case checks the exit status, the error code and
 * the file it names, that no stack trace is printed, that nothing outside the project was opened
 * (a probe loaded into the CLI records every open there) or changed, that no temp file is left,
 * and that the process stayed under 500 MB. The time each case took is printed at the end, not
 * asserted: timings belong to `npm run bench`.
 */

const posix = process.platform !== 'win32';
const SECRET = 'SECRET-of-the-outside-folder';
const MAX_RSS_MB = 500;
const probe = join(import.meta.dirname, 'probe.cjs');

interface Sandbox {
  base: string;
  /** The project: the CLI runs here. */
  project: string;
  /** Beside it: must stay as it was, and never be opened. */
  outside: string;
}

interface HostileCase {
  name: string;
  posixOnly?: boolean;
  setup?(s: Sandbox): void;
  args: string[] | ((s: Sandbox) => string[]);
  exit: 0 | 1 | 2;
  code?: string;
  /** The location printed after `-->` (a regular expression over the displayed path). */
  where?: RegExp;
  message?: string | RegExp;
  /** Extra checks once the CLI has ended. */
  after?(s: Sandbox, run: Run): void;
  /** A file outside the project the case may open (an office font named in the config). */
  mayOpenOutside?: boolean;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  maxRssMb: number;
  openedOutside: string[];
}

const head = 'template: mini\ntitle: 区委全会简报\nauthor: 区委办公室\n';
const item = 'items:\n  - name: 重大项目\n    value: 360\n';
const report = `${head}${item}`;

function sandbox(): Sandbox {
  const base = tempDir('briefing-hostile-');
  const project = join(base, 'project');
  const outside = join(base, 'outside');
  mkdirSync(project);
  mkdirSync(outside);
  cpSync(join(fixtures, 'templates/mini'), join(project, 'templates/mini'), { recursive: true });
  writeFileSync(join(project, 'report.yaml'), report);
  writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(join(outside, 'victim.rc'), 'export PATH=/usr/bin\n');
  writeFileSync(join(outside, 'victim.pdf'), '%PDF-1.7 the outside PDF\n');
  writeFileSync(join(outside, 'report.yaml'), `${head}items:\n  - name: ${SECRET}\n    value: 1\n`);
  cpSync(join(fixtures, 'templates/mini'), join(outside, 'evil-tpl'), { recursive: true });
  writeFileSync(join(outside, 'evil-tpl/partials/item.hbs'), `<p>${SECRET}</p>\n`);
  return { base, project, outside };
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

/** Name, kind, size, time and content of everything under `dir`: equal before and after means untouched. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => {
    const st = lstatSync(join(dir, name));
    const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : st.isFIFO() ? 'fifo' : 'other';
    const content = st.isFile() ? readFileSync(join(dir, name)).toString('base64') : '';
    return `${name} ${kind} ${st.size} ${st.mtimeMs} ${content}`;
  });
}

/**
 * Two CLI runs at a time, whatever vitest schedules: the machine has two cores, and a case's time
 * and memory should be its own, not those of five builds fighting for them.
 */
const slots = { free: 2, waiting: [] as (() => void)[] };
async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

function runCli(args: string[], cwd: string, outside: string): Promise<Run> {
  const probeLog = join(cwd, '..', 'probe.log');
  const env = {
    ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GITHUB_ACTIONS: '', CI: 'true',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(probe)}`.trim(),
    BRIEFING_PROBE_LOG: probeLog, BRIEFING_PROBE_OUTSIDE: outside,
  };
  const started = performance.now();
  return new Promise((done) => {
    // A hang is a failure too: killed after 60 s, it shows as exit null.
    execFile(process.execPath, [cliPath, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      const ms = Math.round(performance.now() - started);
      const facts = existsSync(probeLog) ? readFileSync(probeLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { maxRssKb?: number; opened?: string }) : [];
      done({
        code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
        stdout, stderr, ms,
        maxRssMb: Math.round(Math.max(0, ...facts.map((f) => f.maxRssKb ?? 0)) / 1024),
        openedOutside: facts.flatMap((f) => (f.opened ? [f.opened] : [])),
      });
    });
  });
}

/** A mini project config with one job. */
const config = (job: string) => `jobs:\n  - data: ${job}\n    template: mini\n`;

const cases: HostileCase[] = [
  // ── Reads that would leave the project ──────────────────────────────────────────────────────
  {
    name: "the data's template: names a folder outside the project",
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'), report.replace('template: mini', 'template: ../outside/evil-tpl')),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_TEMPLATE_OUTSIDE', where: /report\.yaml:1:11/,
  },
  ...(['entry', 'schema', 'style'] as const).map((key): HostileCase => ({
    name: `template.yaml's ${key}: leads out of the project`,
    setup: ({ project }) => {
      cpSync(join(project, 'templates/mini'), join(project, 'templates/leaky'), { recursive: true });
      writeFileSync(join(project, 'templates/leaky/template.yaml'), `name: leaky\n${key === 'entry' ? '' : 'entry: mini.hbs\n'}${key}: ../../../outside/secret.txt\n`);
      writeFileSync(join(project, 'report.yaml'), report.replace('template: mini', 'template: leaky'));
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_TEMPLATE_FILE_OUTSIDE', where: /templates\/leaky\/template\.yaml/, message: '../../../outside/secret.txt',
  })),
  {
    name: 'a partial that is a symbolic link to a file outside', posixOnly: true,
    setup: ({ project, outside }) => symlinkSync(join(outside, 'secret.txt'), join(project, 'templates/mini/partials/leak.hbs')),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_TEMPLATE_FILE_OUTSIDE', where: /templates\/mini\/partials\/leak\.hbs/,
  },
  {
    name: "a config job's data glob reaching out of the project",
    setup: ({ project }) => writeFileSync(join(project, 'briefing.config.yaml'), config('../outside/*.yaml')),
    args: ['build'], exit: 1, code: 'E_PATH_OUTSIDE_PROJECT', where: /outside\/report\.yaml/,
  },
  {
    name: 'a config font that is no font file (a secret outside)',
    setup: ({ project }) => writeFileSync(join(project, 'briefing.config.yaml'), 'fonts:\n  fangsong: ../outside/secret.txt\n'),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_FONT_FILE_TYPE', where: /briefing\.config\.yaml:2:13/,
  },
  {
    name: 'a config font of /dev/zero', posixOnly: true,
    setup: ({ project }) => writeFileSync(join(project, 'briefing.config.yaml'), 'fonts:\n  serif: /dev/zero\n'),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_FONT_FILE_TYPE', where: /briefing\.config\.yaml:2:10/,
  },
  {
    name: 'a config font named .ttf that is a link to /dev/zero', posixOnly: true,
    setup: ({ project }) => {
      symlinkSync('/dev/zero', join(project, 'zero.ttf'));
      writeFileSync(join(project, 'briefing.config.yaml'), 'fonts:\n  serif: zero.ttf\n');
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /zero\.ttf/, message: 'is a device',
  },
  {
    name: 'a config font path that is a folder',
    setup: ({ project }) => {
      mkdirSync(join(project, 'fonts/office.ttf'), { recursive: true });
      writeFileSync(join(project, 'briefing.config.yaml'), 'fonts:\n  serif: fonts/office.ttf\n');
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /fonts\/office\.ttf/, message: 'is a folder',
  },
  {
    name: 'a config font whose glyph index is damaged (text would print invisibly)',
    setup: ({ project }) => {
      const font = readFileSync(join(repoRoot, 'fonts/FandolFang-Regular.ttf'));
      const tables = font.readUInt16BE(4);
      for (let i = 0; i < tables; i++) {
        const at = 12 + 16 * i;
        if (font.toString('latin1', at, at + 4) === 'loca') font.fill(0xff, font.readUInt32BE(at + 8), font.readUInt32BE(at + 8) + font.readUInt32BE(at + 12));
      }
      mkdirSync(join(project, 'fonts'));
      writeFileSync(join(project, 'fonts/broken.ttf'), font);
      writeFileSync(join(project, 'briefing.config.yaml'), 'fonts:\n  serif: fonts/broken.ttf\n');
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_FONT_INVALID', where: /fonts\/broken\.ttf/, message: 'glyph index',
  },
  // ── FIFOs and folders where files belong: refused at once, never a hang ─────────────────────
  {
    name: 'a FIFO as CSV, with --timeout 5', posixOnly: true,
    setup: ({ project }) => {
      mkfifo(join(project, 'table.csv'));
      writeFileSync(join(project, 'report.yaml'), `${report}table: { csv: table.csv }\n`);
    },
    args: ['build', 'report.yaml', '--timeout', '5'], exit: 1, code: 'E_NOT_A_FILE', where: /report\.yaml:7:/, message: 'named pipe',
  },
  {
    name: 'a FIFO as image', posixOnly: true,
    setup: ({ project }) => {
      mkfifo(join(project, 'seal.png'));
      writeFileSync(join(project, 'report.yaml'), `${report}image: seal.png\n`);
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /report\.yaml:7:8/,
  },
  {
    name: 'an image path that is a folder',
    setup: ({ project }) => {
      mkdirSync(join(project, 'pics'));
      writeFileSync(join(project, 'report.yaml'), `${report}image: pics\n`);
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /report\.yaml:7:8/, message: 'is a folder',
  },
  {
    name: 'a FIFO as the data file', posixOnly: true,
    setup: ({ project }) => mkfifo(join(project, 'pipe.yaml')),
    args: ['build', 'pipe.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /pipe\.yaml/,
  },
  {
    name: 'a FIFO as --recipients', posixOnly: true,
    setup: ({ project }) => mkfifo(join(project, 'list.csv')),
    args: ['build', 'report.yaml', '--recipients', 'list.csv', '--combine'], exit: 1, code: 'E_NOT_A_FILE', where: /list\.csv/,
  },
  {
    name: 'a FIFO as briefing.config.yaml', posixOnly: true,
    setup: ({ project }) => mkfifo(join(project, 'briefing.config.yaml')),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_NOT_A_FILE', where: /briefing\.config\.yaml/,
  },
  // ── The build cache, damaged or planted ─────────────────────────────────────────────────────
  {
    name: 'a build cache holding null', exit: 0,
    setup: ({ project }) => {
      mkdirSync(join(project, '.briefing-cache'));
      writeFileSync(join(project, '.briefing-cache/builds.json'), 'null');
    },
    args: ['build', 'report.yaml'],
    after: ({ project }) => expect(existsSync(join(project, 'output/report.pdf'))).toBe(true),
  },
  {
    name: 'a build cache that is a FIFO', posixOnly: true, exit: 0,
    setup: ({ project }) => {
      mkdirSync(join(project, '.briefing-cache'));
      mkfifo(join(project, '.briefing-cache/builds.json'));
    },
    args: ['build', 'report.yaml'],
    after: ({ project }) => expect(lstatSync(join(project, '.briefing-cache/builds.json')).isFIFO()).toBe(true),
  },
  {
    name: 'a .briefing-cache that is a link out of the project', posixOnly: true, exit: 0,
    setup: ({ project, outside }) => symlinkSync(outside, join(project, '.briefing-cache')),
    args: ['build', 'report.yaml'],
    after: ({ project }) => expect(existsSync(join(project, 'output/report.pdf'))).toBe(true),
  },
  // ── Writes ─────────────────────────────────────────────────────────────────────────────────
  {
    name: '-o onto a FIFO', posixOnly: true,
    setup: ({ outside }) => mkfifo(join(outside, 'pipe.pdf')),
    args: ({ outside }) => ['build', 'report.yaml', '-o', join(outside, 'pipe.pdf')], exit: 1, code: 'E_OUTPUT_NOT_FILE', where: /outside\/pipe\.pdf/, message: 'named pipe',
  },
  {
    name: '-o onto a symbolic link to a file outside', posixOnly: true,
    setup: ({ project, outside }) => symlinkSync(join(outside, 'victim.pdf'), join(project, 'out.pdf')),
    args: ['build', 'report.yaml', '-o', 'out.pdf'], exit: 1, code: 'E_OUTPUT_NOT_FILE', where: /out\.pdf/, message: 'symbolic link',
    after: ({ project }) => expect(lstatSync(join(project, 'out.pdf')).isSymbolicLink()).toBe(true),
  },
  {
    name: '-o /dev/null', posixOnly: true,
    args: ['build', 'report.yaml', '-o', '/dev/null'], exit: 1, code: 'E_OUTPUT_NOT_FILE', where: /\/dev\/null/, message: 'is a device',
    after: () => expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true),
  },
  {
    name: '-o onto a folder',
    setup: ({ project }) => mkdirSync(join(project, 'out.pdf')),
    args: ['build', 'report.yaml', '-o', 'out.pdf'], exit: 1, code: 'E_OUTPUT_NOT_FILE', where: /out\.pdf/, message: 'is a folder',
  },
  {
    name: "a config job's output: ../victim.rc",
    setup: ({ project }) => writeFileSync(join(project, 'briefing.config.yaml'), `${config('report.yaml')}    output: ../outside/victim.rc\n`),
    args: ['build'], exit: 1, code: 'E_OUTPUT_NOT_PDF', where: /briefing\.config\.yaml:4/, message: 'outside/victim.rc',
  },
  {
    name: "a config job's output pattern outside the project",
    setup: ({ project }) => writeFileSync(join(project, 'briefing.config.yaml'), `${config('report.yaml')}    output: ../outside/{stem}.pdf\n`),
    args: ['build'], exit: 1, code: 'E_OUTPUT_OUTSIDE', where: /briefing\.config\.yaml:4/, message: 'outside/report.pdf',
  },
  {
    name: 'an output/ folder that is a link out of the project', posixOnly: true,
    setup: ({ project, outside }) => symlinkSync(outside, join(project, 'output')),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_OUTPUT_OUTSIDE', where: /output\/report\.pdf/,
  },
  {
    name: 'two documents of one name in a batch',
    setup: ({ project }) => {
      for (const d of ['a', 'b']) {
        mkdirSync(join(project, d));
        writeFileSync(join(project, d, 'r.yaml'), report);
      }
    },
    args: ['build', 'a/r.yaml', 'b/r.yaml'], exit: 1, code: 'E_OUTPUT_COLLISION', where: /b\/r\.yaml/, message: 'a/r.yaml and b/r.yaml would both be written to output/r.pdf',
    after: ({ project }) => expect(existsSync(join(project, 'output'))).toBe(false),
  },
  {
    name: 'a config glob whose {date} pattern gives two documents one file',
    setup: ({ project }) => {
      mkdirSync(join(project, 'data'));
      for (const d of ['x', 'y']) writeFileSync(join(project, 'data', `${d}.yaml`), `${report}date: '2026-03-01'\n`);
      writeFileSync(join(project, 'briefing.config.yaml'), `${config('data/*.yaml')}    output: output/{date}.pdf\n`);
    },
    args: ['build'], exit: 1, code: 'E_OUTPUT_COLLISION', where: /data\/y\.yaml/, message: 'output/2026-03-01.pdf',
    after: ({ project }) => expect(existsSync(join(project, 'output'))).toBe(false),
  },
  {
    name: 'a recipients list giving one 份号 twice',
    setup: ({ project }) => writeFileSync(join(project, 'list.csv'), '姓名,份号\n张三,7\n李四,7\n'),
    args: ['build', 'report.yaml', '--recipients', 'list.csv'], exit: 1, code: 'E_CSV_SYNTAX', where: /list\.csv:3/, message: '份号 000007 is given twice',
    after: ({ project }) => expect(existsSync(join(project, 'output'))).toBe(false),
  },
  {
    name: 'a temp file a killed build left is removed by the next', exit: 0,
    setup: ({ project }) => {
      mkdirSync(join(project, 'output'));
      const left = join(project, 'output/.report.pdf.999999999.0badc0de.tmp');
      writeFileSync(left, '%PDF-1.7 half');
      const old = new Date(Date.now() - 3600_000);
      utimesSync(left, old, old);
    },
    args: ['build', 'report.yaml'],
    after: ({ project }) => expect(readdirSync(join(project, 'output'))).toEqual(['report.pdf']),
  },
  // ── Images: budgets from the header, data checked whole ─────────────────────────────────────
  ...([
    ['a PNG claiming 2147483647 × 2147483647 pixels', () => png({ width: 2 ** 31 - 1, height: 2 ** 31 - 1, idat: deflateSync(Buffer.alloc(64)) }), 'E_IMAGE_TOO_LARGE'],
    // 20000 × 20000 with alpha: 1.6 GB to decode from 1.5 MB of file.
    ['a 1.5 MB PNG of 20000 × 20000 with alpha', () => png({ width: 20_000, height: 20_000, idat: Buffer.alloc(1_500_000, 0x78) }), 'E_IMAGE_TOO_LARGE'],
    ['a PNG with corrupt compressed data', () => png({ width: 200, height: 100, idat: Buffer.from(deflateSync(scanlines({ width: 200, height: 100 })).map((b, i) => (i > 10 ? b ^ 0x5a : b))) }), 'E_IMAGE_DAMAGED'],
    ['a truncated PNG', () => png({ width: 200, height: 100 }).subarray(0, 300), 'E_IMAGE_DAMAGED'],
    ['a truncated JPEG', () => readFileSync(join(fixtures, 'images/gradient.jpg')).subarray(0, 300), 'E_IMAGE_DAMAGED'],
  ] as const).map(([name, bytes, code]): HostileCase => ({
    name,
    setup: ({ project }) => {
      writeFileSync(join(project, 'pic.img'), bytes());
      writeFileSync(join(project, 'report.yaml'), `${report}image: pic.img\n`);
    },
    args: ['build', 'report.yaml'], exit: 1, code, where: /report\.yaml:7:8/, message: 'pic.img',
  })),
  // ── Data and tables past any budget ─────────────────────────────────────────────────────────
  {
    name: 'a 600 KB YAML file whose aliases repeat a long text',
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'),
      `${head}items:\n  - name: &long "${'重'.repeat(150_000)}"\n    value: 1\n${'  - { name: *long, value: 2 }\n'.repeat(900)}`),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_DATA_EXPANSION', where: /report\.yaml:\d+:\d+/,
  },
  {
    name: 'a CSV of 1,000,000 rows',
    setup: ({ project }) => {
      const rows = Array.from({ length: 1_000_000 }, (_, i) => `项目${i},${i}`).join('\n');
      writeFileSync(join(project, 'big.csv'), `指标,数量\n${rows}\n`);
      writeFileSync(join(project, 'report.yaml'), `${report}table: { csv: big.csv }\n`);
    },
    args: ['build', 'report.yaml'], exit: 1, code: 'E_CSV_TOO_LARGE', where: /big\.csv/, message: 'more than 50000 rows',
  },
  {
    name: 'a data file of 80 MB',
    setup: ({ project }) => {
      writeFileSync(join(project, 'huge.yaml'), report);
      truncateSync(join(project, 'huge.yaml'), 80 * 2 ** 20);
    },
    args: ['build', 'huge.yaml'], exit: 1, code: 'E_FILE_TOO_LARGE', where: /huge\.yaml/, message: 'is 80 MB, more than the 64 MB',
  },
  {
    name: '--recipients of 100,000 rows with --combine --max-pages 10',
    setup: ({ project }) => writeFileSync(join(project, 'list.csv'), `姓名\n${Array.from({ length: 100_000 }, (_, i) => `领取人${i}`).join('\n')}\n`),
    args: ['build', 'report.yaml', '--recipients', 'list.csv', '--combine', '--max-pages', '10'], exit: 1, code: 'E_CSV_TOO_LARGE', where: /list\.csv/,
  },
  {
    name: '--recipients of 30,000 rows with --combine --max-pages 10',
    setup: ({ project }) => writeFileSync(join(project, 'list.csv'), `姓名\n${Array.from({ length: 30_000 }, (_, i) => `领取人${i}`).join('\n')}\n`),
    args: ['build', 'report.yaml', '--recipients', 'list.csv', '--combine', '--max-pages', '10'], exit: 1, code: 'E_COPIES_MAX_PAGES', where: /list\.csv/, message: '30000 copies',
  },
  {
    name: '--combine: copies × pages over --max-pages, found from one copy',
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'), `${head}items:\n${'  - { name: 重大项目进展情况, value: 360 }\n'.repeat(60)}`),
    args: ['build', 'report.yaml', '--copies', '3', '--combine', '--max-pages', '5'], exit: 1, code: 'E_COPIES_MAX_PAGES', where: /report\.yaml/, message: /3 copies of [2-5] pages each/,
  },
  {
    name: '--timeout 1 stops a document that takes longer, and the process ends',
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'), `${head}items:\n  - name: ${'a'.repeat(300_000)}\n    value: 1\n`),
    args: ['build', 'report.yaml', '--timeout', '1'], exit: 1, code: 'E_TIMEOUT', where: /report\.yaml/,
  },
  // ── Figures and messages ────────────────────────────────────────────────────────────────────
  ...([['.nan', /\.nan \(not a number\)/], ['.inf', /\.inf \(infinite/], ['-1e400', /-\.inf \(infinite/]] as const).map(([value, shown]): HostileCase => ({
    name: `a figure of ${value}`,
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'), report.replace('value: 360', `value: ${value}`)),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_DATA_NUMBER', where: /report\.yaml:6:12/, message: shown,
  })),
  {
    name: 'a YAML 1.1 date where text belongs',
    setup: ({ project }) => writeFileSync(join(project, 'report.yaml'), `%YAML 1.1\n---\n${report.replace('title: 区委全会简报', 'title: 2026-01-05')}`),
    args: ['build', 'report.yaml'], exit: 1, code: 'E_SCHEMA', where: /report\.yaml:4:8/, message: 'not the date 2026-01-05',
  },
  { name: '--copies 1000000', args: ['build', 'report.yaml', '--copies', '1000000'], exit: 2, code: 'E_USAGE', message: '--copies takes a whole number from 1 to 999999' },
  { name: '--copy-number -1', args: ['build', 'report.yaml', '--copy-number=-1'], exit: 2, code: 'E_USAGE', message: '--copy-number takes a 份号 of 1 to 6 digits' },
  { name: '--copy-number of 5,000 digits', args: ['build', 'report.yaml', '--copy-number', '9'.repeat(5000)], exit: 2, code: 'E_USAGE', message: /not "9{40}…"/ },
  { name: '--timeout 3000000', args: ['build', 'report.yaml', '--timeout', '3000000'], exit: 2, code: 'E_USAGE', message: 'at most 86400' },
];

const measured: { name: string; ms: number; mb: number; code: string }[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (!measured.length) return;
  const width = Math.max(...measured.map((m) => m.name.length));
  const lines = measured.map((m) => `${m.name.padEnd(width)}  ${m.code.padEnd(20)} ${String(m.ms).padStart(6)} ms ${String(m.mb).padStart(5)} MB`);
  const worst = { ms: Math.max(...measured.map((m) => m.ms)), mb: Math.max(...measured.map((m) => m.mb)) };
  console.log(`hostile corpus: ${measured.length} cases, slowest ${worst.ms} ms, most memory ${worst.mb} MB\n${lines.join('\n')}`);
});

describe('the hostile corpus, through the real CLI', () => {
  for (const c of cases) {
    it.skipIf(c.posixOnly && !posix).concurrent(`${c.name} → ${c.code ?? 'builds'}`, async ({ expect }) => {
      const s = sandbox();
      dirs.push(s.base);
      c.setup?.(s);
      const before = snapshot(s.outside);
      const run = await inSlot(() => runCli(typeof c.args === 'function' ? c.args(s) : c.args, s.project, s.outside));
      measured.push({ name: c.name, ms: run.ms, mb: run.maxRssMb, code: c.code ?? 'ok' });
      const out = `${run.stdout}${run.stderr}`;

      expect(run.code, out).toBe(c.exit);
      if (c.code) {
        expect(run.stderr, out).toContain(`[${c.code}]`);
        if (c.where) expect(run.stderr).toMatch(new RegExp(`--> [^\\n]*${c.where.source}`));
      }
      if (c.message) expect(run.stderr).toMatch(typeof c.message === 'string' ? new RegExp(c.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : c.message);
      expect(out, 'a stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
      expect(out, 'internal error').not.toMatch(/internal error/);
      expect(out).not.toContain(SECRET);
      // Nothing outside opened, nothing outside changed, no temp file left in the project.
      if (!c.mayOpenOutside) expect(run.openedOutside).toEqual([]);
      expect(snapshot(s.outside)).toEqual(before);
      const left = readdirSync(s.project, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp$/.test(f));
      expect(left.map((f) => relative(s.project, join(s.project, f)))).toEqual([]);
      if (c.exit !== 0) expect(existsSync(join(s.project, 'output/report.pdf'))).toBe(false);
      expect(run.maxRssMb, 'peak memory (MB)').toBeGreaterThan(0);
      expect(run.maxRssMb, 'peak memory (MB)').toBeLessThan(MAX_RSS_MB);
      c.after?.(s, run);
    }, 120_000);
  }
});
