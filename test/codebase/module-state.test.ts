import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * Issue 16: every cache lives in the host's caches (src/host/caches.ts), handed to the stages,
 * never at module level, where it would outlive its host and carry one batch's files into the
 * next. This scans src/ outside src/host/ for module-level state:
 *
 * - a top-level `let` or `var`;
 * - a top-level `const` made with `new …` (a Map, WeakMap, Set, an instance of any class), unless
 *   typed ReadonlySet/ReadonlyMap (the compiler then refuses any change) or a RegExp;
 * - a top-level `const` that is an empty `{}` or `[]` (the shape of a cache filled later), or a
 *   set of caches of its own (`createCaches()`);
 * - a class's `static` field that is not `readonly`;
 * - a top-level declaration that reads or writes the global object (`globalThis`).
 *
 * What is found must be in ALLOWED, with the reason docs/architecture.md ("The host") gives.
 */
const ALLOWED: Record<string, string> = {
  // Process-wide by nature.
  'src/orchestrate/compile-cache.ts own':
    "the V8 code cache hooks Node's module loader (Module.prototype._compile), which is one per process, before any host exists",
  'src/orchestrate/batch-worker.ts threadCaches':
    'the caches of a pool thread: the thread lives for one batch, and only requests cross into it',
  'src/typeset/draw/pdfkit-patches.ts pdfkitClass':
    "pdfkit's class, patched once: the patches change the library's own prototypes, which are one per process",
  'src/host/package-files.ts version': "the running code's own version: right for the code in memory even if the package is replaced",
  // Libraries (or a library's version) loaded on first use: what a static import would be, deferred for cold starts.
  'src/load/load-csv.ts csvParser': 'a library loaded on first use',
  'src/load/load-csv.ts iconvLite': 'a library loaded on first use',
  'src/load/load-data.ts jsonc': 'a library loaded on first use',
  'src/load/parse-markdown.ts parser': 'a library loaded on first use (markdown-it, configured once, keeps nothing it parses)',
  'src/document/blocks/chart-svg.ts echarts': 'a library loaded on first use',
  'src/orchestrate/plan-builds.ts globber': 'a library loaded on first use',
  'src/typeset/draw/draw-pages.ts svgToPdf': 'a library loaded on first use',
  'src/typeset/layout/headline.ts segmenter': 'Intl.Segmenter made on first use; it keeps nothing it segments',
  'src/validate/schema-compiler.ts ajvVersion': "the installed ajv's version, read on first use",
  'src/validate/load-settings.ts yamlVersion': "the installed yaml's version, read on first use",
  // Side tables keyed by an object: an entry lives and dies with its key, an object the host's caches or one build own.
  'src/typeset/draw/pdfkit-patches.ts globalThis':
    "which fonts stand behind which bytes pdfkit was handed (weak maps keyed by a font the host opened): one set per process on the global object, since the fontkit stand-in is installed once and every copy of the module (bundle, dist/, sources under a test runner) must share it",
  'src/typeset/draw/pdfkit-patches.ts hexIds': 'how pdfkit spells a glyph id in hex: a pure function of the number, remembered',
  'src/typeset/glyph-metrics.ts readers': 'advance readers by opened font (held in the host\'s caches)',
  'src/typeset/sfnt/cmap.ts lookups': 'cmap lookups by opened font (held in the host\'s caches)',
  'src/typeset/sfnt/truetype-subset.ts subsetPrograms': 'which byte arrays are subset programs briefing wrote',
  'src/typeset/layout/layout-node.ts nodeLayouts': 'the nested-layout env of each layout env (one per document)',
  'src/typeset/print/print-job.ts converted': 'CMYK images converted for each PDF document being written',
  // Objects that keep nothing between calls.
  'src/load/read-text.ts utf8': 'a TextDecoder, used without streaming: it keeps nothing between calls',
};

interface Finding {
  key: string;
  line: number;
  text: string;
}

const TOP_LEVEL = /^(?:export\s+)?(let|var|const)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=;]+?))?\s*(?:=\s*(.*)|;)\s*$/;
const STATIC_FIELD = /^\s+(?:(?:private|protected|public)\s+)?static\s+(?!readonly\b)([A-Za-z_$#][\w$]*)\s*(?::[^=(]+)?=/;

/** Module-level state in one file's text, by `<file> <name>`. */
export function moduleState(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const add = (name: string) => found.push({ key: `${file} ${name}`, line: i + 1, text: line.trim() });
    if (/^(?:export\s+)?(?:const|let|var)\b.*\bglobalThis\b/.test(line)) return add('globalThis');
    const field = STATIC_FIELD.exec(line);
    if (field) return add(field[1]!);
    const m = TOP_LEVEL.exec(line);
    if (!m) return;
    const [, kind, name, type = '', init = ''] = m;
    if (kind !== 'const') return add(name!);
    if (/^(\{\s*\}|\[\s*\])\s*(as\s+[^;]+)?;?\s*$/.test(init) || /^createCaches\(/.test(init)) return add(name!);
    const made = /^new\s+([A-Za-z_$][\w$.]*)/.exec(init);
    if (!made || made[1] === 'RegExp') return;
    if (/^Readonly(Set|Map)</.test(type.trim())) return;
    add(name!);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('module-level state', () => {
  const files = sourceFiles(join(repoRoot, 'src')).map((f) => relative(repoRoot, f).replaceAll('\\', '/'));
  const findings = files.flatMap((f) => moduleState(f, readFileSync(join(repoRoot, f), 'utf8')));

  it('is found by the scan in every shape it looks for', () => {
    const planted = [
      'const cache = new Map<string, number>();',
      'export const seen = new WeakMap<object, string>();',
      'let memo: string | undefined;',
      'const registry: Record<string, string> = {};',
      'const list: string[] = [];',
      'const memo2 = new LineMemo(2000);',
      'const mine = createCaches();',
      'class A {',
      '  static instances = new Set<A>();',
      '}',
      'const FIXED: ReadonlySet<string> = new Set([\'a\']);',
      'const WORD = new RegExp(\'a\', \'y\');',
      'function f() {',
      '  const local = new Map();',
      '}',
      'const { a, b } = ((globalThis as { [k]?: T })[k] ??= { a: new Map(), b: new Map() });',
    ].join('\n');
    expect(moduleState('x.ts', planted).map((f) => f.key)).toEqual(['x.ts cache', 'x.ts seen', 'x.ts memo', 'x.ts registry', 'x.ts list', 'x.ts memo2', 'x.ts mine', 'x.ts instances', 'x.ts globalThis']);
  });

  it('lives in the host (src/host/) or is a documented exception', () => {
    const unexplained = findings
      .filter((f) => !f.key.startsWith('src/host/') && !ALLOWED[f.key])
      .map((f) => `${f.key.split(' ')[0]}:${f.line}  ${f.text}`);
    expect(unexplained, 'module-level state outside src/host/: keep it in the host\'s caches (cacheSlot), or document why it cannot be and allow it here').toEqual([]);
  });

  it('allows nothing that is no longer there', () => {
    const found = new Set(findings.map((f) => f.key));
    expect(Object.keys(ALLOWED).filter((k) => !found.has(k))).toEqual([]);
  });
});
