import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/document/build-document.js';
import type { Content } from '../../../src/document/doc-definition.js';
import { loadStyle } from '../../../src/document/style.js';
import { parseMarkup } from '../../../src/markup/parse-markup.js';
import { repoRoot } from '../../helpers/run-cli.js';

const sheet = loadStyle(join(repoRoot, 'templates/handout/style.yaml'));

function build(body: string): Content[] {
  const markup = parseMarkup(`<document>${body}</document>`, { file: 'test.hbs' });
  return buildDocument(markup, sheet, { baseDir: repoRoot, projectRoot: repoRoot, origin: 'test.hbs', creationDate: new Date(0) }).definition.content;
}

/** Every object below a node, depth first. */
function walk(node: unknown, out: Content[] = []): Content[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Content);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}

const references = (toc: Content) => walk(toc).filter((n) => typeof n.pageReference === 'string').map((n) => n.pageReference as string);
/** The entries' text: every run but the leaders and the page-number placeholders. */
const texts = (toc: Content) =>
  walk(toc).filter((n) => typeof n.text === 'string' && !n.pageReference && !n.text.includes('·')).map((n) => n.text as string);

describe('<toc>', () => {
  it('lists headings that follow it, numbered as the style numbers them, each referring to its heading', () => {
    const [toc, h1, h2] = build('<toc title="目录"/><h1>会议议程</h1><h2>时间</h2>');
    expect(texts(toc!)).toEqual(['目录', '一、会议议程', '（一）时间']);
    expect(references(toc!)).toEqual([h1!.id, h2!.id]);
  });

  it('leaves out headings written toc="false" and levels below `levels`', () => {
    const [toc] = build('<toc levels="1"/><h1>甲</h1><h2>乙</h2><h1 toc="false">丙</h1><h1>丁</h1>');
    // 丙 still counts: 丁 is the third h1.
    expect(texts(toc!)).toEqual(['一、甲', '三、丁']);
  });

  it('gives headings kept out of the outline an id, so their page can still be found', () => {
    const [toc, h1] = build('<toc/><h1 outline="false">附件</h1>');
    expect(h1!.outline).toBeUndefined();
    expect(typeof h1!.id).toBe('string');
    expect(references(toc!)).toEqual([h1!.id]);
  });

  it('keeps an entry whole, to hang its wrapped lines under the text after its number, with a leader', () => {
    const long = '关于高质量建设现代化美好二七扎实推进中国式现代化二七实践的实施意见';
    const [toc] = build(`<toc/><h1>${long}</h1>`);
    const [entry] = toc!.stack as Content[];
    const [text, number] = entry!.columns as Content[];
    expect(texts(toc!).join('')).toBe(`一、${long}`);
    // The composer breaks the line: it hangs what wraps by the width of 一、 and follows the last line with dots.
    expect(text!.hangingChars).toBe(2);
    expect(((text!.leader as Content).text as { text: string }[])[0]!.text).toBe('·');
    expect(number!.valign).toBe('bottom');
  });
});
