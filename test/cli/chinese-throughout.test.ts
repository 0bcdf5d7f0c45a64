import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { vocabulary } from '../../src/markup/vocabulary.js';
import { templateHelperNames } from '../../src/render/render-template.js';
import { png } from '../helpers/images.js';
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js';
import { fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';

/**
 * Under --lang zh a clerk reads no English sentence: not in help, not in any error. Allowed are codes
 * (E_SCHEMA, UTF-8, ENOENT), paths, options, placeholders, quoted values the user wrote, product
 * names, and the identifiers a user types: keys of the bundled schemas, markup elements and
 * attributes, helpers, commands, templates and font roles. Any other ASCII word of four or more
 * letters is English that was not translated.
 */
const IDENTIFIERS = new Set<string>([
  // names of things, not sentences
  'briefing', 'Handlebars', 'Markdown', 'Schema', 'Excel', 'Unix', 'Ctrl', 'Noto', 'Sans', 'Serif', 'TrueType', 'OpenType', 'WOFF',
  // values a user writes
  'true', 'false', 'null', 'auto', 'left', 'right', 'center', 'justify', 'yaml', 'json', 'name', 'scale', 'fixed',
  // commands (briefing's and npm's), config keys, font roles
  'install', 'build', 'watch', 'validate', 'templates', 'init', 'fonts', 'schema', 'preview', 'help', 'jobs', 'data', 'template', 'output', 'print', 'paper', 'pdfa', 'normal', 'bold',
  // print options: config keys and the values a user writes
  'tagged', 'bleed', 'marks', 'color', 'outputProfile', 'crop', 'registration', 'cmyk',
  'serif', 'sans', 'kai', 'fangsong', 'fallback', 'stem', 'date', 'markdown', 'encoding', 'gb18030',
]);
for (const dir of ['templates', 'test/fixtures/templates']) {
  for (const name of readdirSync(join(repoRoot, dir))) {
    for (const part of name.split('-')) IDENTIFIERS.add(part);
    try {
      collectKeys(JSON.parse(readFileSync(join(repoRoot, dir, name, 'schema.json'), 'utf8')));
    } catch {
      // not a template folder
    }
  }
}
for (const [element, spec] of Object.entries(vocabulary)) {
  IDENTIFIERS.add(element);
  for (const attr of Object.keys(spec.attrs)) for (const part of attr.split('-')) IDENTIFIERS.add(part);
}
for (const helper of templateHelperNames()) IDENTIFIERS.add(helper);

function collectKeys(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions') for (const k of Object.keys(value as object)) IDENTIFIERS.add(k);
    if (key === 'enum') for (const v of value as unknown[]) if (typeof v === 'string') IDENTIFIERS.add(v);
    collectKeys(value);
  }
}

/** The English words left in text once codes, paths, options, placeholders and quotations are taken out. */
export function englishWords(text: string): string[] {
  // The data paths an error names are the user's keys, wherever the message repeats them.
  const dataPaths = [...text.matchAll(/^\s*= 数据路径：(.+)$/gm)].map((m) => m[1]!.trim());
  const kept = dataPaths.reduce((t, path) => t.replaceAll(path, ' '), text).split('\n')
    .filter((line) => !/^\s*--> /.test(line)) // a location: a path and numbers
    .map((line) => line.replace(/^(\s*= 数据路径：).*$/, '$1')) // a data path: the user's keys
    .join('\n')
    .replace(/(错误|警告)\[E_SCHEMA\]：\S+/g, ' ') // the data path an E_SCHEMA message opens with
    .replace(/“[^”]*”|"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g, ' ') // quotations: what the user wrote, or a tool said
    .replace(/<[^>\n]*>|\{[^}\n]*\}|\[[^\]\n]*\]/g, ' ') // placeholders
    .replace(/(^|[\s（，、：；(])-{1,2}[A-Za-z][\w-]*/g, ' ') // options
    .replace(/[^\s（）“”，、：；]*[/\\][^\s（）“”，、：；]*/g, ' ') // paths
    .replace(/\b[\w.-]+\.(ya?ml|json|csv|pdf|hbs|md|ttf|otf|ttc|png|jpe?g|txt|tgz)\b/gi, ' ') // file names
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ') // codes: E_SCHEMA, UTF, GBK, ENOENT
    .replace(/\b[a-z]\w*(\.\w+|\[\d+\])+/g, ' '); // data paths: masthead.issue, items[0]
  return (kept.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !IDENTIFIERS.has(w));
}

/** A scratch project: the bad-input corpus, the mini fixture project and every fixture template. */
function scratch(): string {
  const dir = tempDir('briefing-zh-');
  cpSync(join(fixtures, 'bad'), dir, { recursive: true });
  cpSync(join(fixtures, 'projects/mini'), dir, { recursive: true });
  cpSync(join(fixtures, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

interface Case {
  name: string;
  args: string[];
  /** Files to write first, relative to the scratch project. */
  files?: Record<string, string | Buffer>;
  opts?: Omit<InProcessOptions, 'cwd'>;
  /** Run in an empty folder: the scratch project's own templates are described by their authors. */
  bare?: boolean;
}

const bulletinSample = readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8');
const miniStyle = readFileSync(join(fixtures, 'templates/mini/style.yaml'), 'utf8');
const statsSample = readFileSync(join(repoRoot, 'templates/stats/sample.yaml'), 'utf8');
const statsMonthly = readFileSync(join(repoRoot, 'templates/stats/monthly.csv'), 'utf8');

const usage: Case[] = [
  { name: 'unknown option', args: ['build', 'report.yaml', '--forse'] },
  { name: 'unknown command', args: ['biuld'] },
  { name: 'missing argument', args: ['validate'] },
  { name: 'too many arguments', args: ['schema', 'bulletin', 'stats'] },
  { name: 'option without its value', args: ['build', 'report.yaml', '-o'] },
  { name: 'a --lang that does not exist', args: ['templates', '--lang', 'fr'], opts: { env: { LANG: 'zh_CN.UTF-8' } } },
  { name: 'a glob matching nothing', args: ['build', 'reports/*.yaml'] },
  { name: 'nothing to build', args: ['build'] },
  { name: '--combine alone', args: ['build', 'report.yaml', '--combine'] },
  { name: '--copies with --recipients', args: ['build', 'report.yaml', '--copies', '2', '--recipients', 'list.csv'] },
  { name: '{name} without recipients', args: ['build', 'report.yaml', '--copies', '2', '--watermark', '{name}'] },
  { name: 'unknown placeholder', args: ['build', 'report.yaml', '-o', 'out/{stme}.pdf'] },
  { name: 'two PDFs to stdout', args: ['build', 'report.yaml', 'with-csv.yaml', '-o', '-'] },
  { name: '--format without -', args: ['build', 'report.yaml', '--format', 'json'] },
  { name: 'a bad --format', args: ['build', '-', '--format', 'xml'] },
  { name: 'a bad --jobs', args: ['build', 'report.yaml', '--jobs', '0'] },
  { name: 'a bad --timeout', args: ['build', 'report.yaml', '--timeout', 'soon'] },
  { name: 'a bad --shard', args: ['build', '--shard', '5/4'] },
  { name: 'init into a full folder', args: ['init', '.'] },
  { name: 'watch a pipe', args: ['watch', '-'] },
  { name: 'a paper that does not exist', args: ['build', 'report.yaml', '--paper', 'A9'] },
  { name: 'a bleed too large', args: ['build', 'report.yaml', '--bleed', '30mm'] },
  { name: 'marks that do not exist', args: ['build', 'report.yaml', '--marks', 'cut'] },
  { name: 'a colour model that does not exist', args: ['build', 'report.yaml', '--color', 'cmy'] },
  { name: 'PDF/A with CMYK', args: ['build', 'report.yaml', '--pdfa', '--color', 'cmyk'] },
  { name: '--copies out of range', args: ['build', 'report.yaml', '--copies', '1000000'] },
  { name: 'a --copy-number that is no 份号', args: ['build', 'report.yaml', '--copy-number', 'abc'] },
  { name: 'a --timeout of more than a day', args: ['build', 'report.yaml', '--timeout', '3000000'] },
  { name: 'a bad --port', args: ['preview', 'report.yaml', '--port', '70000'] },
  { name: 'preview from a pipe', args: ['preview', '-'] },
];

const data: Case[] = [
  { name: 'unknown template, misspelt', args: ['build', 'report.yaml', '-t', 'bulletn'] },
  { name: 'no template chosen', args: ['build', 'notemplate.yaml'], files: { 'notemplate.yaml': 'title: x\n' } },
  { name: 'schema errors of the bulletin', args: ['validate', 'b.yaml'], files: {
    'b.yaml': bulletinSample.replace('issue: 18', 'issue: 第十八期\n  isue: 3').replace(/date: "?2023-08-22"?/, 'date: 2023/8/22').replace(/^title: .*$/m, 'titel: x'),
  } },
  { name: 'schema errors of the stats bulletin', args: ['validate', 's.yaml'], files: {
    's.yaml': `template: stats\nmeta: { title: x, author: y }\nmasthead: { name: n, issue: 0, unit: u, date: "2023-08-22" }\ntitle: t\nsections:\n  - heading: h\n    charts:\n      - { type: bars, labels: [a], series: [{ name: s, values: [1] }], table: { csv: x.csv } }\n      - { type: bar, labels: [], series: [] }\n    kpis: { columns: 9, figures: [] }\n    tables: [{ csv: x.csv, align: [middle] }]\n`,
  } },
  { name: 'schema errors of a 公文', args: ['validate', 'g.yaml'], files: {
    'g.yaml': 'template: gongwen\nmeta: { title: x, author: y }\nhead: { mark: "", copy: abc, signers: ["a,b"] }\ntitle: []\nbody: [12, { heading: h, paragraph: [a] }]\nsignature: { organ: o, date: "2023-8-x", sealSize: 0 }\n',
  } },
  { name: 'schema errors of a handout', args: ['validate', 'h.yaml'], files: {
    'h.yaml': 'template: handout\nmeta: { title: x, author: y }\nmeeting: { name: "", date: "2023-08-21" }\nagenda: { columns: [a, b, c, d, e], sessions: [] }\nmaterials: [{ title: t, paragraphs: [""] }]\n',
  } },
  { name: 'unknown markup element', args: ['build', 'report.yaml', '-t', 'unknown-element'] },
  { name: 'unknown markup attribute', args: ['build', 'report.yaml', '-t', 'bad-attribute'] },
  { name: 'missing partial', args: ['build', 'report.yaml', '-t', 'missing-partial'] },
  { name: 'missing helper', args: ['build', 'report.yaml', '-t', 'missing-helper'] },
  { name: 'field the data lacks', args: ['build', 'report.yaml', '-t', 'missing-field'] },
  { name: 'template syntax error', args: ['build', 'report.yaml', '-t', 'broken'], files: {
    'templates/broken/template.yaml': 'name: broken\nentry: broken.hbs\n', 'templates/broken/broken.hbs': '<document>{{#if title}}<p>x</p></document>\n',
    'templates/broken/schema.json': '{}', 'templates/broken/style.yaml': miniStyle,
  } },
  { name: 'style: a font size that is none', args: ['build', 'report.yaml', '-t', 'sized'], files: {
    'templates/sized/template.yaml': 'name: sized\nentry: sized.hbs\n', 'templates/sized/sized.hbs': '<document><p>{{title}}</p></document>\n',
    'templates/sized/schema.json': '{}', 'templates/sized/style.yaml': miniStyle.replace('size: 三号', 'size: huge'),
  } },
  { name: 'a figure that is no number', args: ['validate', 'stats.yaml'], files: {
    'stats.yaml': statsSample, 'monthly.csv': statsMonthly.replace('2月,21.3,', '2月,21.3亿,'),
    'key-figures.csv': readFileSync(join(repoRoot, 'templates/stats/key-figures.csv'), 'utf8'),
  } },
  { name: 'a figure a helper cannot write in words', args: ['validate', 'money.yaml', '-t', 'money'], files: {
    'templates/money/template.yaml': 'name: money\nentry: money.hbs\n', 'templates/money/money.hbs': '<document><p>{{cnMoney amount}}</p></document>\n',
    'templates/money/schema.json': '{}', 'templates/money/style.yaml': miniStyle, 'money.yaml': 'amount: -5\n',
  } },
  { name: 'config: unknown key, misspelt', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'fontz: {}\n' } },
  { name: 'config: a job matching nothing', args: ['build'], files: { 'briefing.config.yaml': 'jobs:\n  - data: bulletins/*.yaml\n' } },
  { name: 'config: a font file that is missing', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'fonts:\n  serif: nothere.ttf\n' } },
  { name: 'config: a font file that is no font', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'fonts:\n  serif: fake.ttf\n', 'fake.ttf': '<html></html>' } },
  { name: 'recipients list without names', args: ['build', 'report.yaml', '--recipients', 'r.csv'], files: { 'r.csv': '姓名\n' } },
  { name: 'recipients list without a name column', args: ['build', 'report.yaml', '--recipients', 'r.csv'], files: { 'r.csv': '单位\n办公室\n' } },
  // The file gate, the one writer and the budgets (issue 14), the composer and print (issues 15, 20).
  { name: 'a data file that is a folder', args: ['build', 'folder.yaml'], files: { 'folder.yaml/x.txt': '' } },
  { name: 'two documents written to one file', args: ['build', 'a/r.yaml', 'b/r.yaml'], files: {
    'a/r.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\n', 'b/r.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\n',
  } },
  { name: '-o onto a folder', args: ['build', 'report.yaml', '-o', 'out/dir.pdf'], files: { 'out/dir.pdf/x.txt': '' } },
  { name: "a config job's output outside the project", args: ['build'], files: { 'briefing.config.yaml': 'jobs:\n  - data: report.yaml\n    output: ../x.pdf\n' } },
  { name: "a config job's output that is no PDF", args: ['build'], files: { 'briefing.config.yaml': 'jobs:\n  - data: report.yaml\n    output: out/{stem}.txt\n' } },
  { name: 'a template outside the project', args: ['build', 'away.yaml'], files: { 'away.yaml': 'template: ../elsewhere\ntitle: x\n' } },
  { name: 'aliases that expand too far', args: ['build', 'alias.yaml'], files: {
    'alias.yaml': `template: mini\ntitle: x\nauthor: y\nitems:\n  - name: &long "${'重'.repeat(20_000)}"\n${'  - { name: *long }\n'.repeat(60)}`,
  } },
  { name: 'a figure that is .nan', args: ['build', 'nan.yaml'], files: { 'nan.yaml': 'template: mini\ntitle: x\nauthor: y\nitems:\n  - name: a\n    value: .nan\n' } },
  { name: 'combined copies over --max-pages', args: ['build', 'report.yaml', '--copies', '3', '--combine', '--max-pages', '2'] },
  { name: 'a config font that is no font file', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'fonts:\n  serif: notes.txt\n', 'notes.txt': 'x' } },
  { name: 'a config paper that does not exist', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'print:\n  paper: A9\n' } },
  { name: 'a config bleed and marks that are none', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'print:\n  bleed: 3 inches\n' } },
  { name: 'a config profile that is no .icc', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'print:\n  color: cmyk\n  outputProfile: notes.txt\n' } },
  { name: 'a config profile that is no ICC profile', args: ['build', 'report.yaml'], files: { 'briefing.config.yaml': 'print:\n  color: cmyk\n  outputProfile: p.icc\n', 'p.icc': 'x'.repeat(200) } },
  { name: 'a picture without alt text in a tagged PDF, as a warning', args: ['build', 'pic.yaml', '--tagged', '-o', 'out/pic.pdf'], files: {
    'pic.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\nimage: p.png\n', 'p.png': png({ width: 20, height: 10 }),
  } },
  { name: 'an RGB JPEG in a CMYK print file', args: ['build', 'jpg.yaml', '--color', 'cmyk'], files: {
    'jpg.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\nimage: p.jpg\n', 'p.jpg': readFileSync(join(fixtures, 'images/gradient.jpg')),
  } },
  { name: 'a 公文 on too small a paper', args: ['build', 'g.yaml', '--paper', '100x150'], files: { 'g.yaml': readFileSync(join(repoRoot, 'templates/gongwen/sample.yaml'), 'utf8') } },
  { name: 'a table too wide for the page', args: ['build', 'wide.yaml'], files: {
    'wide.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\ntable: { csv: wide.csv }\n',
    'wide.csv': `${Array.from({ length: 80 }, (_, i) => `第${i + 1}列`).join(',')}\n${Array.from({ length: 80 }, () => '一二三四').join(',')}\n`,
  } },
  { name: 'a damaged picture', args: ['build', 'pic.yaml'], files: {
    'pic.yaml': 'template: mini\ntitle: x\nauthor: y\nitems: []\nimage: cut.png\n', 'cut.png': png({ width: 200, height: 100 }).subarray(0, 300),
  } },
  { name: 'piped data that is not UTF-8', args: ['build', '-'], opts: { stdin: Buffer.from([0x74, 0x3a, 0x20, 0xd6, 0xd0]) } },
  { name: 'an invalid SOURCE_DATE_EPOCH and a missing glyph, as warnings', args: ['build', 'pua.yaml', '-o', 'out/pua.pdf'],
    files: { 'pua.yaml': 'template: mini\ntitle: \u{E000}\nauthor: y\nitems: []\n' }, opts: { env: { SOURCE_DATE_EPOCH: 'now' } } },
];

const output: Case[] = [
  { name: 'a build, a batch and a dry run', args: ['build', 'report.yaml', 'with-csv.yaml', '--dry-run'] },
  { name: 'a successful build', args: ['build', 'report.yaml', 'with-csv.yaml', '-o', 'out/{stem}.pdf'] },
  { name: 'templates', args: ['templates'], bare: true },
  { name: 'fonts', args: ['fonts'] },
  { name: 'fonts --check', args: ['fonts', '--check', 'report.yaml'] },
  { name: 'validate', args: ['validate', 'report.yaml'] },
  { name: 'init', args: ['init', '会议材料', '--template', 'handout'] },
];

/** Every case in the bad-input corpus (test/fixtures/bad/cases.yaml) that ends in an error. */
const corpus = (parse(readFileSync(join(fixtures, 'bad/cases.yaml'), 'utf8')) as { defaults: { template: string }; cases: { file: string; code?: string; config?: string; template?: string }[] })
  .cases.filter((c) => c.code && !c.file.includes('symlink'))
  .map((c): Case => ({
    name: `corpus: ${c.file}${c.config ? ` with ${c.config}` : ''}`,
    args: ['build', c.file, '-t', join(repoRoot, c.template ?? 'test/fixtures/templates/mini'), '-o', 'out/x.pdf'],
    files: c.config ? { [basename(c.config)]: readFileSync(join(fixtures, 'bad', c.config), 'utf8') } : {},
  }));

async function run(c: Case): Promise<{ text: string; code: number | null }> {
  const dir = c.bare ? tempDir('briefing-zh-') : scratch();
  for (const [file, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const r = await runInProcess([...c.args, ...(c.args.includes('--lang') ? [] : ['--lang', 'zh'])], { cwd: dir, ...c.opts });
  return { text: `${r.stdout}\n${r.stderr}`, code: r.code };
}

describe('under --lang zh there is no English sentence', () => {
  it('in any help: the program\'s and every command\'s', async () => {
    for (const cmd of [[], ['build'], ['watch'], ['validate'], ['templates'], ['init'], ['fonts'], ['schema'], ['preview'], ['help']]) {
      const r = await runInProcess([...cmd, '--help', '--lang', 'zh']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^用法：briefing/);
      expect(englishWords(r.stdout), `briefing ${cmd.join(' ')} --help:\n${r.stdout}`).toEqual([]);
    }
  });

  for (const [set, cases, failing] of [['usage errors', usage, true], ['data, template and config errors', data, undefined], ['the bad-input corpus', corpus, true], ['what commands print', output, false]] as const) {
    it(`in ${set}`, async () => {
      const found: string[] = [];
      for (const c of cases) {
        const { text, code } = await run(c);
        // A case that printed nothing, or did not fail when it should, proves nothing.
        expect(text.trim(), c.name).not.toBe('');
        if (failing === true) expect(code, `${c.name}\n${text}`).not.toBe(0);
        if (failing === false) expect(code, `${c.name}\n${text}`).toBe(0);
        const words = englishWords(text);
        if (words.length) found.push(`${c.name}: ${words.join(' ')}\n${text}`);
      }
      expect(found).toEqual([]);
    });
  }

  it('finds English where there is some', () => {
    expect(englishWords('错误[E_SCHEMA]：masthead.issue must be a whole number, not the text "第十八期"\n  --> a.yaml:3:1')).toContain('whole');
    expect(englishWords('错误[E_YAML_SYNTAX]：YAML 语法错误：Nested mappings are not allowed in compact mappings')).toContain('mappings');
    expect(englishWords('错误[E_USAGE]：未知的选项 --forse\n  = 提示：您是否要写 --force？')).toEqual([]);
  });
});
