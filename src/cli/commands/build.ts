import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { say } from '../messages.js';
import { buildBriefing } from '../../build/build-briefing.js';

export interface BuildFlags {
  template?: string;
  output?: string;
  strict?: boolean;
  copyNumber?: string;
}

/** Build each data file in turn; one failure does not stop the others. Returns the exit code. */
export async function runBuild(files: string[], flags: BuildFlags, sink: Sink): Promise<number> {
  let failed = 0;
  for (const dataFile of files) {
    try {
      const result = await buildBriefing({ dataFile, template: flags.template, output: flags.output, strict: flags.strict, copyNumber: flags.copyNumber });
      for (const w of result.warnings) sink.warning(w);
      sink.info(say('built', sink.lang, { out: displayPath(result.output), pages: result.pages, kb: Math.round(result.bytes / 1024), ms: result.ms }));
    } catch (e) {
      failed++;
      sink.fail(e);
    }
  }
  if (files.length > 1) sink.info(say('summary', sink.lang, { ok: files.length - failed, failed }));
  return failed ? 1 : 0;
}
