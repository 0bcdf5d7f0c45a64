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

  p.command('build')
    .description('build PDFs from data files')
    .argument('<data...>', 'YAML or JSON data files')
    .option('-t, --template <name|dir>', 'template to use (overrides the data\'s "template:")')
    .option('-o, --output <file>', 'output PDF (default: output/<data-file-name>.pdf)')
    .option('--strict', 'treat characters no font has as errors')
    .option('--copy-number <number>', 'print this 份号 where the template places it')
    .addHelpText('after', '\nExamples:\n  briefing build templates/bulletin/sample.yaml\n  briefing build report.yaml -o out/report.pdf --strict')
    .action(async (data: string[], flags, cmd: Command) => {
      const { runBuild } = await import('./commands/build.js');
      process.exitCode = await runBuild(data, flags, sinkFor(cmd));
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
    .action(async (_flags, cmd: Command) => {
      const { runTemplates } = await import('./commands/templates.js');
      process.exitCode = runTemplates(sinkFor(cmd));
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
