import { BriefingError } from './briefing-error.js';

/** A usage error (exit code 2): what is wrong with the command line and what to write instead, in both languages. */
export function usageError(detail: string, detailZh: string, hint?: string, hintZh?: string): BriefingError {
  return new BriefingError('E_USAGE', { detail, detailZh, ...(hint ? { hint } : {}), ...(hintZh ? { hintZh } : {}) });
}
