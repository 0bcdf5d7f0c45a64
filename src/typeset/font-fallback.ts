import type { Inline } from '../document/doc-definition.js';
import { BriefingError } from '../errors/briefing-error.js';
import { SYNTHETIC_BOLD_KEY } from './synthetic-bold.js';
import { advanceOf } from './glyph-metrics.js';
import { eachTextNode } from './text-nodes.js';

const CJK_QUOTES: ReadonlySet<string> = new Set('“”‘’');

function isFullWidth(face: Face, cp: number): boolean {
  return advanceOf(face, cp) >= face.metrics().unitsPerEm * 0.9;
}

/** Outline stroke for synthetic bold, in em: about the weight difference of Noto Regular and Bold. */
const SYNTHETIC_BOLD_STROKE = 0.035;
import type { Face, FontSet } from './font-set.js';

/** A character no font of the set can print. */
export interface MissingGlyph {
  char: string;
  codepoint: string;
  /** The text around it, so a reader can find it in the data. */
  context: string;
}

/** The faces a run's characters may come from, in order, and which one each character found. */
interface Candidates {
  faces: Face[];
  byCodePoint: Map<number, Face | undefined>;
}

/**
 * Split every text run by glyph coverage, so each character is set in the first font of its
 * role's fallback chain that has it; every piece keeps the run's `leading`, so the line pitch
 * does not change with the font. Returns the faces used and what no font had.
 */
export function applyFontFallback(content: unknown, fonts: FontSet): { used: Set<Face>; missing: MissingGlyph[] } {
  const used = new Set<Face>();
  const missing: MissingGlyph[] = [];
  const seen = new Set<string>();
  const noteMissing = (ch: string, cp: number, text: string) => {
    if (seen.has(ch)) return;
    seen.add(ch);
    missing.push({ char: ch, codepoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, context: text.slice(0, 40) });
  };
  /** Faces to try for a run's characters, in order; one list per role and weight. */
  const candidateLists = new Map<string, Candidates>();
  const candidatesFor = (run: Inline): Candidates => {
    const key = `${run.bold ? 'bold' : 'normal'}:${run.font}`;
    let list = candidateLists.get(key);
    if (!list) {
      // Bold text tries each role's bold face, then its regular face, before moving down the chain.
      const faces = fonts.chain(run.font).flatMap((role) => {
        const faces = fonts.roles.get(role)!;
        return run.bold && faces.bold ? [faces.bold, faces.normal] : [faces.normal];
      });
      candidateLists.set(key, (list = { faces, byCodePoint: new Map() }));
    }
    return list;
  };
  /** The first face that has the character; a document repeats its characters, so each is looked up once. */
  const faceFor = (list: Candidates, cp: number): Face | undefined => {
    if (list.byCodePoint.has(cp)) return list.byCodePoint.get(cp);
    // Chinese text sets “ ” ‘ ’ on a full em; a face that draws them narrow (楷 from WenKai)
    // lends them to the nearest role that draws them wide.
    const found = (CJK_QUOTES.has(String.fromCodePoint(cp)) ? list.faces.find((f) => f.coverage().has(cp) && isFullWidth(f, cp)) : undefined)
      ?? list.faces.find((f) => f.coverage().has(cp));
    list.byCodePoint.set(cp, found);
    return found;
  };
  const splitRun = (run: Inline): Inline[] => {
    if (!fonts.roles.has(run.font)) {
      throw new BriefingError('E_FONT_ROLE', { role: run.font, known: [...fonts.roles.keys()].join(', ') });
    }
    const candidates = candidatesFor(run);
    const own = candidates.faces[0]!;
    const out: Inline[] = [];
    const text = run.text;
    // The run is cut where the face changes: [start, i) is set in `face`.
    let face: Face | undefined;
    let start = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const length = cp > 0xffff ? 2 : 1;
      let next = face ?? own;
      // Spaces and line breaks never switch fonts; they stay with the run they sit in.
      if (!(cp <= 0x20 || cp === 0x3000)) {
        const found = faceFor(candidates, cp);
        if (!found) noteMissing(text.slice(i, i + length), cp, text);
        next = found ?? own;
      }
      if (next !== face) {
        if (face) out.push(toRun(run, face, text.slice(start, i)));
        face = next;
        start = i;
      }
      i += length;
    }
    if (face) out.push(toRun(run, face, text.slice(start)));
    return out;
  };

  const toRun = (run: Inline, face: Face, text: string): Inline => {
    used.add(face);
    const out: Inline = { ...run, text, font: face.role, bold: face.weight === 'bold' };
    // Bold asked for, but the face set is regular: fill and stroke the outline instead.
    if (run.bold && face.weight !== 'bold') out.fontFeatures = { ...run.fontFeatures, [SYNTHETIC_BOLD_KEY]: run.fontSize * SYNTHETIC_BOLD_STROKE };
    return out;
  };

  eachTextNode(content, TEXT_HOLDERS, (n) => {
    if ((n.text as unknown[]).every(isInline)) n.text = (n.text as Inline[]).flatMap(splitRun);
  });
  return { used, missing };
}

/** Keys under which a document node holds text: its children, table cells, captions, a box's titles, a leader. */
const TEXT_HOLDERS = ['stack', 'columns', 'table', 'body', 'ul', 'ol', 'caption', 'captionContinued', 'continuedLabel', 'box', 'title', 'titleContinued', 'leader'];

function isInline(x: unknown): x is Inline {
  return !!x && typeof x === 'object' && typeof (x as Inline).text === 'string' && typeof (x as Inline).font === 'string' && typeof (x as Inline).leading === 'number';
}
