import { isStream, type PdfDictValue, type PdfStructure, type PdfValue } from './pdf-structure.js';
import { allDicts, deviceColourSpaces, fontViolations, infoXmpMismatches, xmpValue, type Violation } from './pdfa-checks.js';

type Box = [number, number, number, number];
const within = (inner: Box, outer: Box) => inner[0] >= outer[0] - 1e-3 && inner[1] >= outer[1] - 1e-3 && inner[2] <= outer[2] + 1e-3 && inner[3] <= outer[3] + 1e-3;
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * What a structural reading can check of PDF/X-4 (ISO 15930-7:2010); docs/print.md lists what it
 * cannot. Clause names are the standard's topics rather than numbers, which this project cannot
 * quote from the text.
 */
export function pdfxViolations(s: PdfStructure, bytes: Buffer): Violation[] {
  const out: Violation[] = [];
  const bad = (clause: string, problem: string) => out.push({ clause, problem });
  const version = /^%PDF-1\.(\d)/.exec(bytes.subarray(0, 8).toString('latin1'));
  if (!version || Number(version[1]) > 6) bad('file header', 'PDF/X-4 files are PDF 1.6 or earlier');
  if (s.trailer.Encrypt) bad('encryption', 'file is encrypted');
  if (!Array.isArray(s.trailer.ID)) bad('file identifier', 'trailer has no ID');

  const intents = ((s.resolve(s.catalog.OutputIntents) ?? []) as PdfValue[]).map((i) => s.resolve(i) as PdfDictValue);
  const pdfx = intents.filter((i) => i?.S === '/GTS_PDFX');
  if (pdfx.length !== 1) bad('output intent', `${pdfx.length} GTS_PDFX output intents, not one`);
  const profile = pdfx[0] && s.resolve(pdfx[0].DestOutputProfile);
  if (!isStream(profile)) bad('output intent', 'no embedded DestOutputProfile');
  else {
    if (profile.dict.N !== 4 || profile.bytes.toString('latin1', 16, 20) !== 'CMYK') bad('output intent', 'destination profile is not CMYK');
    if (profile.bytes.toString('latin1', 12, 16) !== 'prtr') bad('output intent', 'destination profile is not an output (prtr) profile');
  }
  if (pdfx[0] && typeof pdfx[0].OutputConditionIdentifier !== 'string') bad('output intent', 'no OutputConditionIdentifier');

  if (s.info.Trapped !== '/True' && s.info.Trapped !== '/False') bad('trapping', `Info Trapped is ${String(s.info.Trapped)}, not /True or /False`);
  const metadata = s.resolve(s.catalog.Metadata);
  if (!isStream(metadata)) bad('metadata', 'no XMP metadata');
  else {
    const xmp = metadata.bytes.toString('utf8');
    if (xmpValue(xmp, 'pdfxid:GTS_PDFXVersion') !== 'PDF/X-4') bad('metadata', 'pdfxid:GTS_PDFXVersion is not PDF/X-4');
    for (const p of ['xmpMM:DocumentID', 'xmpMM:VersionID', 'xmpMM:RenditionClass', 'xmp:CreateDate', 'xmp:ModifyDate']) if (!xmpValue(xmp, p)) bad('metadata', `no ${p}`);
    if (xmpValue(xmp, 'pdf:Trapped') !== String(s.info.Trapped).slice(1)) bad('metadata', 'pdf:Trapped differs from Info Trapped');
    out.push(...infoXmpMismatches(s, xmp).map((v) => ({ ...v, clause: 'metadata' })));
  }

  s.pages.forEach((page, i) => {
    const media = page.MediaBox as Box;
    const trim = (page.TrimBox ?? page.ArtBox) as Box | undefined;
    const bleed = (page.BleedBox ?? page.CropBox ?? media) as Box;
    if (!trim) return bad('page boxes', `page ${i + 1} has neither TrimBox nor ArtBox`);
    if (!within(bleed, media)) bad('page boxes', `page ${i + 1}: BleedBox outside MediaBox`);
    if (!within(trim, bleed)) bad('page boxes', `page ${i + 1}: TrimBox outside BleedBox`);
    for (const a of ((s.resolve(page.Annots) ?? []) as PdfValue[]).map((r) => s.resolve(r) as PdfDictValue)) {
      if (a.Subtype === '/PrinterMark' || a.Subtype === '/TrapNet') continue;
      if (overlaps(a.Rect as Box, bleed)) bad('annotations', `page ${i + 1}: ${String(a.Subtype)} annotation inside the BleedBox`);
    }
  });

  if (deviceColourSpaces(s).has('rgb')) bad('colour', 'DeviceRGB used in a CMYK print file');
  for (const d of allDicts(s)) {
    if (d.S === '/JavaScript' || 'JS' in d) bad('actions', 'JavaScript');
    if (d.S === '/Transparency' && d.CS === '/DeviceRGB') bad('transparency', 'a transparency group blends in DeviceRGB');
  }
  out.push(...fontViolations(s).map((v) => ({ ...v, clause: 'fonts' })));
  return out;
}
