#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { packageRoot } from '../project/paths.js';
import { pickLanguage } from './language.js';
import { createSink, type Sink } from './output-sink.js';

const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface GlobalFlags {
  lang?: string;
  quiet?: boolean;
  verbose?: boolean;
}

function sinkFor(cmd: Command): Sink {
  const g = cmd.optsWithGlobals<GlobalFlags>();
  return createSink({ lang: pickLanguage(g.lang), quiet: g.quiet, verbose: g.verbose });
}

/** The options `build` and `watch` share. */
function buildOptions(cmd: Command): Command {
  return cmd
    .option('-t, --template <name|dir>', 'template to use (overrides the config job and the data\'s "template:")')
    .option('-o, --output <file>', 'output PDF, a pattern like out/{stem}-{date}.pdf, or with --copies a folder')
    .option('--strict', 'treat characters no font has as errors')
    .option('--jobs <n>', 'build n documents in parallel')
    .option('--report <file>', 'write a JSON report of every document, even when builds fail')
    .option('--force', 'rebuild even when no input changed')
    .option('--shard <k/n>', 'build the k-th of n deterministic slices (CI splitting)')
    .option('--fail-fast', 'stop at the first document that fails')
    .option('--dry-run', 'list what would be built and why, without building')
    .option('--copies <n>', 'print n numbered copies (份号 000001 …), one PDF each')
    .option('--recipients <csv>', 'print one numbered copy per row of a CSV with a 姓名 (name) column')
    .option('--watermark <text>', 'with --recipients: watermark each copy, {name} is the recipient')
    .option('--combine', 'with --copies or --recipients: one PDF, each copy starting on an odd page')
    .option('--copy-number <number>', 'print this 份号 where the template places it');
}

/** Commands are imported when run, so `validate` never loads what only `build` needs. */
function program(): Command {
  const p = new Command('briefing')
    .description('Turn report data and Handlebars templates into print-ready Chinese PDF briefings')
    .version(version)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh']))
    .option('-q, --quiet', 'print only errors and warnings')
    .option('--verbose', 'print more, including stack traces of internal errors')
    .showHelpAfterError()
    .exitOverride();

  const build = p.command('build')
    .description('build PDFs from data files, or every job in briefing.config.yaml')
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
    .description('build, then rebuild whenever a file the last build read changes')
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
    .description('check data files against their template without typesetting')
    .argument('<data...>', 'YAML or JSON data files')
    .option('-t, --template <name|dir>', 'template to check against')
    .addHelpText('after', '\nExample:\n  briefing validate templates/bulletin/sample.yaml')
    .action(async (data: string[], flags, cmd: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      process.exitCode = await runValidate(data, flags, sinkFor(cmd));
    });

  p.command('templates')
    .description('list the available templates')
    .addHelpText('after', '\nExample:\n  briefing templates')
    .action(async (_flags, cmd: Command) => {
      const { runTemplates } = await import('./commands/templates.js');
      process.exitCode = runTemplates(sinkFor(cmd));
    });

  p.command('fonts')
    .description('list font roles, their files and coverage; --check lists characters no font has')
    .option('--check <data...>', 'data files whose text to check')
    .addHelpText('after', '\nExamples:\n  briefing fonts\n  briefing fonts --check report.yaml')
    .action(async (flags: { check?: string[] }, cmd: Command) => {
      const { runFonts } = await import('./commands/fonts.js');
      process.exitCode = await runFonts(flags, sinkFor(cmd));
    });

  p.command('schema')
    .description("print a template's JSON Schema")
    .argument('<template>', 'template name')
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

void main(process.argv);
