import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { say } from '../messages.js';
import { prepareDocument } from '../../orchestrate/build-briefing.js';

/** Schema, template and markup checks without typesetting: never loads pdfmake or fonts, writes nothing. */
export async function runValidate(files: string[], flags: { template?: string }, sink: Sink): Promise<number> {
  let failed = 0;
  for (const dataFile of files) {
    try {
      prepareDocument({ dataFile, template: flags.template }, { writeCache: false });
      sink.info(say('valid', sink.lang, { file: displayPath(dataFile) }));
    } catch (e) {
      failed++;
      sink.fail(e);
    }
  }
  return failed ? 1 : 0;
}
