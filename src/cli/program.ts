import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../errors/catalogue.js';
import type { BuildFlags } from './commands/build-plan.js';
import type { PreviewFlags } from './commands/preview.js';
import type { ValidateFlags } from './commands/validate.js';
import { briefingVersion } from '../host/package-files.js';
import { helpConfiguration } from './help-frame.js';
import { languageFromArgs, pickLanguage } from './language.js';
import { createSink, type Sink, type TextStream } from './output-sink.js';
import { formatError } from './report-error.js';
import { usageErrorFrom } from './usage-errors.js';

/** Where the CLI reads and writes: the process's own streams, or buffers for a test. */
export interface CliStreams {
  stdout: TextStream;
  stderr: TextStream;
  /** All of standard input (`build -`); by default the process's. */
  readStdin?: () => Promise<Buffer>;
}

interface GlobalFlags {
  lang?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * Run briefing with the words after `briefing` on the command line; resolves to the exit code.
 * Never calls process.exit, so it can run inside another program (the tests do).
 */
export async function runBriefing(args: string[], streams: CliStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const lang = pickLanguage(languageFromArgs(args));
  let code = 0;
  const setCode = (c: number) => (code = c);
  try {
    await program(lang, streams, setCode).parseAsync(args, { from: 'user' });
    return code;
  } catch (e) {
    // Help and version exit 0; every other commander complaint is a usage error, already printed.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return createSink({ lang, out: streams.stdout, err: streams.stderr }).fail(e);
  }
}

function program(lang: Lang, streams: CliStreams, setCode: (code: number) => void): Command {
  const tr = (en: string, zh: string): string => (lang === 'zh' ? zh : en);
  const sinkFor = (cmd: Command, opts: { stdoutIsData?: boolean } = {}): Sink => {
    const g = cmd.optsWithGlobals<GlobalFlags>();
    return createSink({ lang: pickLanguage(g.lang), quiet: g.quiet, verbose: g.verbose, out: streams.stdout, err: streams.stderr, ...opts });
  };
  /** Example command lines, each with an optional comment; comments line up. */
  const examples = (lines: [string, string, string?][]) => {
    const width = Math.max(0, ...lines.filter(([, en]) => en).map(([cmd]) => cmd.length));
    const body = lines.map(([cmd, en, zh]) => (en ? `  ${cmd.padEnd(width)}  # ${tr(en, zh ?? en)}` : `  ${cmd}`));
    return `\n${tr(lines.length > 1 ? 'Examples:' : 'Example:', '示例：')}\n${body.join('\n')}`;
  };

  const p = new Command('briefing');
  // Before any subcommand exists: commander copies these settings into each one.
  p.configureHelp(helpConfiguration(lang))
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError()
    .helpOption('-h, --help', tr('display help for command', '显示此命令的帮助'))
    .helpCommand(tr('help [command]', 'help [命令]'), tr('display help for command', '显示命令的帮助'));
  // Usage errors in our own words and format, before commander's help that follows them.
  const usageError: Command['error'] = function (this: Command, message, opts) {
    return Command.prototype.error.call(this, formatError(usageErrorFrom(opts?.code ?? '', message), lang), opts);
  };
  p.error = usageError;
  const subcommand = (name: string) => {
    const cmd = p.command(name);
    cmd.error = usageError;
    return cmd;
  };

  p.description(tr('Turn report data and Handlebars templates into print-ready Chinese PDF briefings', '把报告数据与 Handlebars 模板排成可付印的中文 PDF 简报'))
    .version(briefingVersion(), '-V, --version', tr('output the version number', '输出版本号'))
    .addOption(new Option('--lang <lang>', tr('language of messages', '提示信息的语言')).choices(['en', 'zh']))
    .option('-q, --quiet', tr('print only errors and warnings', '只输出错误与警告'))
    .option('--verbose', tr('print more, including stack traces of internal errors', '输出更多信息，包括内部错误的调用栈'));

  /** The options `build` and `watch` share. */
  const buildOptions = (cmd: Command): Command => cmd
    .option('-t, --template <name|dir>', tr('template to use (overrides the config job and the data\'s "template:")', '使用的模板（优先于配置任务和数据中的 template:）'))
    .option('-o, --output <file>', tr('output PDF, a pattern like out/{stem}-{date}.pdf, or with --copies a folder', '输出 PDF，可用 out/{stem}-{date}.pdf 形式的模式；配合 --copies 时为文件夹'))
    .option('--strict', tr('treat characters no font has as errors', '缺字视为错误'))
    .option('--jobs <n>', tr('build n documents in parallel (default 1: one process is fastest on 2 cores)', '并行生成 n 个文档（默认 1：双核机器上单进程最快）'))
    .option('--report <file>', tr('write a JSON report of every document, even when builds fail', '写出每个文档的 JSON 报告（失败时也写）'))
    .option('--force', tr('rebuild even when no input changed', '输入未变也重新生成'))
    .option('--shard <k/n>', tr('build the k-th of n deterministic slices (CI splitting)', '只生成 n 份中的第 k 份（CI 分片）'))
    .option('--timeout <seconds>', tr('stop a document that takes longer (runs builds in a worker)', '单个文档超时即停止（在工作线程中生成）'))
    .option('--max-pages <n>', tr('refuse documents longer than n pages (default 2000)', '拒绝超过 n 页的文档（默认 2000）'))
    .option('--fail-fast', tr('stop at the first document that fails', '遇到第一个失败的文档即停止'))
    .option('--dry-run', tr('list what would be built and why, without building', '列出将生成的文档及原因，但不生成'))
    .option('--copies <n>', tr('print n numbered copies (份号 000001 …), one PDF each', '印制 n 份编号副本（份号 000001 起），每份一个 PDF'))
    .option('--recipients <csv>', tr('print one numbered copy per row of a CSV with a 姓名 (name) column', '按 CSV（含“姓名”列）每行印制一份编号副本'))
    .option('--watermark <text>', tr('print text across every page (each copy\'s, with --combine too); with --recipients {name} is the recipient', '在每页印上水印（编号副本及 --combine 合并时每份都印）；配合 --recipients 时 {name} 为领取人'))
    .option('--combine', tr('with --copies or --recipients: one PDF, each copy starting on an odd page', '配合 --copies 或 --recipients：合并为一个 PDF，每份从奇数页开始'))
    .option('--copy-number <number>', tr('print this 份号 where the template places it', '在模板指定位置印上此份号'))
    .option('--paper <size>', tr('paper: A4, A3, B5, 16开 (185×260), 大16开 (210×285), 8开, or W×H in mm; the template\'s type area follows', '纸张：A4、A3、B5、16开（185×260）、大16开（210×285）、8开，或以毫米计的 宽×高；版心按模板规则随之调整'))
    .option('--pdfa', tr('write PDF/A-2b for the archive (implies --strict); with --tagged, PDF/A-2a', '生成 PDF/A-2b 归档文件（同时启用 --strict）；与 --tagged 同用时为 PDF/A-2a'))
    .option('--tagged', tr('tag the PDF for screen readers: headings, paragraphs, lists, tables, figures with alt text', '生成带标签的 PDF，供读屏软件使用：标题、段落、列表、表格及带替代文字的图'))
    .option('--bleed <length>', tr('for the print shop: run backgrounds this far past the trim (e.g. 3mm) and write TrimBox and BleedBox', '供印刷厂：背景出血到裁切线外的距离（如 3mm），并写入裁切框与出血框'))
    .option('--marks <kinds>', tr('for the print shop: crop, registration or crop,registration, drawn outside the trim', '供印刷厂：裁切线（crop）、套准线（registration）或两者，画在成品尺寸之外'))
    .option('--color <model>', tr('rgb (default) or cmyk: every colour in CMYK with an output intent, for the press (PDF/X-4)', 'rgb（默认）或 cmyk：所有颜色以 CMYK 写出并带输出意图，供印刷（PDF/X-4）'));

  const dataArgument = tr('YAML or JSON data files or globs, - for standard input (default: the config\'s jobs)', 'YAML 或 JSON 数据文件或通配模式，- 表示标准输入（默认：配置中的全部任务）');

  const build = subcommand('build')
    .description(tr('build PDFs from data files, or every job in briefing.config.yaml', '由数据文件生成 PDF；不带参数时生成 briefing.config.yaml 中的全部任务'))
    .argument('[data...]', dataArgument);
  buildOptions(build)
    .option('--format <yaml|json>', tr('the format of data read from standard input (-); default: what it looks like', '从标准输入（-）读取的数据的格式；默认按内容判断'))
    .action(async (data: string[], flags: BuildFlags, cmd: Command) => {
      const { runBuild } = await import('./commands/build.js');
      setCode(await runBuild(data, flags, sinkFor(cmd, { stdoutIsData: flags.output === '-' }), streams.readStdin));
    });
  build.addHelpText('after', examples([
    ['briefing build templates/bulletin/sample.yaml', ''],
    ['briefing build report.yaml -o out/report.pdf --strict', ''],
    ['briefing build', 'every job in briefing.config.yaml', 'briefing.config.yaml 中的全部任务'],
    ["briefing build 'reports/*.yaml' --jobs 2 --report build.json", ''],
    ['briefing build --shard 2/4', 'a quarter of the jobs, for CI', '四分之一的任务，供 CI 分片'],
    ['briefing build handout.yaml --copies 30 -o copies/', '000001 … 000030'],
    ["briefing build handout.yaml --recipients list.csv --watermark '{name} 专用'", ''],
    ['cat report.json | briefing build - -o - > report.pdf', 'data in from a pipe, the PDF out to one', '数据从管道读入，PDF 写到管道'],
  ]));

  const watch = subcommand('watch')
    .description(tr('build, then rebuild whenever a file the last build read changes', '生成后持续监视，所用文件一有改动即重新生成'))
    .argument('[data...]', dataArgument);
  watch.addHelpText('after', examples([
    ['briefing watch templates/bulletin/sample.yaml', 'rebuilds on every save', '每次保存都重新生成'],
    ['briefing watch', 'every job in briefing.config.yaml', 'briefing.config.yaml 中的全部任务'],
  ]));
  buildOptions(watch).action(async (data: string[], flags: BuildFlags, cmd: Command) => {
    const { runWatch } = await import('./commands/watch.js');
    setCode(await runWatch(data, flags, sinkFor(cmd)));
  });

  const json = tr('print the result as one JSON document', '以一个 JSON 文档输出结果');

  subcommand('validate')
    .description(tr('check data files against their template without typesetting', '只校验数据与模板，不排版'))
    .argument('<data...>', tr('YAML or JSON data files or globs, - for standard input', 'YAML 或 JSON 数据文件或通配模式，- 表示标准输入'))
    .option('-t, --template <name|dir>', tr('template to check against', '用于校验的模板'))
    .option('--format <yaml|json>', tr('the format of data read from standard input (-); default: what it looks like', '从标准输入（-）读取的数据的格式；默认按内容判断'))
    .option('--json', json)
    .addHelpText('after', examples([['briefing validate templates/bulletin/sample.yaml', ''], ["briefing validate 'reports/*.yaml' --json", '']]))
    .action(async (data: string[], flags: ValidateFlags, cmd: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      setCode(await runValidate(data, flags, sinkFor(cmd, { stdoutIsData: !!flags.json }), streams.readStdin));
    });

  subcommand('templates')
    .description(tr('list the available templates', '列出可用模板'))
    .option('--json', json)
    .addHelpText('after', examples([['briefing templates', ''], ['briefing templates --json', '']]))
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { runTemplates } = await import('./commands/templates.js');
      setCode(runTemplates(flags, sinkFor(cmd, { stdoutIsData: !!flags.json })));
    });

  subcommand('init')
    .description(tr('create a project that builds with one command: config, sample data, the template to customise', '创建可一条命令生成的项目：配置、示例数据和可修改的模板副本'))
    .argument('[dir]', tr('folder for the project (default: here)', '项目文件夹（默认当前文件夹）'))
    .option('-t, --template <name>', tr('template to start from (default: bulletin)', '起始模板（默认 bulletin）'))
    .option('--force', tr('write into a folder that is not empty', '允许写入非空文件夹'))
    .option('--from <spec>', tr('where npm gets briefing for the project: a .tgz (copied into vendor/), a git URL or a version (default: where this briefing came from)',
      '项目从何处安装 briefing：.tgz 文件（复制到 vendor/）、git 地址或版本号（默认：本机 briefing 的来源）'))
    .addHelpText('after', examples([
      ['briefing init meeting --template handout', ''],
      ['briefing init meeting --from ./briefing-0.1.0.tgz', ''],
      ['cd meeting && npm install && npx briefing build', ''],
    ]))
    .action(async (dir: string | undefined, flags: { template?: string; force?: boolean; from?: string }, cmd: Command) => {
      const { runInit } = await import('./commands/init.js');
      setCode(runInit(dir, flags, sinkFor(cmd)));
    });

  subcommand('fonts')
    .description(tr('list font roles, their files and coverage; --check lists characters no font has', '列出字体角色、文件与覆盖字符数；--check 列出无字体可显示的字符'))
    .option('--check <data...>', tr('data files whose text to check', '要检查的数据文件'))
    .option('--json', json)
    .addHelpText('after', examples([['briefing fonts', ''], ['briefing fonts --check report.yaml', ''], ['briefing fonts --json', '']]))
    .action(async (flags: { check?: string[]; json?: boolean }, cmd: Command) => {
      const { runFonts } = await import('./commands/fonts.js');
      setCode(runFonts(flags, sinkFor(cmd, { stdoutIsData: !!flags.json })));
    });

  subcommand('schema')
    .description(tr("print a template's JSON Schema", '输出模板的 JSON Schema'))
    .argument('<template>', tr('template name', '模板名称'))
    .option('--json', tr('print it as machine-made JSON (the file as written otherwise)', '以程序生成的 JSON 输出（否则按文件原样输出）'))
    .addHelpText('after', examples([['briefing schema bulletin > bulletin.schema.json', '']]))
    .action(async (name: string, flags: { json?: boolean }, cmd: Command) => {
      const { runSchema } = await import('./commands/templates.js');
      const sink = sinkFor(cmd, { stdoutIsData: true });
      try {
        setCode(runSchema(name, flags, sink));
      } catch (e) {
        setCode(sink.fail(e));
      }
    });

  subcommand('preview')
    .description(tr('show the documents in the browser, rebuilt live on every save', '在浏览器中预览文档，每次保存后即时重新生成'))
    .argument('[data...]', tr('YAML or JSON data files or globs (default: the config\'s jobs)', 'YAML 或 JSON 数据文件或通配模式（默认：配置中的全部任务）'))
    .option('-t, --template <name|dir>', tr('template to use (overrides the config job and the data\'s "template:")', '使用的模板（优先于配置任务和数据中的 template:）'))
    .option('-o, --output <file>', tr('output PDF or a pattern like out/{stem}.pdf (default output/{stem}.pdf)', '输出 PDF 或 out/{stem}.pdf 形式的模式（默认 output/{stem}.pdf）'))
    .option('--strict', tr('treat characters no font has as errors', '缺字视为错误'))
    .option('--port <n>', tr('port to listen on (default: a free one)', '监听端口（默认自动选用空闲端口）'))
    .option('--host <address>', tr('address to listen on (default 127.0.0.1; only this machine can connect)', '监听地址（默认 127.0.0.1，仅本机可访问）'))
    .option('--open', tr('open the page in the default browser', '在默认浏览器中打开页面'))
    .addHelpText('after', examples([
      ['briefing preview templates/bulletin/sample.yaml --open', 'rebuilds on every save', '每次保存都重新生成'],
      ["briefing preview 'reports/*.yaml' --port 8080", ''],
    ]))
    .action(async (data: string[], flags: PreviewFlags, cmd: Command) => {
      const { runPreview } = await import('./commands/preview.js');
      const g = cmd.optsWithGlobals<GlobalFlags>();
      // The page speaks --lang, else Chinese: it is for the clerk, whatever the terminal's locale.
      setCode(await runPreview(data, flags, sinkFor(cmd), g.lang === 'en' ? 'en' : 'zh'));
    });
  return p;
}
