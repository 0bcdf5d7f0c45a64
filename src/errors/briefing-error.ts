import { formatHint, formatMessage, type ErrorCode, type Lang } from './catalogue.js';

/** Where in the user's files a problem sits. Line and column count from 1. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A data path such as `stats.figures[2].value`. */
  dataPath?: string;
}

/**
 * The one error type for mistakes a user can fix. Library code throws it; only the CLI prints it.
 * Anything else that escapes is a bug in briefing and is reported as such.
 */
export class BriefingError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  location: SourceLocation;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    location: SourceLocation = {},
    options?: { cause?: unknown },
  ) {
    super(formatMessage(code, params), options);
    this.name = 'BriefingError';
    this.code = code;
    this.params = params;
    this.location = location;
  }

  /** Fill in where the error happened when the thrower did not know (e.g. which partial). */
  at(location: SourceLocation): this {
    this.location = { ...location, ...stripUndefined(this.location) };
    return this;
  }

  messageIn(lang: Lang): string {
    return formatMessage(this.code, this.params, lang);
  }

  hintIn(lang: Lang): string | undefined {
    return formatHint(this.code, this.params, lang);
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...stripUndefined(this.location), hint: this.hintIn('en') };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `a.b[2].c` from `['a', 'b', 2, 'c']`. */
export function formatDataPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(root)';
}

/** Several independent problems found at once (all schema violations of a file). */
export class BriefingErrors extends Error {
  constructor(readonly errors: BriefingError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'BriefingErrors';
  }
}

/** The user-facing errors inside anything thrown, or none if it is a bug. */
export function userErrorsOf(e: unknown): BriefingError[] | undefined {
  if (e instanceof BriefingError) return [e];
  if (e instanceof BriefingErrors) return e.errors;
  return undefined;
}
