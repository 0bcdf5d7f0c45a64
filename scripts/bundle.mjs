#!/usr/bin/env node
/**
 * Run by `npm run build` after tsc: briefing's own code bundled by esbuild into dist/cli/, where
 * the command (dist/cli/main.js) and the batch worker (dist/cli/batch-worker.js) start. Each
 * lazily imported part — a command, the typeset stage, the writer — becomes a chunk beside
 * them that loads when it is first needed, as the modules did. One file per part instead of one
 * per module: a cold start reads, resolves and links some 30 files instead of some 150.
 *
 * The chunks are CommonJS (`.cjs`), loaded with require(): on Node 20 only CommonJS reaches the
 * code cache (orchestrate/cjs-code-cache.ts), which keeps V8's compiled code for the next run,
 * including every function compiled while a build ran. main.js and batch-worker.js are small
 * ES-module doors into them. esbuild splits only ES modules, so the split bundle is made first
 * and each of its files converted to CommonJS after.
 *
 * Libraries a build loads at start are each bundled into one CommonJS file in dist/vendor/
 * (yaml alone is some 70 files in node_modules); the others stay external and load from
 * node_modules on demand. pdfkit and fontkit stay external: briefing patches them and checks
 * their versions, and pdfkit reads its data files from beside its own code.
 *
 * tsc's output stays in dist/ beside the bundle: the tests, scripts/precompile.mjs and the
 * in-process runner import modules from there by path. docs/performance.md says why and what it
 * measured.
 */
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/cli');
const vendorDir = join(root, 'dist/vendor');
// An earlier bundle: chunks (their names carry a hash of their content) and CommonJS parts.
for (const f of readdirSync(outdir)) if (/^(chunk|[a-z-]+)-[A-Z0-9]{8}\.js$/.test(f) || f.endsWith('.cjs')) rmSync(join(outdir, f));
rmSync(vendorDir, { recursive: true, force: true });

const common = { absWorkingDir: root, platform: 'node', target: 'node20.19', logLevel: 'warning' };

// --- Libraries a build loads at start, one CommonJS file each. ---
const requireHere = createRequire(join(root, 'package.json'));
/** A library whose named exports are imported: its file re-exports them, so the parts can name them. */
function named(name) {
  const names = Object.keys(requireHere(name)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
  return { contents: `export { ${names.join(', ')} } from '${name}';`, names };
}
/** Each library's entry (what its CommonJS file exports) and the names the parts import from it. */
const VENDORED = {
  yaml: named('yaml'),
  commander: named('commander'),
  // ES module only, with its one dependency: its default export, the plugin, is the file's exports.
  'markdown-it-cjk-friendly': { contents: "module.exports = require('markdown-it-cjk-friendly').default;", names: [] },
};
for (const [name, { contents }] of Object.entries(VENDORED)) {
  await build({
    ...common,
    stdin: { contents, resolveDir: root, sourcefile: `${name}.vendor.js`, loader: 'js' },
    outfile: join(vendorDir, `${name}.cjs`),
    bundle: true,
    format: 'cjs',
    legalComments: 'eof',
  });
}
/** An import of a vendored library becomes a require() of its file in dist/vendor/. */
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${Object.keys(VENDORED).join('|')})$`) }, (a) => ({ path: a.path, namespace: 'vendored' }));
    b.onLoad({ filter: /.*/, namespace: 'vendored' }, (a) => {
      const { names } = VENDORED[a.path];
      return {
        contents: [
          "import { createRequire } from 'node:module';",
          `const lib = createRequire(import.meta.url)('../vendor/${a.path}.cjs');`,
          ...(names.length ? [`export const { ${names.join(', ')} } = lib;`] : []),
          'export default lib;',
        ].join('\n'),
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/**
 * esbuild leaves import() as it is in CommonJS output, and the code cache leaves a file with
 * import() to Node (V8's loader for it is experimental on Node 20). A part loads another with
 * require(); an ES-module-only library (tinypool, open) through the door's import(), kept on
 * the global object by main.js. Any other import() left is a build error, not a slow start.
 */
function withoutImportCalls(source, file) {
  const out = source
    .replace(/\bimport\((["'])(\.\/[\w-]+\.cjs)\1\)/g, 'Promise.resolve().then(() => require($1$2$1))')
    .replace(/\bimport\((["'])([@\w][\w./@-]*)\1\)/g, `globalThis[Symbol.for('briefing.import')]($1$2$1)`);
  if (/\bimport\s*\(/.test(out)) throw new Error(`${file}: an import() the CommonJS conversion does not handle`);
  return out;
}

// --- briefing's own code: split as ES modules, then each file converted to CommonJS. ---
// A fixed folder: its name goes into the parts' comments, and the same sources must make the same parts.
const split = join(root, 'dist/.split');
rmSync(split, { recursive: true, force: true });
try {
  await build({
    ...common,
    plugins: [vendored],
    entryPoints: { main: 'src/cli/main.ts', 'batch-worker': 'src/orchestrate/batch-worker.ts' },
    outdir: split,
    bundle: true,
    splitting: true,
    format: 'esm',
    // Every other library from node_modules, as Node would load it: on demand.
    packages: 'external',
    chunkNames: '[name]-[hash]',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
  });
  /** A chunk's import of another (./chunk-X.js) names its CommonJS file; libraries stay as they are. */
  const siblings = {
    name: 'siblings',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (a) => a.kind === 'entry-point' ? undefined : { path: a.path.replace(/\.js$/, '.cjs'), external: true });
    },
  };
  for (const f of readdirSync(split).filter((n) => n.endsWith('.js'))) {
    const outfile = join(outdir, f.replace(/\.js$/, '.cjs'));
    await build({
      ...common,
      plugins: [siblings],
      entryPoints: [join(split, f)],
      outfile,
      bundle: true,
      format: 'cjs',
      packages: 'external',
      // Where the file is, as an ES module would know it: paths relative to the package resolve the same.
      define: { 'import.meta.url': '__briefingFileUrl' },
      banner: { js: "'use strict';\nconst __briefingFileUrl = require('node:url').pathToFileURL(__filename).href;" },
      legalComments: 'none',
    });
    writeFileSync(outfile, withoutImportCalls(readFileSync(outfile, 'utf8'), f));
  }
} finally {
  rmSync(split, { recursive: true, force: true });
}

// The doors: ES modules (the package is "type": "module") that require the CommonJS parts, and
// import for them the ES-module-only libraries (withoutImportCalls above).
const IMPORT_FOR_PARTS = "globalThis[Symbol.for('briefing.import')] = (specifier) => import(specifier);";
writeFileSync(join(outdir, 'main.js'), [
  '#!/usr/bin/env node',
  "import { createRequire } from 'node:module';",
  IMPORT_FOR_PARTS,
  "createRequire(import.meta.url)('./main.cjs');",
  '',
].join('\n'));
writeFileSync(join(outdir, 'batch-worker.js'), [
  "import { createRequire } from 'node:module';",
  IMPORT_FOR_PARTS,
  "export default createRequire(import.meta.url)('./batch-worker.cjs').default;",
  '',
].join('\n'));
// The bin: executable, as npm would make it on install (and the package file keeps).
chmodSync(join(outdir, 'main.js'), 0o755);
console.log(`bundled ${readdirSync(outdir).filter((f) => f.endsWith('.cjs')).length} CommonJS parts into ${relative(root, outdir)}/ and ${Object.keys(VENDORED).length} libraries into ${relative(root, vendorDir)}/`);
