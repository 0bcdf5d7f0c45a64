import { isDict, isStream, resolveDeep, type PdfDictValue, type PdfStructure, type PdfValue } from './pdf-structure.js';

/**
 * The clauses of ISO 19005-2 (PDF/A-2b) a structural reading can check, each returning the
 * problems it found. docs/print.md lists these and the clauses nobody checks here (no veraPDF).
 */
export interface Violation {
  clause: string;
  problem: string;
}

const STANDARD_BLEND_MODES = new Set(['/Normal', '/Compatible', '/Multiply', '/Screen', '/Overlay', '/Darken', '/Lighten', '/ColorDodge', '/ColorBurn', '/HardLight', '/SoftLight', '/Difference', '/Exclusion', '/Hue', '/Saturation', '/Color', '/Luminosity']);

/** `conformance`: the level the file claims, B (the look preserved) or A (tagged as well; add taggedViolations). */
export function pdfaViolations(s: PdfStructure, bytes: Buffer, conformance: 'A' | 'B' = 'B'): Violation[] {
  const out: Violation[] = [];
  const bad = (clause: string, problem: string) => out.push({ clause, problem });
  const all = [...s.objects.values()];
  const dicts = allDicts(s);

  // 6.1.2 File header: %PDF-1.n, then a comment of at least four bytes above 127.
  if (!/^%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}/.test(bytes.subarray(0, 20).toString('latin1'))) bad('6.1.2', 'header is not %PDF-1.n followed by a binary comment');
  // 6.1.3 File trailer: an ID, no encryption.
  if (!Array.isArray(s.trailer.ID)) bad('6.1.3', 'trailer has no ID');
  if (s.trailer.Encrypt) bad('6.1.3', 'file is encrypted');
  // 6.1.7 Streams: no external file references; 6.1.7.2 no LZW.
  for (const v of all) if (isStream(v) && ('F' in v.dict || 'FFilter' in v.dict || 'FDecodeParms' in v.dict)) bad('6.1.7', 'stream refers to an external file');
  for (const d of dicts) if (d.Filter === '/LZWDecode' || (Array.isArray(d.Filter) && d.Filter.includes('/LZWDecode'))) bad('6.1.7.2', 'LZWDecode filter');

  // 6.2.3 / 6.2.4.3 Output intent and device colour spaces.
  const intents = ((s.resolve(s.catalog.OutputIntents) ?? []) as PdfValue[]).map((i) => s.resolve(i) as PdfDictValue);
  const pdfaIntent = intents.find((i) => i?.S === '/GTS_PDFA1');
  const profile = pdfaIntent && s.resolve(pdfaIntent.DestOutputProfile);
  const components = isStream(profile) ? profile.dict.N : undefined;
  if (!pdfaIntent) bad('6.2.3', 'no output intent with S /GTS_PDFA1');
  else if (!isStream(profile)) bad('6.2.3', 'PDF/A output intent has no embedded DestOutputProfile');
  const profiles = new Set(intents.map((i) => i?.DestOutputProfile && JSON.stringify(i.DestOutputProfile)).filter(Boolean));
  if (profiles.size > 1) bad('6.2.3', 'output intents name different destination profiles');
  const used = deviceColourSpaces(s, dicts);
  if (used.has('rgb') && components !== 3) bad('6.2.4.3', 'DeviceRGB used without an RGB output intent');
  if (used.has('cmyk') && components !== 4) bad('6.2.4.3', 'DeviceCMYK used without a CMYK output intent');

  // 6.2.8 Images: no Alternates, no OPI, Interpolate false.
  for (const d of dicts) {
    if (d.Subtype !== '/Image') continue;
    if (d.Interpolate === true) bad('6.2.8', 'image with Interpolate true');
    if ('Alternates' in d || 'OPI' in d) bad('6.2.8', 'image with Alternates or OPI');
  }

  // 6.2.10 Transparency: a transparency group names its blending colour space (briefing's rule,
  // stricter than the clause, which needs one only without an output intent); standard blend modes.
  for (const d of dicts) {
    if (d.S === '/Transparency' && !('CS' in d)) bad('6.2.10', 'transparency group without a blending colour space (CS)');
    const bm = d.BM;
    for (const mode of Array.isArray(bm) ? bm : bm === undefined ? [] : [bm]) if (!STANDARD_BLEND_MODES.has(String(mode))) bad('6.2.10', `blend mode ${String(mode)}`);
  }

  out.push(...fontViolations(s, dicts));

  // 6.3.2 Annotations: F with Print set and Hidden, Invisible, NoView, ToggleNoView clear.
  for (const d of dicts) {
    if (d.Type !== '/Annot' && !(typeof d.Subtype === 'string' && 'Rect' in d)) continue;
    if (d.Subtype === '/Popup') continue;
    const f = typeof d.F === 'number' ? d.F : 0;
    if (!(f & 4) || f & (1 | 2 | 32 | 256)) bad('6.3.2', `${String(d.Subtype)} annotation with flags ${f}`);
  }

  // 6.6.1 / 6.1.x No JavaScript and no additional actions; 6.8 no embedded files.
  for (const d of dicts) {
    if (d.S === '/JavaScript' || 'JS' in d) bad('6.5.1', 'JavaScript action');
    if ('AA' in d) bad('6.5.2', 'additional-actions (AA) entry');
  }
  const names = s.resolve(s.catalog.Names) as PdfDictValue | undefined;
  if (names && 'JavaScript' in names) bad('6.5.1', 'document-level JavaScript');
  if (names && 'EmbeddedFiles' in names) bad('6.8', 'embedded files');

  // 6.6.2 XMP metadata in the catalog, with pdfaid; 6.6.3 Info entries mirrored in it.
  out.push(...metadataViolations(s, conformance));
  return out;
}

/** 6.2.11.4.1 Every font embedded; TrueType programs state /Length1; 6.2.11.3.2 CIDToGIDMap. */
export function fontViolations(s: PdfStructure, dicts = allDicts(s)): Violation[] {
  const out: Violation[] = [];
  for (const d of dicts) {
    if (d.Type !== '/Font') continue;
    if (d.Subtype === '/Type0') continue; // checked through its descendant
    if (d.Subtype === '/Type3') continue; // glyphs are content streams
    const descriptor = s.resolve(d.FontDescriptor) as PdfDictValue | undefined;
    const program = descriptor && (descriptor.FontFile ?? descriptor.FontFile2 ?? descriptor.FontFile3);
    if (!program) out.push({ clause: '6.2.11.4.1', problem: `font ${String(d.BaseFont)} is not embedded` });
    const file2 = descriptor && s.resolve(descriptor.FontFile2);
    if (isStream(file2) && file2.dict.Length1 !== file2.bytes.length) out.push({ clause: '6.2.11.4.1', problem: `font ${String(d.BaseFont)}: FontFile2 /Length1 is ${String(file2.dict.Length1)}, its program ${file2.bytes.length} bytes` });
    if (d.Subtype === '/CIDFontType2' && !('CIDToGIDMap' in d)) out.push({ clause: '6.2.11.3.2', problem: `CIDFontType2 ${String(d.BaseFont)} has no CIDToGIDMap` });
  }
  return out;
}

/** Every dictionary of the file: indirect ones, stream dictionaries, and those written inside them. */
export function allDicts(s: PdfStructure): PdfDictValue[] {
  return [...s.objects.values()].flatMap((v) => (isStream(v) ? [v.dict] : isDict(v) ? [v] : [])).flatMap(nestedDicts);
}

/** Info entry → the XMP property that must carry the same value (ISO 19005-2 §6.6.3, Table 3). */
const INFO_TO_XMP: Record<string, string> = {
  Title: 'dc:title', Author: 'dc:creator', Subject: 'dc:description', Keywords: 'pdf:Keywords',
  Creator: 'xmp:CreatorTool', Producer: 'pdf:Producer', CreationDate: 'xmp:CreateDate', ModDate: 'xmp:ModifyDate',
};

function metadataViolations(s: PdfStructure, level: 'A' | 'B'): Violation[] {
  const out: Violation[] = [];
  const metadata = s.resolve(s.catalog.Metadata);
  if (!isStream(metadata) || metadata.dict.Type !== '/Metadata' || metadata.dict.Subtype !== '/XML') return [{ clause: '6.6.2.1', problem: 'catalog has no XMP metadata stream' }];
  const xmp = metadata.bytes.toString('utf8');
  if (!/^<\?xpacket begin="\ufeff"/.test(xmp) || !/<\?xpacket end="[rw]"\?>\s*$/.test(xmp)) out.push({ clause: '6.6.2.1', problem: 'XMP is not a complete packet' });
  const strayAmp = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(xmp);
  if (strayAmp) out.push({ clause: '6.6.2.1', problem: `XMP is not well-formed XML: bare & at ${strayAmp.index}` });
  const part = xmpValue(xmp, 'pdfaid:part');
  const conformance = xmpValue(xmp, 'pdfaid:conformance');
  if (part !== '2' || conformance !== level) out.push({ clause: '6.6.4', problem: `pdfaid is part ${part} conformance ${conformance}, not 2 ${level}` });
  out.push(...infoXmpMismatches(s, xmp));
  return out;
}

/** 6.6.3 (and PDF/X-4's same rule): every Info entry with an XMP analogue has the same value there. */
export function infoXmpMismatches(s: PdfStructure, xmp: string): Violation[] {
  const out: Violation[] = [];
  for (const [key, property] of Object.entries(INFO_TO_XMP)) {
    const value = s.info[key];
    if (value === undefined) continue;
    const inXmp = xmpValue(xmp, property);
    const expected = key.endsWith('Date') ? pdfDateToIso(String(value)) : String(value);
    const actual = key.endsWith('Date') && inXmp ? new Date(inXmp).toISOString() : inXmp;
    if (actual !== expected) out.push({ clause: '6.6.3', problem: `Info ${key} "${String(value)}" is "${inXmp ?? '(absent)'}" in XMP ${property}` });
  }
  return out;
}

/** The text of a simple XMP property, or of the first rdf:li of an Alt, Seq or Bag, XML entities undone. */
export function xmpValue(xmp: string, property: string): string | undefined {
  const m = new RegExp(`<${property}>\\s*(?:<rdf:(?:Alt|Seq|Bag)>\\s*<rdf:li[^>]*>([\\s\\S]*?)</rdf:li>|([^<]*)</${property}>)`).exec(xmp);
  const raw = m ? (m[1] ?? m[2]) : undefined;
  return raw?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** D:YYYYMMDDHHmmSS with Z or an offset → ISO 8601 in UTC. */
function pdfDateToIso(date: string): string {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(date);
  if (!m) return date;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return new Date(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`).toISOString();
}

/** A dictionary and every dictionary written inside it (not behind references). */
function nestedDicts(d: PdfDictValue): PdfDictValue[] {
  const found: PdfDictValue[] = [d];
  const visit = (v: PdfValue) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isDict(v)) found.push(...nestedDicts(v));
  };
  Object.values(d).forEach(visit);
  return found;
}

/** Device colour spaces used by images, colour-space entries and the content streams' operators. */
export function deviceColourSpaces(s: PdfStructure, dicts = allDicts(s)): Set<'rgb' | 'cmyk' | 'gray'> {
  const used = new Set<'rgb' | 'cmyk' | 'gray'>();
  const note = (name: unknown) => {
    if (name === '/DeviceRGB') used.add('rgb');
    if (name === '/DeviceCMYK') used.add('cmyk');
    if (name === '/DeviceGray') used.add('gray');
  };
  for (const d of dicts) {
    note(d.ColorSpace);
    if (Array.isArray(d.ColorSpace)) d.ColorSpace.forEach(note);
    if ('CS' in d) note(d.CS);
  }
  for (const text of contentStreams(s)) {
    for (const m of text.matchAll(/\/(DeviceRGB|DeviceCMYK|DeviceGray)\b/g)) note(`/${m[1]}`);
    if (/(?:^|\s)(?:[-\d.]+\s+){3}(?:rg|RG)(?=\s|$)/.test(text)) used.add('rgb');
    if (/(?:^|\s)(?:[-\d.]+\s+){4}(?:k|K)(?=\s|$)/.test(text)) used.add('cmyk');
    if (/(?:^|\s)[-\d.]+\s+(?:g|G)(?=\s|$)/.test(text)) used.add('gray');
  }
  return used;
}

/** Every page's and form XObject's content, decoded. */
export function contentStreams(s: PdfStructure): string[] {
  const texts: string[] = [];
  for (const page of s.pages) {
    const contents = s.resolve(page.Contents);
    const parts = Array.isArray(contents) ? contents.map((c) => s.resolve(c)) : [contents];
    for (const part of parts) if (isStream(part)) texts.push(part.bytes.toString('latin1'));
  }
  for (const v of s.objects.values()) if (isStream(v) && v.dict.Subtype === '/Form') texts.push(v.bytes.toString('latin1'));
  return texts;
}

export { resolveDeep };
