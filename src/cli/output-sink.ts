import { BriefingError, userErrorsOf } from '../errors/briefing-error.js';
import type { Lang } from '../errors/catalogue.js';
import type { Warning } from '../orchestrate/build-briefing.js';
import { formatError, githubAnnotation } from './report-error.js';
import { say } from './messages.js';

/** Where a command's words go: one object so every command prints errors the same way. */
export interface Sink {
  lang: Lang;
  quiet: boolean;
  verbose: boolean;
  info(line: string): void;
  warn(line: string): void;
  /** A warning from a build, printed like an error but labelled as a warning. */
  warning(w: Warning): void;
  /** Print any thrown value: user errors nicely, bugs as bugs. Returns the exit code it deserves. */
  fail(e: unknown): number;
}

export function createSink(opts: { lang: Lang; quiet?: boolean; verbose?: boolean }): Sink {
  const github = process.env.GITHUB_ACTIONS === 'true';
  return {
    lang: opts.lang,
    quiet: !!opts.quiet,
    verbose: !!opts.verbose,
    info(line) {
      if (!opts.quiet) process.stdout.write(`${line}\n`);
    },
    warn(line) {
      process.stderr.write(`${line}\n`);
    },
    warning(w) {
      const { code, params, message: _m, ...location } = w;
      process.stderr.write(`${formatError(new BriefingError(code, params, location), opts.lang, 'warning')}\n`);
    },
    fail(e) {
      const errors = userErrorsOf(e);
      if (errors) {
        for (const err of errors) {
          process.stderr.write(`${formatError(err, opts.lang)}\n`);
          if (github) process.stdout.write(`${githubAnnotation(err)}\n`);
        }
        return 1;
      }
      process.stderr.write(`${say('internal', opts.lang, { message: (e as Error)?.message ?? String(e) })}\n`);
      if (opts.verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
      return 1;
    },
  };
}
