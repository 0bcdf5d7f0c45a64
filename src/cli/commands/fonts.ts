import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { formatDataPath, BriefingError } from '../../errors/briefing-error.js';
import { loadData } from '../../load/load-data.js';
import { loadConfig } from '../../project/load-config.js';
import { findProjectRoot } from '../../project/project-root.js';
import { loadFontSet } from '../../typeset/font-set.js';

/** `briefing fonts`: roles → files with coverage; `--check`: characters in data no font has. */
export async function runFonts(flags: { check?: string[] }, sink: Sink): Promise<number> {
  try {
    const { configFile } = findProjectRoot(process.cwd());
    const fonts = loadFontSet(loadConfig(configFile).fonts);
    if (!flags.check) {
      for (const [role, faces] of fonts.roles) {
        for (const face of [faces.normal, faces.bold]) {
          if (!face) continue;
          sink.info(`${`${role}${face.weight === 'bold' ? ' (bold)' : ''}`.padEnd(18)} ${String(face.coverage().size).padStart(6)} code points  ${displayPath(face.file)}`);
        }
      }
      return 0;
    }
    const covered = (cp: number) => [...fonts.roles.values()].some((f) => f.normal.coverage().has(cp));
    let missing = 0;
    for (const file of flags.check) {
      const loaded = loadData(file);
      const seen = new Set<string>();
      walkStrings(loaded.data, [], (text, path) => {
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (cp < 0x20 || seen.has(ch) || covered(cp)) continue;
          seen.add(ch);
          missing++;
          sink.fail(new BriefingError('E_MISSING_GLYPH', { char: ch, codepoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` }, { file: loaded.file, dataPath: formatDataPath(path), ...loaded.locate(path) }));
        }
      });
    }
    if (!missing) sink.info(sink.lang === 'zh' ? '所有字符均有字体覆盖' : 'every character is covered by a font');
    return missing ? 1 : 0;
  } catch (e) {
    return sink.fail(e);
  }
}

function walkStrings(value: unknown, path: (string | number)[], visit: (text: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}
