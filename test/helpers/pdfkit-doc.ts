import { createRequire } from 'node:module';
import type { PdfKitDocument } from '../../src/typeset/print/pdfkit-document.js';

type PdfKitConstructor = new (options?: Record<string, unknown>) => PdfKitDocument & {
  addPage(options?: Record<string, unknown>): PdfKitDocument;
  rect(x: number, y: number, w: number, h: number): PdfKitDocument;
  fill(color?: unknown): PdfKitDocument;
  end(): void;
  on(event: string, fn: (chunk: Buffer) => void): void;
};

/** A plain pdfkit document, as the page composer makes one, and its bytes once ended. */
export function pdfkitDocument(options: Record<string, unknown> = {}) {
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as PdfKitConstructor;
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0) }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return {
    doc,
    end: (): Promise<Buffer> => {
      doc.end();
      return done;
    },
  };
}
