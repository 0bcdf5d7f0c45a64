import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/document/build-document.js';
import type { DocDefinition } from '../../../src/document/doc-definition.js';
import { loadStyle } from '../../../src/document/style.js';
import { parseMarkup } from '../../../src/markup/parse-markup.js';
import { loadFontSet } from '../../../src/typeset/font-set.js';
import { typesetPdf, type TypesetOptions } from '../../../src/typeset/typeset-pdf.js';
import { readPdf } from '../../helpers/read-pdf.js';
import { readStructure, type PdfDictValue, type PdfStructure, type PdfValue } from '../../helpers/pdf-structure.js';
import { contentStreams } from '../../helpers/pdfa-checks.js';
import { allNodes, readStructTree, structText, type StructNode } from '../../helpers/struct-tree.js';
import { taggedViolations } from '../../helpers/tagged-checks.js';
import { repoRoot, tempDir } from '../../helpers/run-cli.js';
import { writeFileSync } from 'node:fs';

// The structure tree the composer writes with --tagged, read back by pdf.js (as Firefox's reader
// does) and by pdf-lib: roles, the order things are read in, what is read once.

const fonts = loadFontSet();
const sheet = loadStyle(join(repoRoot, 'templates/bulletin/style.yaml'));
const sentence = '二七区坚持以高质量发展为主线，统筹推进产业用地调整、闲置资源盘活和营商环境优化。';
const rows = Array.from({ length: 60 }, (_, i) => `<tr><td>项目${String(i + 1).padStart(2, '0')}号</td><td>${i % 7 === 3 ? '' : `${i + 1}`}</td><td>推进中</td></tr>`).join('\n');
const markup = `<document title="结构">
<title>标题一行</title>
<section><h1>第一部分</h1><p>${sentence.repeat(45)}</p></section>
<table caption="表一"><tr><th>项目</th><th>数量</th><th>状态</th></tr>
${rows}
</table>
<columns count="2"><p>左栏第一段。${sentence.repeat(3)}</p><p>右栏末段。${sentence.repeat(3)}</p></columns>
<img src="seal-sample.png" alt="一枚红色圆形印章" width="30mm"/>
</document>`;

function definition(): DocDefinition {
  const dir = join(repoRoot, 'templates/gongwen');
  return buildDocument(parseMarkup(markup, { file: 'test.hbs' }), sheet, { baseDir: dir, projectRoot: repoRoot, origin: 'test.hbs', creationDate: new Date(0) }).definition;
}

async function typeset(options: TypesetOptions): Promise<Buffer> {
  return (await typesetPdf(definition(), fonts, options)).pdf;
}

/** Structure elements read with pdf-lib: each with its type and its marked content's pages. */
function elements(s: PdfStructure): { type: string; pages: Set<string>; dict: PdfDictValue }[] {
  const out: { type: string; pages: Set<string>; dict: PdfDictValue }[] = [];
  for (const v of s.objects.values()) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('S' in v) || !('P' in v)) continue;
    const d = v;
    const pages = new Set<string>();
    const kids = (Array.isArray(d.K) ? d.K : [d.K]) as PdfValue[];
    for (const k of kids) {
      if (typeof k === 'number' && d.Pg) pages.add(JSON.stringify(d.Pg));
      else if (k && typeof k === 'object' && 'MCID' in (k as PdfDictValue)) pages.add(JSON.stringify((k as PdfDictValue).Pg));
    }
    out.push({ type: String(d.S).slice(1), pages, dict: d });
  }
  return out;
}

describe('--tagged: the structure tree', () => {
  let pdf: Buffer;
  let tree: StructNode[][];
  let nodes: StructNode[];
  let s: PdfStructure;
  beforeAll(async () => {
    pdf = await typeset({ print: { tagged: true } });
    tree = await readStructTree(pdf);
    nodes = allNodes(tree);
    s = await readStructure(pdf);
  });

  it('marks every painted thing as content or artifact, in a marked file with a language', () => {
    expect(taggedViolations(s)).toEqual([]);
    expect(s.catalog.Lang).toBe('zh-CN');
  });

  it('gives the title H1, the section heading H2 inside its Sect, and the picture a Figure with its alt text', () => {
    expect(nodes.filter((n) => /^H\d$/.test(n.role)).map((n) => [n.role, n.text])).toEqual([['H1', '标题一行'], ['H2', '第一部分']]);
    const sect = nodes.find((n) => n.role === 'Sect')!;
    expect(sect.children[0]!.role).toBe('H2');
    expect(nodes.filter((n) => n.role === 'Figure').map((n) => n.alt)).toEqual(['一枚红色圆形印章']);
  });

  it('keeps a paragraph that runs onto the next page one element, with content on both pages', () => {
    const p = elements(s).filter((e) => e.type === 'P' && e.pages.size > 1);
    expect(p.length).toBeGreaterThanOrEqual(1);
  });

  it('gives a table its caption, a row per body row and every cell — an empty one too — and reads the repeated header once', async () => {
    const trs = elements(s).filter((e) => e.type === 'TR');
    expect(trs).toHaveLength(61);
    for (const tr of trs) expect((tr.dict.K as PdfValue[]).length).toBe(3);
    expect(elements(s).filter((e) => e.type === 'TH')).toHaveLength(3);
    expect(elements(s).filter((e) => e.type === 'TD')).toHaveLength(180);
    // pdf.js lists a table's rows on every page it runs over, each with that page's content.
    expect(nodes.filter((n) => n.role === 'Caption' && n.text).map((n) => n.text)).toEqual(['表一']);
    const th = elements(s).find((e) => e.type === 'TH')!;
    expect(th.dict.A).toEqual({ O: '/Table', Scope: '/Column' });
    // The header is printed on every page the table runs over, and read once.
    const file = join(tempDir(), 't.pdf');
    writeFileSync(file, pdf);
    const printed = (await readPdf(file)).pages.filter((p) => p.text.includes('项目数量状态')).length;
    expect(printed).toBeGreaterThan(1);
    expect(structText(tree).replace(/\s/g, '').match(/项目数量状态/g)).toHaveLength(1);
    expect(structText(tree)).not.toContain('（续）');
  });

  it('reads the two columns as printed: the left column, then the right', () => {
    const text = structText(tree);
    expect(text.indexOf('左栏第一段')).toBeGreaterThan(text.indexOf('项目60号'));
    expect(text.indexOf('右栏末段')).toBeGreaterThan(text.indexOf('左栏第一段'));
  });

  it('leaves page numbers out of what is read', () => {
    expect(structText(tree)).not.toMatch(/—\s*\d+\s*—/);
  });
});

describe('--tagged with combined copies', () => {
  it('gives every copy its own part, titled with its 份号, read whole', async () => {
    const pdf = await typeset({ print: { tagged: true }, copies: [{ copyNumber: '000001' }, { copyNumber: '000002' }] });
    const s = await readStructure(pdf);
    const parts = elements(s).filter((e) => e.type === 'Part');
    expect(parts.map((p) => p.dict.T)).toEqual(['000001', '000002']);
    expect(elements(s).filter((e) => e.type === 'H1')).toHaveLength(2);
    expect(taggedViolations(s)).toEqual([]);
  });
});

describe('without --tagged', () => {
  it('writes no structure and no marked content', async () => {
    const s = await readStructure(await typeset({}));
    expect(s.catalog.StructTreeRoot).toBeUndefined();
    expect(s.catalog.MarkInfo).toBeUndefined();
    expect(contentStreams(s).join('\n')).not.toMatch(/\bBDC\b/);
  });
});
