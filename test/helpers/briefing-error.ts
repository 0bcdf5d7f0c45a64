import { BriefingError } from '../../src/errors/briefing-error.js';

/** Run `fn` and return the BriefingError it throws; anything else (or nothing) fails the test. */
export function thrownBriefingError(fn: () => unknown): BriefingError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BriefingError) return e;
    throw e;
  }
  throw new Error('expected a BriefingError');
}
