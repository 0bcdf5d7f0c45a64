// Baseline for `npm run bench`: plain pdfmake 0.3 given the full Noto CJK SC faces by path, laying out
// the same running text as the bulletin sample (A4, 16 pt justified serif body, 22 pt bold sans title,
// a small table, page numbers). It is kept independent of briefing's own fonts and code, so the
// ratios the bench prints do not move when briefing changes. Run as its own process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const NOTO = '/usr/share/fonts/opentype/noto';
const [, , sampleFile, outFile] = process.argv;
const data = parse(readFileSync(sampleFile, 'utf8'));
const paragraphs = [...data.lead.paragraphs, ...data.sections.flatMap((s) => [s.heading, ...s.paragraphs])];

const pdfmake = require('pdfmake');
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true);
pdfmake.setFonts({
  Serif: { normal: [`${NOTO}/NotoSerifCJK-Regular.ttc`, 'NotoSerifCJKsc-Regular'], bold: [`${NOTO}/NotoSerifCJK-Bold.ttc`, 'NotoSerifCJKsc-Bold'] },
  Sans: { normal: [`${NOTO}/NotoSansCJK-Regular.ttc`, 'NotoSansCJKsc-Regular'], bold: [`${NOTO}/NotoSansCJK-Bold.ttc`, 'NotoSansCJKsc-Bold'] },
});
const doc = {
  pageSize: 'A4',
  pageMargins: [70, 80, 70, 80],
  defaultStyle: { font: 'Serif', fontSize: 16, alignment: 'justify', lineHeight: 1.2 },
  footer: (page) => ({ text: `— ${page} —`, alignment: 'center', fontSize: 14 }),
  content: [
    { text: data.title, font: 'Sans', bold: true, fontSize: 22, alignment: 'center', margin: [0, 0, 0, 16] },
    ...paragraphs.map((p) => ({ text: p, leadingIndent: 32, margin: [0, 0, 0, 4] })),
    {
      table: { headerRows: 1, widths: ['*', 'auto', 'auto'], body: [['指标', '数量', '单位'], ...data.stats.figures.map((f) => [f.label, String(f.value), f.unit ?? ''])] },
      fontSize: 12,
    },
  ],
};
await pdfmake.createPdf(doc).write(outFile);
