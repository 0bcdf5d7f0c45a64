import { BriefingError } from '../errors/briefing-error.js';
import { briefingVersion } from '../host/package-files.js';
import { writeAtomic } from '../output/write-atomic.js';
import { revive, type Outcome } from './outcome.js';

/** The record CI archives: one entry per document, written even when builds fail. */
export interface Report {
  version: string;
  documents: {
    input: string;
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

export function buildReport(outcomes: Outcome[]): Report {
  const version = briefingVersion();
  return {
    version,
    documents: outcomes.map((o) => {
      if (o.ok) {
        const r = o.result;
        return {
          input: r.input, inputs: r.inputs, output: r.output, template: r.template, pages: r.pages, bytes: r.bytes, ms: r.ms, skipped: r.skipped,
          warnings: r.warnings.map(({ code, message, file, line, column, dataPath }) => ({ code, message, file, line, column, dataPath })),
          errors: [],
        };
      }
      const errors: Report['documents'][number]['errors'] = revive(o.errors).map((e) => ({ code: e.code, message: e.message, ...e.location }));
      if (o.bug) errors.push({ code: 'E_INTERNAL', message: o.bug.split('\n')[0]! });
      return { input: o.input, inputs: [], output: null, template: null, pages: 0, bytes: 0, ms: 0, skipped: false, warnings: [], errors };
    }),
  };
}

/** A report that cannot be written is itself an error. */
export function writeReport(file: string, report: Report): void {
  try {
    writeAtomic(file, Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
  } catch (e) {
    if (e instanceof BriefingError) throw e;
    throw new BriefingError('E_WRITE', { path: file, reason: (e as Error).message }, { file });
  }
}
