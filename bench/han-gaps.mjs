// Measures justification quality in a PDF, as issue 3 defines it: for body lines of 8+ characters,
// the gap between neighbouring Han characters (left edge of a glyph minus the end of the previous
// glyph's advance), in em of the glyph size. Needs mutool (Debian: mupdf-tools); a development
// check, not part of the build.  Usage: node bench/han-gaps.mjs file.pdf [bodySizePt]
import { execFileSync } from 'node:child_process';

const [, , file, sizeArg] = process.argv;
const bodySize = Number(sizeArg ?? 14);
const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
const han = /[\u3400-\u9fff]/;
const decode = (s) => s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
let worst = { gap: 0, line: '' };
let lines = 0;
const gaps = [];
for (const lineXml of xml.split('<line ').slice(1)) {
  const fontSize = Number(/<font [^>]*size="([\d.]+)"/.exec(lineXml)?.[1] ?? 0);
  if (Math.abs(fontSize - bodySize) > 0.01) continue;
  const chars = [...lineXml.matchAll(/<char quad="([\d.\- ]+)" x="([\d.]+)" y="[\d.]+"[^>]*c="([^"]*)"/g)].map((m) => {
    const q = m[1].split(' ').map(Number);
    return { x0: q[0], x1: q[2], c: decode(m[3]) };
  });
  if (chars.length < 8) continue;
  lines++;
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1];
    const b = chars[i];
    if (!han.test(a.c) || !han.test(b.c)) continue;
    const gap = (b.x0 - a.x1) / bodySize;
    gaps.push(gap);
    if (gap > worst.gap) worst = { gap, line: chars.map((c) => c.c).join('') };
  }
}
gaps.sort((a, b) => a - b);
const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
console.log(JSON.stringify({ file, bodyLines: lines, hanPairs: gaps.length, maxGapEm: +worst.gap.toFixed(3), p99GapEm: +pct(0.99).toFixed(3), medianGapEm: +pct(0.5).toFixed(3), worstLine: worst.line }));
