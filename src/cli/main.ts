#!/usr/bin/env node
// First: modules loaded from here on can come from Node's compile cache (Node 22+).
import '../orchestrate/compile-cache.js';
import { Command, CommanderError, Option } from 'commander';
import { briefingVersion } from '../host/package-files.js';
import { pickLanguage } from './language.js';
import { createSink, type Sink } from './output-sink.js';

const version = briefingVersion();

interface GlobalFlags {
  lang?: string;
  quiet?: boolean;
  verbose?: boolean;
}

function sinkFor(cmd: Command): Sink {
  const g = cmd.optsWithGlobals<GlobalFlags>();
  return createSink({ lang: pickLanguage(g.lang), quiet: g.quiet, verbose: g.verbose });
}

/** Help in the clerk's language: --lang wins, then the locale. */
const lang = pickLanguage(process.argv.includes('--lang') ? process.argv[process.argv.indexOf('--lang') + 1] : undefined);
const tr = (en: string, zh: string): string => (lang === 'zh' ? zh : en);

/** The options `build` and `watch` share. */
function buildOptions(cmd: Command): Command {
  return cmd
    .option('-t, --template <name|dir>', tr('template to use (overrides the config job and the data\'s "template:")', '使用的模板（优先于配置任务和数据中的 template:）'))
    .option('-o, --output <file>', tr('output PDF, a pattern like out/{stem}-{date}.pdf, or with --copies a folder', '输出 PDF，可用 out/{stem}-{date}.pdf 形式的模式；配合 --copies 时为文件夹'))
    .option('--strict', tr('treat characters no font has as errors', '缺字视为错误'))
    .option('--jobs <n>', tr('build n documents in parallel', '并行生成 n 个文档'))
    .option('--report <file>', tr('write a JSON report of every document, even when builds fail', '写出每个文档的 JSON 报告（失败时也写）'))
    .option('--force', tr('rebuild even when no input changed', '输入未变也重新生成'))
    .option('--shard <k/n>', tr('build the k-th of n deterministic slices (CI splitting)', '只生成 n 份中的第 k 份（CI 分片）'))
    .option('--timeout <seconds>', tr('stop a document that takes longer (runs builds in a worker)', '单个文档超时即停止（在工作线程中生成）'))
    .option('--max-pages <n>', tr('refuse documents longer than n pages (default 2000)', '拒绝超过 n 页的文档（默认 2000）'))
    .option('--fail-fast', tr('stop at the first document that fails', '遇到第一个失败的文档即停止'))
    .option('--dry-run', tr('list what would be built and why, without building', '列出将生成的文档及原因，但不生成'))
    .option('--copies <n>', tr('print n numbered copies (份号 000001 …), one PDF each', '印制 n 份编号副本（份号 000001 起），每份一个 PDF'))
    .option('--recipients <csv>', tr('print one numbered copy per row of a CSV with a 姓名 (name) column', '按 CSV（含“姓名”列）每行印制一份编号副本'))
    .option('--watermark <text>', tr('with --recipients: watermark each copy, {name} is the recipient', '配合 --recipients：为每份加水印，{name} 为领取人'))
    .option('--combine', tr('with --copies or --recipients: one PDF, each copy starting on an odd page', '配合 --copies 或 --recipients：合并为一个 PDF，每份从奇数页开始'))
    .option('--copy-number <number>', tr('print this 份号 where the template places it', '在模板指定位置印上此份号'))
    .option('--paper <size>', tr('paper: A4, A3, B5, 16开 (185×260), 大16开 (210×285), 8开, or W×H in mm; the template\'s type area follows', '纸张：A4、A3、B5、16开（185×260）、大16开（210×285）、8开，或以毫米计的 宽×高；版心按模板规则随之调整'))
    .option('--pdfa', tr('write PDF/A-2b for the archive (implies --strict); with --tagged, PDF/A-2a', '生成 PDF/A-2b 归档文件（同时启用 --strict）；与 --tagged 同用时为 PDF/A-2a'))
    .option('--tagged', tr('tag the PDF for screen readers: headings, paragraphs, lists, tables, figures with alt text', '生成带标签的 PDF，供读屏软件使用：标题、段落、列表、表格及带替代文字的图'))
    .option('--bleed <length>', tr('for the print shop: run backgrounds this far past the trim (e.g. 3mm) and write TrimBox and BleedBox', '供印刷厂：背景出血到裁切线外的距离（如 3mm），并写入 TrimBox 与 BleedBox'))
    .option('--marks <kinds>', tr('for the print shop: crop, registration or crop,registration, drawn outside the trim', '供印刷厂：裁切线（crop）、套准线（registration）或两者，画在成品尺寸之外'))
    .option('--color <model>', tr('rgb (default) or cmyk: every colour in CMYK with an output intent, for the press (PDF/X-4)', 'rgb（默认）或 cmyk：所有颜色以 CMYK 写出并带输出意图，供印刷（PDF/X-4）'));
}

/** Commands are imported when run, so `validate` never loads what only `build` needs. */
function program(): Command {
  const p = new Command('briefing')
    .description(tr('Turn report data and Handlebars templates into print-ready Chinese PDF briefings', '把报告数据与 Handlebars 模板排成可付印的中文 PDF 简报'))
    .version(version)
    .addOption(new Option('--lang <lang>', tr('language of messages', '提示信息的语言')).choices(['en', 'zh']))
    .option('-q, --quiet', tr('print only errors and warnings', '只输出错误与警告'))
    .option('--verbose', tr('print more, including stack traces of internal errors', '输出更多信息，包括内部错误的调用栈'))
    .showHelpAfterError()
    .exitOverride();

  const build = p.command('build')
    .description(tr('build PDFs from data files, or every job in briefing.config.yaml', '由数据文件生成 PDF；不带参数时生成 briefing.config.yaml 中的全部任务'))
    .argument('[data...]', 'YAML or JSON data files or globs (default: the config\'s jobs)');
  buildOptions(build).action(async (data: string[], flags, cmd: Command) => {
    const { runBuild } = await import('./commands/build.js');
    process.exitCode = await runBuild(data, flags, sinkFor(cmd));
  });
  build.addHelpText('after', `
Examples:
  briefing build templates/bulletin/sample.yaml
  briefing build report.yaml -o out/report.pdf --strict
  briefing build                                   # every job in briefing.config.yaml
  briefing build 'reports/*.yaml' --jobs 2 --report build.json
  briefing build --shard 2/4                        # a quarter of the jobs, for CI
  briefing build handout.yaml --copies 30 -o copies/    # 000001 … 000030
  briefing build handout.yaml --recipients list.csv --watermark '{name} 专用'`);

  const watch = p.command('watch')
    .description(tr('build, then rebuild whenever a file the last build read changes', '生成后持续监视，所用文件一有改动即重新生成'))
    .argument('[data...]', 'YAML or JSON data files or globs (default: the config\'s jobs)');
  watch.addHelpText('after', `
Examples:
  briefing watch templates/bulletin/sample.yaml    # rebuilds on every save
  briefing watch                                   # every job in briefing.config.yaml`);
  buildOptions(watch).action(async (data: string[], flags, cmd: Command) => {
    const { runWatch } = await import('./commands/watch.js');
    process.exitCode = await runWatch(data, flags, sinkFor(cmd));
  });

  p.command('validate')
    .description(tr('check data files against their template without typesetting', '只校验数据与模板，不排版'))
    .argument('<data...>', 'YAML or JSON data files')
    .option('-t, --template <name|dir>', tr('template to check against', '用于校验的模板'))
    .addHelpText('after', '\nExample:\n  briefing validate templates/bulletin/sample.yaml')
    .action(async (data: string[], flags, cmd: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      process.exitCode = await runValidate(data, flags, sinkFor(cmd));
    });

  p.command('templates')
    .description(tr('list the available templates', '列出可用模板'))
    .addHelpText('after', '\nExample:\n  briefing templates')
    .action(async (_flags, cmd: Command) => {
      const { runTemplates } = await import('./commands/templates.js');
      process.exitCode = runTemplates(sinkFor(cmd));
    });

  p.command('init')
    .description(tr('create a project that builds with one command: config, sample data, the template to customise', '创建可一条命令生成的项目：配置、示例数据和可修改的模板副本'))
    .argument('[dir]', tr('folder for the project (default: here)', '项目文件夹（默认当前文件夹）'))
    .option('-t, --template <name>', tr('template to start from (default: bulletin)', '起始模板（默认 bulletin）'))
    .option('--force', tr('write into a folder that is not empty', '允许写入非空文件夹'))
    .addHelpText('after', '\nExamples:\n  briefing init meeting --template handout\n  cd meeting && npx briefing build')
    .action(async (dir: string | undefined, flags: { template?: string; force?: boolean }, cmd: Command) => {
      const { runInit } = await import('./commands/init.js');
      process.exitCode = runInit(dir, flags, sinkFor(cmd));
    });

  p.command('fonts')
    .description(tr('list font roles, their files and coverage; --check lists characters no font has', '列出字体角色、文件与覆盖字符数；--check 列出无字体可显示的字符'))
    .option('--check <data...>', tr('data files whose text to check', '要检查的数据文件'))
    .addHelpText('after', '\nExamples:\n  briefing fonts\n  briefing fonts --check report.yaml')
    .action(async (flags: { check?: string[] }, cmd: Command) => {
      const { runFonts } = await import('./commands/fonts.js');
      process.exitCode = await runFonts(flags, sinkFor(cmd));
    });

  p.command('schema')
    .description(tr("print a template's JSON Schema", '输出模板的 JSON Schema'))
    .argument('<template>', tr('template name', '模板名称'))
    .addHelpText('after', '\nExample:\n  briefing schema bulletin > bulletin.schema.json')
    .action(async (name: string, _flags, cmd: Command) => {
      const { runSchema } = await import('./commands/templates.js');
      const sink = sinkFor(cmd);
      try {
        process.exitCode = runSchema(name, sink);
      } catch (e) {
        process.exitCode = sink.fail(e);
      }
    });

  p.command('preview')
    .description(tr('show the documents in the browser, rebuilt live on every save', '在浏览器中预览文档，每次保存后即时重新生成'))
    .argument('[data...]', tr('YAML or JSON data files or globs (default: the config\'s jobs)', 'YAML 或 JSON 数据文件或通配模式（默认：配置中的任务）'))
    .option('-t, --template <name|dir>', tr('template to use (overrides the config job and the data\'s "template:")', '使用的模板（优先于配置任务和数据中的 template:）'))
    .option('-o, --output <file>', tr('output PDF or a pattern like out/{stem}.pdf (default output/{stem}.pdf)', '输出 PDF 或 out/{stem}.pdf 形式的模式（默认 output/{stem}.pdf）'))
    .option('--strict', tr('treat characters no font has as errors', '缺字视为错误'))
    .option('--port <n>', tr('port to listen on (default: a free one)', '监听端口（默认自动选用空闲端口）'))
    .option('--host <address>', tr('address to listen on (default 127.0.0.1; only this machine can connect)', '监听地址（默认 127.0.0.1，仅本机可访问）'))
    .option('--open', tr('open the page in the default browser', '在默认浏览器中打开页面'))
    .addHelpText('after', `
Examples:
  briefing preview templates/bulletin/sample.yaml --open
  briefing preview 'reports/*.yaml' --port 8080`)
    .action(async (data: string[], flags, cmd: Command) => {
      const { runPreview } = await import('./commands/preview.js');
      const g = cmd.optsWithGlobals<GlobalFlags>();
      process.exitCode = await runPreview(data, flags, sinkFor(cmd), g.lang === 'en' ? 'en' : 'zh');
    });
  return p;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every other commander complaint is a usage error.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = createSink({ lang: pickLanguage(undefined) }).fail(e);
  }
}

// `briefing --help | head` closes the pipe early; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void main(process.argv);
