import type { Content, Inline } from '../document/doc-definition.js';
import { BriefingError } from '../errors/briefing-error.js';
import type { Face, FontSet } from './font-set.js';

/** A character no font of the set can print. */
export interface MissingGlyph {
  char: string;
  codepoint: string;
  /** The text around it, so a reader can find it in the data. */
  context: string;
}

/**
 * Split every text run by glyph coverage, so each character is set in the first font of its
 * role's fallback chain that has it, and convert `leading` into pdfmake's lineHeight, which is
 * relative to each font's own ascent and descent. Returns the faces used and what no font had.
 */
export function applyFontFallback(content: unknown, fonts: FontSet): { used: Set<Face>; missing: MissingGlyph[] } {
  const used = new Set<Face>();
  const missing: MissingGlyph[] = [];
  const seen = new Set<string>();
  const faceOf = (role: string, bold: boolean): Face | undefined => {
    const faces = fonts.roles.get(role);
    return faces && (bold ? faces.bold ?? faces.normal : faces.normal);
  };

  const splitRun = (run: Inline): Inline[] => {
    if (!fonts.roles.has(run.font)) {
      throw new BriefingError('E_FONT_ROLE', { role: run.font, known: [...fonts.roles.keys()].join(', ') });
    }
    const chain = fonts.chain(run.font);
    const out: Inline[] = [];
    let current: { role: string; text: string } | undefined;
    for (const ch of run.text) {
      const cp = ch.codePointAt(0)!;
      let role = current?.role ?? run.font;
      // Spaces and line breaks never switch fonts; they stay with the run they sit in.
      if (!(cp <= 0x20 || cp === 0x3000)) {
        role = chain.find((r) => faceOf(r, !!run.bold)?.coverage().has(cp)) ?? run.font;
        if (role === run.font && !faceOf(run.font, !!run.bold)?.coverage().has(cp) && !seen.has(ch)) {
          seen.add(ch);
          missing.push({ char: ch, codepoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, context: run.text.slice(0, 40) });
        }
      }
      if (current && current.role === role) current.text += ch;
      else {
        if (current) out.push({ ...run, font: current.role, text: current.text });
        current = { role, text: ch };
      }
    }
    if (current) out.push({ ...run, font: current.role, text: current.text });
    for (const r of out) {
      const face = faceOf(r.font, !!r.bold)!;
      used.add(face);
      const m = face.metrics();
      // pdfmake's line height is lineHeight × (ascent − descent) × size; make it leading × size.
      r.lineHeight = (r.leading * m.unitsPerEm) / (m.ascent - m.descent);
    }
    return out;
  };

  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as Content;
    if (Array.isArray(n.text) && n.text.every(isInline)) n.text = (n.text as Inline[]).flatMap(splitRun);
    for (const key of ['stack', 'columns', 'table', 'body', 'ul', 'ol']) if (key in n) visit(n[key]);
  };
  visit(content);
  return { used, missing };
}

function isInline(x: unknown): x is Inline {
  return !!x && typeof x === 'object' && typeof (x as Inline).text === 'string' && typeof (x as Inline).font === 'string' && typeof (x as Inline).leading === 'number';
}
