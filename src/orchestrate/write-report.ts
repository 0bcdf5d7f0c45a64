import { BriefingError } from '../errors/briefing-error.js';
import { errnoReason } from '../errors/errno.js';
import { briefingVersion } from '../host/package-files.js';
import { writeAtomic } from '../output/write-atomic.js';
import { revive, type Outcome } from './outcome.js';

/** What became of a document: built, skipped (inputs unchanged), failed, or never started. */
export type DocumentStatus = 'built' | 'skipped' | 'failed' | 'not-run';

/** The record CI archives: one entry per document, written even when builds fail. */
export interface Report {
  version: string;
  documents: {
    input: string;
    status: DocumentStatus;
    inputs: string[];
    output: string | null;
    template: string | null;
    pages: number;
    bytes: number;
    ms: number;
    skipped: boolean;
    warnings: { code: string; message: string; file?: string; line?: number; column?: number; dataPath?: string }[];
    errors: { code: string; message: string; file?: string; line?: number; column?: number; dataPath?: string }[];
  }[];
}

/**
 * One entry per document asked for, in order. A document a batch never started (--fail-fast, or
 * Ctrl+C) is listed as not run, with no errors of its own: it did not fail.
 */
export function buildReport(documents: { input: string; outcome?: Outcome }[]): Report {
  const version = briefingVersion();
  return {
    version,
    documents: documents.map(({ input, outcome: o }) => {
      if (!o) return { input, status: 'not-run', inputs: [], output: null, template: null, pages: 0, bytes: 0, ms: 0, skipped: false, warnings: [], errors: [] };
      if (o.ok) {
        const r = o.result;
        return {
          input: r.input, status: r.skipped ? 'skipped' : 'built', inputs: r.inputs, output: r.output, template: r.template, pages: r.pages, bytes: r.bytes, ms: r.ms, skipped: r.skipped,
          warnings: r.warnings.map(({ code, message, file, line, column, dataPath }) => ({ code, message, file, line, column, dataPath })),
          errors: [],
        };
      }
      const errors: Report['documents'][number]['errors'] = revive(o.errors).map((e) => ({ code: e.code, message: e.message, ...e.location }));
      if (o.bug) errors.push({ code: 'E_INTERNAL', message: o.bug.split('\n')[0]! });
      return { input: o.input, status: 'failed', inputs: [], output: null, template: null, pages: 0, bytes: 0, ms: 0, skipped: false, warnings: [], errors };
    }),
  };
}

/** A report that cannot be written is itself an error. */
export function writeReport(file: string, report: Report): void {
  try {
    writeAtomic(file, Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
  } catch (e) {
    if (e instanceof BriefingError) throw e;
    throw new BriefingError('E_WRITE', { path: file, ...errnoReason(e) }, { file });
  }
}
