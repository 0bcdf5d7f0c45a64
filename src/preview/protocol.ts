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

/** A click on the page: the text under the pointer and the printed line around it. */
export interface SourceQuery {
  doc: string;
  /** 1-based page number. */
  page: number;
  /** The text-layer span clicked. */
  text: string;
  /** The whole printed line the span sits on (spans at the same height, left to right). */
  line: string;
  /** Where the span starts in `line`, and which of its characters was clicked (UTF-16 indexes). */
  spanStart?: number;
  charIndex?: number;
  /** The point clicked, in PDF points from the page's top-left: for an exact source map later. */
  x?: number;
  y?: number;
}

export interface SourceView {
  kind: 'data' | 'table' | 'markdown' | 'template';
  file: string;
  line?: number;
  column?: number;
  dataPath?: string;
  /** The source text the click matched, shortened. */
  excerpt: string;
}

export interface SourceAnswer {
  hit?: SourceView;
  /** Other places holding the same text (the title in `meta.title` and `title`, say). */
  others: SourceView[];
}
