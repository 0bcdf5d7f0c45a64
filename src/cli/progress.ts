import type { Outcome } from '../orchestrate/outcome.js';
import type { Sink } from './output-sink.js';
import { displayPath } from './report-error.js';
import { say } from './messages.js';

/**
 * Progress for a batch: a bar redrawn in place on a terminal; one plain line per document when the
 * output is a file or a pipe, or CI=true (no ANSI codes then).
 */
export function createProgress(sink: Sink, total: number): (outcome: Outcome, done: number) => void {
  const live = !!sink.err.isTTY && !process.env.CI && !sink.quiet && total > 1;
  return (outcome, done) => {
    if (live) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      const name = displayPath(outcome.ok ? outcome.result.input : outcome.input);
      sink.err.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`);
      if (done === total) sink.err.write('\r\x1b[2K');
    }
    if (outcome.ok) {
      for (const w of outcome.result.warnings) sink.warning(w);
      if (!live) {
        const r = outcome.result;
        sink.info(r.skipped
          ? say('skipped', sink.lang, { out: displayPath(r.output) })
          : say('built', sink.lang, { out: displayPath(r.output), pages: r.pages, kb: Math.round(r.bytes / 1024), ms: r.ms }));
      }
    }
  };
}
