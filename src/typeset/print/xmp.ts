import { createHash } from 'node:crypto';
import type { PdfKitDocument } from './pdfkit-document.js';

/**
 * What a PDF says about itself, written once into both the Info dictionary and the XMP packet so
 * the two agree, as PDF/A (ISO 19005-2 §6.6.3) and PDF/X-4 require.
 */
export interface DocumentMetadata {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  created: Date;
  /** Defaults to `created`: briefing writes a file once. */
  modified?: Date;
  /** PDF/A identification, e.g. { part: 2, conformance: 'B' }. */
  pdfa?: { part: number; conformance: string };
  /** PDF/X version, e.g. 'PDF/X-4'; also writes Trapped, DocumentID, VersionID, RenditionClass. */
  pdfx?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XMP dates in UTC, to the second, as pdfkit writes Info dates: the two then compare equal. */
const xmpDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * A stable document ID from what the document says about itself: the same inputs (and
 * SOURCE_DATE_EPOCH) give the same ID, so the file stays byte-identical across builds.
 */
function documentId(m: DocumentMetadata): string {
  const h = createHash('sha256').update(JSON.stringify({ ...m, created: m.created.getTime() })).digest('hex');
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The XMP packet, every value escaped. */
export function buildXmp(m: DocumentMetadata): string {
  const modified = m.modified ?? m.created;
  const lines: string[] = [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${xmpDate(m.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(m.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
  ];
  if (m.title !== undefined) lines.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(m.title)}</rdf:li></rdf:Alt></dc:title>`);
  if (m.author !== undefined) lines.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(m.author)}</rdf:li></rdf:Seq></dc:creator>`);
  if (m.subject !== undefined) lines.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(m.subject)}</rdf:li></rdf:Alt></dc:description>`);
  lines.push('</rdf:Description>');
  lines.push('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">');
  lines.push(`<pdf:Producer>${escapeXml(m.producer)}</pdf:Producer>`);
  if (m.keywords !== undefined) lines.push(`<pdf:Keywords>${escapeXml(m.keywords)}</pdf:Keywords>`);
  if (m.pdfx) lines.push('<pdf:Trapped>False</pdf:Trapped>');
  lines.push('</rdf:Description>');
  if (m.pdfa) {
    lines.push('<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">');
    lines.push(`<pdfaid:part>${m.pdfa.part}</pdfaid:part>`, `<pdfaid:conformance>${escapeXml(m.pdfa.conformance)}</pdfaid:conformance>`);
    lines.push('</rdf:Description>');
  }
  if (m.pdfx) {
    const id = documentId(m);
    lines.push('<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">');
    lines.push(`<xmpMM:DocumentID>${id}</xmpMM:DocumentID>`, `<xmpMM:InstanceID>${id}</xmpMM:InstanceID>`, '<xmpMM:VersionID>1</xmpMM:VersionID>', '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>');
    lines.push('</rdf:Description>');
    lines.push('<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">');
    lines.push(`<pdfxid:GTS_PDFXVersion>${escapeXml(m.pdfx)}</pdfxid:GTS_PDFXVersion>`);
    lines.push('</rdf:Description>');
  }
  lines.push('</rdf:RDF>', '</x:xmpmeta>', '<?xpacket end="w"?>');
  return lines.join('\n');
}

/** The Info dictionary that says the same as `buildXmp` (pdfkit's keys; it writes dates as D:…Z). */
function infoDictionary(m: DocumentMetadata): Record<string, string | Date> {
  const info: Record<string, string | Date> = { Creator: m.creator, Producer: m.producer, CreationDate: m.created, ModDate: m.modified ?? m.created };
  if (m.title !== undefined) info.Title = m.title;
  if (m.author !== undefined) info.Author = m.author;
  if (m.subject !== undefined) info.Subject = m.subject;
  if (m.keywords !== undefined) info.Keywords = m.keywords;
  if (m.pdfx) info.Trapped = 'False';
  return info;
}

/**
 * Give the document this metadata: the Info dictionary, and the XMP packet in place of the one
 * pdfkit would assemble (which neither escapes text nor writes ModifyDate, PDF/X's identification
 * or document IDs). Call once per document, before `doc.end()`; the document must be PDF 1.4 or
 * later (pdfkit writes no XMP into 1.3). With pdfkit's `subset: 'PDF/A-…'` its output intent
 * still comes from pdfkit; its pdfaid goes here, so give `pdfa`.
 */
export function useMetadata(doc: PdfKitDocument, m: DocumentMetadata): void {
  if (doc.version < 1.4) throw new Error('XMP metadata needs a PDF 1.4 or later document (pdfVersion option)');
  const info = infoDictionary(m);
  for (const key of Object.keys(doc.info)) delete doc.info[key];
  Object.assign(doc.info, info);
  // Trapped is a name (/False); pdfkit would write a plain string as a PDF string.
  if (info.Trapped) doc.info.Trapped = new PdfName(String(info.Trapped));
  // The file ID pdfkit derived in its constructor may hold its own clock; this one is the metadata's.
  doc._id = createHash('md5').update(JSON.stringify({ ...info, CreationDate: m.created.getTime() })).digest();
  const xmp = buildXmp(m);
  doc.metadata = {
    append() {},
    end() {},
    getXML: () => xmp,
    getLength: () => Buffer.byteLength(xmp),
  };
}

/**
 * A PDF name as a value pdfkit writes verbatim: its serializer turns strings into strings and
 * plain objects into dictionaries, and anything else into its `toString()`.
 */
class PdfName {
  constructor(private readonly name: string) {}
  get [Symbol.toStringTag]() {
    return 'PdfName';
  }
  toString(): string {
    return `/${this.name}`;
  }
}
