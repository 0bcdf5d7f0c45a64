/**
 * The part of a pdfkit 0.19 PDFDocument the print modules use, written out because pdfkit ships no
 * types. Besides pdfkit's drawing API they touch four of its documented-by-source objects: the
 * current page's dictionary and resources, the catalog (`_root`), `ref()` for new objects, and the
 * XMP packet object (`metadata`) that `end()` writes.
 */
export interface PdfKitReference {
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
  compress?: boolean;
}

export interface PdfKitDocument {
  page: {
    dictionary: PdfKitReference;
    resources: PdfKitReference;
    width: number;
    height: number;
  };
  spotColors: Record<string, unknown>;
  addSpotColor(name: string, c: number, m: number, y: number, k: number): PdfKitDocument;
  ref: (data?: unknown) => PdfKitReference;
  _root: PdfKitReference;
  info: Record<string, unknown>;
  /** The file identifier written in the trailer (16 bytes). */
  _id: Buffer;
  version: number;
  metadata: { append(xml: string, newline?: boolean): void; end(): void; getXML(): string; getLength(): number };
  save(): PdfKitDocument;
  restore(): PdfKitDocument;
  lineWidth(w: number): PdfKitDocument;
  strokeColor(c: unknown): PdfKitDocument;
  fillColor(c: unknown): PdfKitDocument;
  moveTo(x: number, y: number): PdfKitDocument;
  lineTo(x: number, y: number): PdfKitDocument;
  circle(x: number, y: number, r: number): PdfKitDocument;
  stroke(): PdfKitDocument;
  addContent(data: string): PdfKitDocument;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): PdfKitDocument;
  image(src: Buffer, x: number, y: number, options?: Record<string, unknown>): PdfKitDocument;
}
