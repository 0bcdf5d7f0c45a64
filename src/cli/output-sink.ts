import { BriefingError, userErrorsOf } from '../errors/briefing-error.js';
import type { Lang } from '../errors/catalogue.js';
import type { Warning } from '../orchestrate/build-briefing.js';
import { formatError, githubAnnotation } from './report-error.js';
import { say } from './messages.js';

/** Where text goes: process.stdout/stderr when run as a program, buffers when run in-process. */
export interface TextStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** Where a command's words go: one object so every command prints errors the same way. */
export interface Sink {
  lang: Lang;
  quiet: boolean;
  verbose: boolean;
  /** Standard output: the PDF (`-o -`) or a JSON document (`--json`) when one is asked for. */
  out: TextStream;
  /** Standard error: progress bars and the like. */
  err: TextStream;
  info(line: string): void;
  warn(line: string): void;
  /** A warning from a build, printed like an error but labelled as a warning. */
  warning(w: Warning): void;
  /** Print any thrown value: user errors nicely, bugs as bugs. Returns the exit code it deserves. */
  fail(e: unknown): number;
}

export interface SinkOptions {
  lang: Lang;
  quiet?: boolean;
  verbose?: boolean;
  out?: TextStream;
  err?: TextStream;
  /** Standard output carries data (a PDF, a JSON document): informational lines go to stderr. */
  stdoutIsData?: boolean;
}

export function createSink(opts: SinkOptions): Sink {
  const github = process.env.GITHUB_ACTIONS === 'true';
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const infoStream = opts.stdoutIsData ? err : out;
  return {
    lang: opts.lang,
    quiet: !!opts.quiet,
    verbose: !!opts.verbose,
    out,
    err,
    info(line) {
      if (!opts.quiet) infoStream.write(`${line}\n`);
    },
    warn(line) {
      err.write(`${line}\n`);
    },
    warning(w) {
      const { code, params, message: _m, ...location } = w;
      err.write(`${formatError(new BriefingError(code, params, location), opts.lang, 'warning')}\n`);
    },
    fail(e) {
      const errors = userErrorsOf(e);
      if (errors) {
        for (const error of errors) {
          err.write(`${formatError(error, opts.lang)}\n`);
          if (github) infoStream.write(`${githubAnnotation(error)}\n`);
        }
        return 1;
      }
      err.write(`${say('internal', opts.lang, { message: (e as Error)?.message ?? String(e) })}\n`);
      if (opts.verbose && e instanceof Error && e.stack) err.write(`${e.stack}\n`);
      return 1;
    },
  };
}
