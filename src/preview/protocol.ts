/**
 * What the preview server and its page say to each other. The page (web/preview/*.js) type-checks
 * against these through JSDoc, so both sides change together.
 *
 *   GET  /api/session              → SessionInfo
 *   GET  /events?doc=ID            → server-sent events, each `event: state` with a DocumentState
 *   GET  /pdf/ID                   → the last good PDF of that document
 *   POST /api/source  SourceQuery  → SourceAnswer
 */
import type { Lang } from '../errors/catalogue.js';
import type { SourceClick, SourcePlace } from './source-lookup.js';

export interface DocumentEntry {
  id: string;
  /** The data file as the user would type it from the folder preview was started in. */
  label: string;
}

export interface SessionInfo {
  lang: Lang;
  version: string;
  documents: DocumentEntry[];
}

/** An error or warning as the CLI would print it, plus its parts for the page to lay out. */
export interface ProblemView {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  dataPath?: string;
  /** The CLI's own rendering (src/cli/report-error.ts), shown verbatim. */
  text: string;
}

export interface BuildView {
  /** Counts good builds of this document; the page reloads the PDF when it changes. */
  version: number;
  /** Where the page fetches the PDF (changes with the version, so no cache can serve an old one). */
  pdf: string;
  /** The PDF on disk, as the user would type it. */
  output: string;
  pages: number;
  ms: number;
  /** ISO time the build finished. */
  builtAt: string;
  /** Missing glyphs and other build warnings. */
  warnings: ProblemView[];
}

/** Everything the page needs to show one document; sent whole on every change. */
export interface DocumentState {
  doc: string;
  building: boolean;
  /** The last good build, kept while later builds fail. */
  build?: BuildView;
  /** Why the latest build failed; absent once a build succeeds again. */
  errors?: ProblemView[];
}

/** A click on the page: which document, and what was clicked (see SourceClick). */
export interface SourceQuery extends SourceClick {
  doc: string;
}

/** Where clicked text came from, its file shown as the user would type it from where preview runs. */
export type SourceView = SourcePlace;

export interface SourceAnswer {
  hit?: SourceView;
  /** Other places holding the same text (the title in `meta.title` and `title`, say). */
  others: SourceView[];
}
