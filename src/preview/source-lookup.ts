/**
 * From a click on the printed page back to where its text was written. The preview server asks
 * this interface only, so the text match behind it (text-source-lookup.ts) can give way to an
 * exact source map from the typesetter — which text it placed where, from which data path —
 * without the server or the page changing.
 */
export interface SourcePlace {
  /** A value in the data file, a CSV cell, a Markdown paragraph, or text written in the template. */
  kind: 'data' | 'table' | 'markdown' | 'template';
  /** Absolute path of the file holding the text. */
  file: string;
  line?: number;
  column?: number;
  dataPath?: string;
  /** The source text, shortened for display. */
  excerpt: string;
}

export interface SourceClick {
  /** 1-based page number. */
  page: number;
  /** The text of the span clicked, as pdf.js reads it off the page. */
  text: string;
  /** The whole printed line around it. */
  line: string;
  /** Where the span starts in `line`, and which of its characters was clicked (UTF-16 indexes). */
  spanStart?: number;
  charIndex?: number;
  /** Where the click was, in PDF points from the page's top-left corner. */
  x?: number;
  y?: number;
}

export interface SourceLookup {
  /** The places the clicked text most likely came from, best first; empty when none is known. */
  find(click: SourceClick): SourcePlace[];
}
