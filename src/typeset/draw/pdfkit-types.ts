/** The part of pdfkit's PDFDocument briefing draws with (pdfkit ships no types). */
export interface PdfKitFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: Record<string, unknown>): [string[], unknown[]];
  layout(text: string, features?: Record<string, unknown>): { glyphs: { codePoints: number[] }[] };
}

export interface PdfKitImage {
  width: number;
  height: number;
}

export interface PdfKitOutline {
  addItem(title: string, options?: { expanded?: boolean; top?: number }): PdfKitOutline;
}

export interface PdfKit {
  page: { width: number; height: number; fonts: Record<string, unknown>; dictionary: unknown; ext_gstates: Record<string, unknown> };
  outline: PdfKitOutline;
  _font: PdfKitFont;
  addPage(options: { size: [number, number]; margins: { top: number; left: number; right: number; bottom: number } }): PdfKit;
  registerFont(name: string, src: Buffer | string, family?: string): PdfKit;
  font(name: string): PdfKit;
  openImage(src: Buffer | string): PdfKitImage;
  image(src: PdfKitImage, x: number, y: number, options: { width: number; height: number }): PdfKit;
  addNamedDestination(name: string, ...args: unknown[]): void;
  fillColor(color: unknown, opacity?: number): PdfKit;
  strokeColor(color: unknown, opacity?: number): PdfKit;
  fillOpacity(o: number): PdfKit;
  opacity(o: number): PdfKit;
  lineWidth(w: number): PdfKit;
  lineCap(c: string): PdfKit;
  lineJoin(c: string): PdfKit;
  dash(length: number, options?: { space?: number; phase?: number }): PdfKit;
  undash(): PdfKit;
  moveTo(x: number, y: number): PdfKit;
  lineTo(x: number, y: number): PdfKit;
  rect(x: number, y: number, w: number, h: number): PdfKit;
  fill(color?: unknown): PdfKit;
  stroke(color?: unknown): PdfKit;
  fillAndStroke(fill?: unknown, stroke?: unknown): PdfKit;
  save(): PdfKit;
  restore(): PdfKit;
  translate(x: number, y: number): PdfKit;
  rotate(angle: number, options?: { origin?: [number, number] }): PdfKit;
  addContent(data: string): PdfKit;
  ref(data: Record<string, unknown>): { end(): void };
  on(event: string, cb: (chunk?: Buffer) => void): void;
  end(): void;
}
