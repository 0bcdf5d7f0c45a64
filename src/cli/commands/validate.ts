import { resolve } from 'node:path';
import { userErrorsOf } from '../../errors/briefing-error.js';
import { createCaches } from '../../host/caches.js';
import { prepareDocument } from '../../orchestrate/build-briefing.js';
import { expandDataPaths, STDIN_NAME } from '../../orchestrate/plan-builds.js';
import type { Sink } from '../output-sink.js';
import { displayPath, errorJson } from '../report-error.js';
import { say } from '../messages.js';
import { checkFormat, readPipedData, readProcessStdin, type ReadStdin } from '../piped-data.js';

export interface ValidateFlags {
  template?: string;
  json?: boolean;
  format?: string;
}

/**
 * Schema, template and markup checks without typesetting: never loads pdfkit or fonts, writes
 * nothing. Globs expand as for `build`; `-` reads the data from standard input. `--json` prints one
 * JSON document with every file's result instead of lines.
 */
export async function runValidate(paths: string[], flags: ValidateFlags, sink: Sink, readStdin: ReadStdin = readProcessStdin): Promise<number> {
  const cwd = process.cwd();
  let files: string[];
  try {
    checkFormat(flags.format);
    files = expandDataPaths(paths, cwd);
  } catch (e) {
    sink.fail(e);
    return 2;
  }
  const stdinFile = resolve(cwd, STDIN_NAME);
  const results: { file: string; valid: boolean; errors: Record<string, unknown>[] }[] = [];
  let failed = 0;
  // Shared by every file checked: templates and validators are read once (nothing here opens fonts).
  const caches = createCaches();
  for (const dataFile of files) {
    try {
      const piped = dataFile === stdinFile ? await readPipedData(readStdin, flags.format) : {};
      prepareDocument({ dataFile, template: flags.template, ...piped }, { writeCache: false, caches });
      results.push({ file: displayPath(dataFile), valid: true, errors: [] });
      if (!flags.json) sink.info(say('valid', sink.lang, { file: displayPath(dataFile) }));
    } catch (e) {
      failed++;
      const errors = userErrorsOf(e);
      if (flags.json && errors) results.push({ file: displayPath(dataFile), valid: false, errors: errors.map((err) => errorJson(err, sink.lang)) });
      else sink.fail(e);
    }
  }
  if (flags.json) sink.out.write(`${JSON.stringify({ valid: failed === 0, documents: results }, null, 2)}\n`);
  return failed ? 1 : 0;
}
