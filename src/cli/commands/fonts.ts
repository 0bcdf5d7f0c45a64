import type { Sink } from '../output-sink.js';
import { displayWidth } from '../help-frame.js';
import { displayPath, errorJson } from '../report-error.js';
import { formatDataPath, BriefingError } from '../../errors/briefing-error.js';
import { loadData } from '../../load/load-data.js';
import { expandDataPaths } from '../../orchestrate/plan-builds.js';
import { loadConfig } from '../../project/load-config.js';
import { findProjectRoot } from '../../project/project-root.js';
import { loadFontSet } from '../../typeset/font-set.js';

/** The bundled roles by their Chinese names; an office's own roles go by their own. */
const ROLE_ZH: Record<string, string> = { serif: '宋体', sans: '黑体', kai: '楷体', fangsong: '仿宋', fallback: '备用', 'fallback-2': '备用二' };

/**
 * `briefing fonts`: roles → files with coverage; `--check`: characters in data no font has.
 * `--json` prints either as one JSON document.
 */
export function runFonts(flags: { check?: string[]; json?: boolean }, sink: Sink): number {
  try {
    const { configFile } = findProjectRoot(process.cwd());
    const fonts = loadFontSet(loadConfig(configFile).fonts);
    if (!flags.check) {
      const faces = [...fonts.roles].flatMap(([role, f]) => [f.normal, f.bold].filter((face) => !!face).map((face) => ({
        role, weight: face.weight === 'bold' ? 'bold' : 'normal', codePoints: face.coverage().size, file: displayPath(face.file),
      })));
      if (flags.json) {
        sink.out.write(`${JSON.stringify({ roles: faces }, null, 2)}\n`);
        return 0;
      }
      for (const f of faces) {
        const bold = f.weight === 'bold';
        sink.info(sink.lang === 'zh'
          ? `${padWide(`${f.role} ${ROLE_ZH[f.role] ?? ''}${bold ? '（粗）' : ''}`, 22)} ${String(f.codePoints).padStart(6)} 个字符  ${f.file}`
          : `${`${f.role}${bold ? ' (bold)' : ''}`.padEnd(18)} ${String(f.codePoints).padStart(6)} code points  ${f.file}`);
      }
      return 0;
    }
    const covered = (cp: number) => [...fonts.roles.values()].some((f) => f.normal.coverage().has(cp));
    const missing: BriefingError[] = [];
    for (const file of expandDataPaths(flags.check, process.cwd())) {
      const loaded = loadData(file);
      const seen = new Set<string>();
      walkStrings(loaded.data, [], (text, path) => {
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (cp < 0x20 || seen.has(ch) || covered(cp)) continue;
          seen.add(ch);
          missing.push(new BriefingError('E_MISSING_GLYPH', { char: ch, codepoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` }, { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) }));
        }
      });
    }
    if (flags.json) sink.out.write(`${JSON.stringify({ covered: missing.length === 0, missing: missing.map((e) => ({ ...errorJson(e, sink.lang), char: e.params.char, codepoint: e.params.codepoint })) }, null, 2)}\n`);
    else {
      missing.forEach((e) => sink.fail(e));
      if (!missing.length) sink.info(sink.lang === 'zh' ? '所有字符均有字体覆盖' : 'every character is covered by a font');
    }
    return missing.length ? 1 : 0;
  } catch (e) {
    const code = sink.fail(e);
    return e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : code;
  }
}

/** Pad to a width in terminal columns, a Chinese character taking two. */
function padWide(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function walkStrings(value: unknown, path: (string | number)[], visit: (text: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}
