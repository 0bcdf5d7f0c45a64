// The Typst anchor of `npm run bench`: Typst (through @myriaddreamin/typst-ts-node-compiler, its
// Node addon, a devDependency) compiles bench/typst/bulletin.typ — the bulletin sample from the same
// data files, with the same bundled Noto CJK faces — and writes the PDF. Run as its own process,
// like a briefing build: loading the addon and the fonts is part of what it costs.
// Usage: node bench/typst-anchor.mjs <out.pdf>
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { NodeCompiler } = createRequire(import.meta.url)('@myriaddreamin/typst-ts-node-compiler');
const fonts = ['NotoSerifCJKsc-Regular.ttf', 'NotoSerifCJKsc-Bold.ttf', 'NotoSansCJKsc-Regular.ttf', 'NotoSansCJKsc-Bold.ttf'].map((f) => join(root, 'fonts', f));
const compiler = NodeCompiler.create({ workspace: root, fontArgs: [{ fontPaths: fonts }] });
const pdf = compiler.pdf({ mainFilePath: join(root, 'bench/typst/bulletin.typ') }, { creationTimestamp: 1692662400 });
writeFileSync(process.argv[2] ?? join(root, 'output/typst-bulletin.pdf'), pdf);
