import type { SfntFile } from './sfnt-file.js';

/**
 * Whether a TrueType font's glyph index (loca) can be trusted: one offset per glyph and one more,
 * never decreasing, none past the end of the glyph table. A damaged index would otherwise make
 * glyphs read as empty — text printed invisibly, with no error. Returns the reason it cannot be
 * trusted (in both languages), or undefined (also for fonts without TrueType outlines, which fontkit reads).
 * Checked once per font file a config names; the bundled fonts come with briefing.
 */
export function glyphIndexProblem(font: SfntFile): { reason: string; reasonZh: string } | undefined {
  if (!font.has('loca') || !font.has('glyf') || !font.has('maxp') || !font.has('head')) return undefined;
  const numGlyphs = font.view('maxp').getUint16(4);
  const long = font.view('head').getInt16(50) === 1;
  const loca = font.view('loca');
  const glyfLength = font.tableLength('glyf');
  const size = long ? 4 : 2;
  if (loca.byteLength < (numGlyphs + 1) * size) return { reason: `its glyph index (loca) is shorter than its ${numGlyphs} glyphs need`, reasonZh: `字形索引（loca）比 ${numGlyphs} 个字形所需的短` };
  let previous = 0;
  for (let i = 0; i <= numGlyphs; i++) {
    const at = long ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2;
    if (at < previous) return { reason: `its glyph index (loca) goes backwards at glyph ${i}`, reasonZh: `字形索引（loca）在第 ${i} 个字形处倒退` };
    if (at > glyfLength) return { reason: `its glyph index (loca) points past the glyph table at glyph ${i}`, reasonZh: `字形索引（loca）在第 ${i} 个字形处指向字形表（glyf）之外` };
    previous = at;
  }
  return undefined;
}
