import type { SourceLocation } from '../errors/briefing-error.js';
import type { Host } from '../host/host.js';
import type { MarkupElement, MarkupNode } from '../markup/markup-tree.js';
import type { Content } from './doc-definition.js';
import type { StyleSheet } from './style.js';

/** What every block builder is handed: the style sheet, the width it may fill, and the shared registries. */
export interface BuildContext {
  sheet: StyleSheet;
  /** Width available to the block being built, in pt. */
  width: number;
  /** Folder that relative image paths start from (the data file's). */
  baseDir: string;
  projectRoot: string;
  /** How files (images) are read: through the gate, from the project or the data file's folder. */
  host: Host;
  /** The data file the document is made from; paths in it are relative to its folder. */
  dataFile: string;
  /** The rendered markup's origin, for error locations. */
  origin: string;
  outline: { lastByLevel: (string | undefined)[]; count: number; counters: number[] };
  copyNumberSlots: Content[];
  /** Headings and <toc> elements; the 目录 is filled once every heading is known. */
  toc: TocRegistry;
  /** Image key → the checked image as a data: URL (blocks/image.ts). */
  images: Record<string, string>;
  /** Image key → the file as written and where, for messages the typeset stage gives about it. */
  imageSources: Record<string, { path: string; where?: SourceLocation }>;
  /** Pictures given without alt text (tagged PDF warns of them). */
  imagesWithoutAlt: { path: string; where?: SourceLocation }[];
  /**
   * Headings for tagged PDF: `base` is 1 when the document has a <title> (then H1, and <h1> is H2),
   * `last` the level of the heading built last, so a box title goes one level under it.
   */
  headings: { base: number; last: number };
  /** Every file read while building (images), for incremental builds and watch. */
  files: string[];
  blocks(nodes: MarkupNode[], width?: number): Content[];
}

/** Headings and <toc> elements of a document: the 目录 is filled once every heading is known. */
export interface TocRegistry {
  headings: { level: number; label: string; text: string; node: Content; listed: boolean }[];
  tocs: { el: MarkupElement; node: Content }[];
}
