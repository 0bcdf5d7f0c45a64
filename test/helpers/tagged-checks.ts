import { isStream, type PdfDictValue, type PdfStructure } from './pdf-structure.js';
import { allDicts, type Violation } from './pdfa-checks.js';

/** The standard structure types of ISO 32000-1 §14.8.4: a file using only these needs no RoleMap. */
const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** Operators that paint: text shown, paths filled or stroked, images and forms drawn, shadings. */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'Do', 'sh', 'BI']);

/**
 * What a structural reading can check of a tagged PDF, and of PDF/A-2 level a beyond level b
 * (ISO 19005-2 §6.8 and §6.2.11.7.2): the catalog says the file is marked and has a structure
 * tree and a language; the tree uses standard types; every font maps its codes to Unicode; and
 * every painting operator of every page is either structure content (marked with an MCID) or an
 * artifact, never both and never neither.
 */
export function taggedViolations(s: PdfStructure): Violation[] {
  const out: Violation[] = [];
  const bad = (clause: string, problem: string) => out.push({ clause, problem });
  const markInfo = s.resolve(s.catalog.MarkInfo) as PdfDictValue | undefined;
  if (markInfo?.Marked !== true) bad('6.8.2.2', 'catalog MarkInfo has no Marked true');
  const root = s.resolve(s.catalog.StructTreeRoot) as PdfDictValue | undefined;
  if (!root || root.Type !== '/StructTreeRoot') bad('6.8.2.2', 'catalog has no StructTreeRoot');
  else if (!root.ParentTree) bad('6.8.2.2', 'structure tree has no ParentTree');
  if (typeof s.catalog.Lang !== 'string' || !s.catalog.Lang) bad('6.8.4', 'catalog has no Lang');

  const roleMap = (root && (s.resolve(root.RoleMap) as PdfDictValue | undefined)) ?? {};
  for (const d of allDicts(s)) {
    if (d.Type !== '/StructElem' && !('S' in d && 'P' in d && ('K' in d || 'Pg' in d))) continue;
    const type = String(d.S).slice(1);
    if (!STANDARD_TYPES.has(type) && !(type in roleMap)) bad('6.8.3.3', `structure type ${type} is neither standard nor role-mapped`);
  }

  for (const d of allDicts(s)) {
    if (d.Type !== '/Font' || d.Subtype === '/CIDFontType2' || d.Subtype === '/CIDFontType0') continue;
    const map = s.resolve(d.ToUnicode);
    if (!isStream(map)) {
      bad('6.2.11.7.2', `font ${String(d.BaseFont)} has no ToUnicode CMap`);
      continue;
    }
    const cmap = map.bytes.toString('latin1');
    if (!/beginbf(char|range)/.test(cmap)) bad('6.2.11.7.2', `font ${String(d.BaseFont)}: ToUnicode maps nothing`);
    if (/<(0000|FEFF|FFFE)>\s*$/im.test(cmap) || /<[0-9A-F]+>\s+<(0000|FEFF|FFFE)>/i.test(cmap)) bad('6.2.11.7.2', `font ${String(d.BaseFont)}: a code maps to U+0000, U+FEFF or U+FFFE`);
  }

  s.pages.forEach((page, i) => {
    const contents = s.resolve(page.Contents);
    const parts = Array.isArray(contents) ? contents.map((c) => s.resolve(c)) : [contents];
    const text = parts.filter(isStream).map((p) => p.bytes.toString('latin1')).join('\n');
    for (const problem of unmarkedPainting(text)) bad('6.8.2.2', `page ${i + 1}: ${problem}`);
    if (/\/MCID\s+\d+/.test(text) && typeof page.StructParents !== 'number') bad('6.8.2.2', `page ${i + 1} has marked content but no StructParents`);
  });
  return out;
}

type Mark = 'artifact' | 'content' | 'other';

/** Painting outside marked content, or structure content inside an artifact, in one content stream. */
export function unmarkedPainting(stream: string): string[] {
  const problems = new Set<string>();
  const stack: Mark[] = [];
  const operands: string[] = [];
  for (const token of tokens(stream)) {
    if (token.kind === 'operand') {
      operands.push(token.text);
      continue;
    }
    const op = token.text;
    if (op === 'BDC' || op === 'BMC') {
      const tag = op === 'BDC' ? operands[operands.length - 2] : operands[operands.length - 1];
      const props = op === 'BDC' ? operands[operands.length - 1] ?? '' : '';
      const mark: Mark = tag === '/Artifact' ? 'artifact' : /\/MCID\s+\d+/.test(props) ? 'content' : 'other';
      if (mark === 'content' && stack.includes('artifact')) problems.add('structure content inside an artifact');
      if (mark === 'content' && stack.includes('content')) problems.add('structure content inside structure content');
      stack.push(mark);
    } else if (op === 'EMC') {
      if (!stack.pop()) problems.add('EMC without BDC');
    } else if (PAINTING.has(op) && !stack.some((m) => m !== 'other')) {
      problems.add(`${op} outside marked content`);
    }
    operands.length = 0;
  }
  if (stack.length) problems.add('marked content left open at the end of the page');
  return [...problems];
}

/** A content stream's operands (numbers, names, strings, arrays, dictionaries, each whole) and operators. */
function* tokens(s: string): Generator<{ kind: 'operand' | 'operator'; text: string }> {
  let i = 0;
  const n = s.length;
  const isWhite = (c: string) => /[\s\0]/.test(c);
  const isDelim = (c: string) => '()<>[]{}/%'.includes(c);
  const skipString = (start: number): number => {
    let depth = 0;
    for (let j = start; j < n; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
    }
    return n;
  };
  // An array or dictionary as one operand, with strings inside skipped whole.
  const skipCompound = (start: number, open: string, close: string): number => {
    let depth = 0;
    for (let j = start; j < n; j++) {
      if (s[j] === '(') {
        j = skipString(j) - 1;
        continue;
      }
      if (s.startsWith(open, j)) {
        depth++;
        j += open.length - 1;
      } else if (s.startsWith(close, j)) {
        depth--;
        j += close.length - 1;
        if (depth === 0) return j + 1;
      }
    }
    return n;
  };
  while (i < n) {
    const c = s[i]!;
    if (isWhite(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === '(') {
      const end = skipString(i);
      yield { kind: 'operand', text: s.slice(i, end) };
      i = end;
    } else if (s.startsWith('<<', i)) {
      const end = skipCompound(i, '<<', '>>');
      yield { kind: 'operand', text: s.slice(i, end) };
      i = end;
    } else if (c === '<') {
      const end = s.indexOf('>', i) + 1 || n;
      yield { kind: 'operand', text: s.slice(i, end) };
      i = end;
    } else if (c === '[') {
      const end = skipCompound(i, '[', ']');
      yield { kind: 'operand', text: s.slice(i, end) };
      i = end;
    } else if (c === '/') {
      let j = i + 1;
      while (j < n && !isWhite(s[j]!) && !isDelim(s[j]!)) j++;
      yield { kind: 'operand', text: s.slice(i, j) };
      i = j;
    } else {
      let j = i;
      while (j < n && !isWhite(s[j]!) && !isDelim(s[j]!)) j++;
      if (j === i) j++;
      const word = s.slice(i, j);
      if (word === 'BI') {
        // An inline image: its data runs to EI.
        const end = s.indexOf('EI', j);
        yield { kind: 'operator', text: 'BI' };
        i = end < 0 ? n : end + 2;
        continue;
      }
      yield { kind: /^[-+.\d]/.test(word) || word === 'true' || word === 'false' || word === 'null' ? 'operand' : 'operator', text: word };
      i = j;
    }
  }
}
