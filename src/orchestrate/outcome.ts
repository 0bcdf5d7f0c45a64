import { BriefingError, userErrorsOf } from '../errors/briefing-error.js';
import type { ErrorCode } from '../errors/catalogue.js';
import type { BuildResult } from './build-briefing.js';

/** A build's result or its errors, in a form that crosses a worker boundary intact. */
export type Outcome =
  | { ok: true; result: BuildResult }
  | { ok: false; input: string; errors: SerializedError[]; bug?: string };

export interface SerializedError {
  code: ErrorCode;
  params: Record<string, string | number>;
  location: BriefingError['location'];
}

export function failure(input: string, e: unknown): Outcome {
  const errors = userErrorsOf(e);
  if (errors) return { ok: false, input, errors: errors.map((err) => ({ code: err.code, params: err.params, location: err.location })) };
  return { ok: false, input, errors: [], bug: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

export function revive(errors: SerializedError[]): BriefingError[] {
  return errors.map((e) => new BriefingError(e.code, e.params, e.location));
}
