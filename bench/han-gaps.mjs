// Measures justification quality in a PDF, as issue 3 defines it: for body lines of 8+ characters,
// the gap between neighbouring Han characters (left edge of a glyph minus the end of the previous
// glyph's advance), in em of the glyph size; and the line-breaking rules (禁则, clreq): lines that
// start with a closing mark or end with an opening one, in text of every size. Needs mutool (Debian:
// mupdf-tools); a development check, not part of the build.
//   Usage: node bench/han-gaps.mjs file.pdf [bodySizePt]   (body size: the most common size if not given)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const han = /[\u3400-\u9fff]/;
// clreq's 行首禁则 and 行尾禁则 for Simplified Chinese.
const noStart = new Set('，。、；：？！）》」』】〕〉”’…％·');
const noEnd = new Set('（《「『【〔〈“‘');
const decode = (s) => s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

/** The lines of a PDF as mutool reads them: characters with their quads and font size. */
function readLines(file) {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  return xml.split('<line ').slice(1).map((lineXml) => ({
    size: Number(/<font [^>]*size="([\d.]+)"/.exec(lineXml)?.[1] ?? 0),
    chars: [...lineXml.matchAll(/<char quad="([\d.\- ]+)" x="([\d.]+)" y="[\d.]+"[^>]*c="([^"]*)"/g)].map((m) => {
      const q = m[1].split(' ').map(Number);
      return { x0: q[0], x1: q[2], c: decode(m[3]) };
    }),
  }));
}

export function measurePdf(file, bodySize) {
  const lines = readLines(file);
  if (bodySize === undefined) {
    const count = new Map();
    for (const l of lines) count.set(l.size, (count.get(l.size) ?? 0) + l.chars.length);
    bodySize = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 14;
  }
  let worst = { gap: 0, line: '' };
  let bodyLines = 0;
  const gaps = [];
  const kinsoku = [];
  for (const { size, chars } of lines) {
    const text = chars.map((c) => c.c).join('').trim();
    if (text.length > 1 && (noStart.has(text[0]) || noEnd.has(text[text.length - 1]))) kinsoku.push(text);
    if (Math.abs(size - bodySize) > 0.01 || chars.length < 8) continue;
    bodyLines++;
    for (let i = 1; i < chars.length; i++) {
      const a = chars[i - 1];
      const b = chars[i];
      if (!han.test(a.c) || !han.test(b.c)) continue;
      const gap = (b.x0 - a.x1) / size;
      gaps.push(gap);
      if (gap > worst.gap) worst = { gap, line: text };
    }
  }
  gaps.sort((a, b) => a - b);
  const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
  return { file, bodySize, bodyLines, hanPairs: gaps.length, maxGapEm: +worst.gap.toFixed(3), p99GapEm: +pct(0.99).toFixed(3), medianGapEm: +pct(0.5).toFixed(3), worstLine: worst.line, kinsoku };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , file, sizeArg] = process.argv;
  console.log(JSON.stringify(measurePdf(file, sizeArg === undefined ? undefined : Number(sizeArg))));
}
