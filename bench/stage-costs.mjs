// Where a warm build of each sample spends its time in the typeset stage: layout, the content audit
// (issue 13 asks for under 5 ms a document) and drawing. Medians of 30 builds in one process after
// 5 to warm up. Prints one line per sample; bench/run.mjs includes it.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { prepareDocument } = await import(join(root, 'dist/orchestrate/build-briefing.js'));
const { loadFontSet } = await import(join(root, 'dist/typeset/font-set.js'));
const { typesetPdf } = await import(join(root, 'dist/typeset/typeset-pdf.js'));
const { createCaches } = await import(join(root, 'dist/host/caches.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// One set of caches for every build, as a batch or watch session keeps them: fonts, templates, set paragraphs.
const caches = createCaches();
for (const template of ['bulletin', 'stats', 'handout', 'gongwen']) {
  const t = { layout: [], audit: [], draw: [] };
  for (let i = 0; i < 35; i++) {
    const prepared = prepareDocument({ dataFile: join(root, 'templates', template, 'sample.yaml'), cwd: root }, { caches });
    const { timings } = await typesetPdf(prepared.definition, loadFontSet(prepared.fonts, prepared.host), { caches });
    if (i >= 5) for (const k of Object.keys(t)) t[k].push(timings[k]);
  }
  console.log(`| ${template} | ${median(t.layout).toFixed(1)} | ${median(t.audit).toFixed(2)} | ${median(t.draw).toFixed(1)} |`);
}
