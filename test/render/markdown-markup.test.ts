import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/load/parse-markdown.js';
import { isElement, textOf, type MarkupElement } from '../../src/markup/markup-tree.js';
import { parseMarkup } from '../../src/markup/parse-markup.js';
import { markdownToMarkup, type MarkdownMarkupOptions } from '../../src/render/markdown-markup.js';

const convert = (md: string, options?: MarkdownMarkupOptions) => markdownToMarkup(parseMarkdown(md, '/p/body.md'), options);

/** The converted markup as the markup stage reads it: the blocks under <document>. */
function blocks(md: string, options?: MarkdownMarkupOptions): MarkupElement[] {
  const doc = parseMarkup(`<document>\n${convert(md, options)}\n</document>`, { file: 'test.hbs' });
  return doc.children.filter((c): c is MarkupElement => isElement(c));
}

describe('markdownToMarkup', () => {
  it('turns paragraphs, bold and emphasis into <p>, <strong> and <em>', () => {
    expect(convert('全会**审议通过**两份文件，\n会议要求*敢想敢为*。\n\n第二段。')).toBe(
      '<p>全会<strong>审议通过</strong>两份文件，\n会议要求<em>敢想敢为</em>。</p>\n<p>第二段。</p>',
    );
    expect(convert('***两者***')).toBe('<p><em><strong>两者</strong></em></p>');
    expect(convert('__粗体__，_强调_。')).toBe('<p><strong>粗体</strong>，<em>强调</em>。</p>');
  });

  it('closes ** after full-width marks, where plain CommonMark would not', () => {
    expect(convert('让发展**“强起来”**，关键在布局。')).toBe('<p>让发展<strong>“强起来”</strong>，关键在布局。</p>');
    expect(convert('要**“强起来”**才行，这是**重点（一）**内容')).toBe('<p>要<strong>“强起来”</strong>才行，这是<strong>重点（一）</strong>内容</p>');
    // Underscores between Chinese characters stay text (CommonMark: no emphasis inside a word).
    expect(convert('甲__乙__丙')).toBe('<p>甲__乙__丙</p>');
  });

  it('drops leading ideographic spaces, since the p style indents already', () => {
    expect(convert('　　8月21日，全会召开。')).toBe('<p>8月21日，全会召开。</p>');
  });

  it('turns # and ## into h2 and h3 by default, or from the level asked for, never past h4', () => {
    expect(convert('# 工作方法\n\n## 细则')).toBe('<h2>工作方法</h2>\n<h3>细则</h3>');
    expect(convert('# 甲\n\n## 乙\n\n#### 丁', { heading: 1 })).toBe('<h1>甲</h1>\n<h2>乙</h2>\n<h4>丁</h4>');
    expect(convert('### 丙')).toBe('<h4>丙</h4>');
  });

  it('turns ordered and unordered lists into <ol> and <ul>, keeping inline marks in items', () => {
    expect(convert('1. 突破惯性思维\n2. 突出**工作重点**')).toBe('<ol>\n<li>突破惯性思维</li>\n<li>突出<strong>工作重点</strong></li>\n</ol>');
    expect(convert('- 甲\n- 乙')).toBe('<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>');
    expect(convert('1. 甲', { numbering: 'cjk-paren' })).toBe('<ol numbering="cjk-paren">\n<li>甲</li>\n</ol>');
    // A loose item with two paragraphs keeps them apart with a line break.
    expect(convert('- 第一段\n\n  第二段\n- 乙')).toBe('<ul>\n<li>第一段<br/>第二段</li>\n<li>乙</li>\n</ul>');
  });

  it('reduces what has no element to its text', () => {
    expect(convert('见[通知](https://example.invalid/a)与![示意图](a.png)')).toBe('<p>见通知与示意图</p>');
    expect(convert('代码 `x < y`')).toBe('<p>代码 x &lt; y</p>');
    expect(convert('> 引文一段')).toBe('<p>引文一段</p>');
    expect(convert('    缩进四格的一段')).toBe('<p>缩进四格的一段</p>');
    expect(convert('```\n<b>代码</b>\n```')).toBe('<p>&lt;b&gt;代码&lt;/b&gt;</p>');
    expect(convert('上\n\n---\n\n下')).toBe('<p>上</p>\n<rule/>\n<p>下</p>');
    expect(convert('第一行  \n第二行')).toBe('<p>第一行<br/>第二行</p>');
  });

  it('never lets the text inject markup: tags, entities and mustaches print as typed', () => {
    const md = '甲 <page-break/> 乙 </table> 丙 {{x}} 丁 &nbsp; &amp; &#20013; 戊 <p>"引号" \'单\' \\`反\\` =\n\n<page-break/>\n\n</document>';
    const out = blocks(md);
    expect(out.map((b) => b.name)).toEqual(['p', 'p', 'p']);
    expect(out.every((b) => b.children.every((c) => c.kind === 'text'))).toBe(true);
    expect(textOf(out[0]!)).toBe('甲 <page-break/> 乙 </table> 丙 {{x}} 丁 &nbsp; &amp; &#20013; 戊 <p>"引号" \'单\' `反` =');
    expect(textOf(out[1]!)).toBe('<page-break/>');
    expect(textOf(out[2]!)).toBe('</document>');
  });

  it('escapes markup in headings, list items and a list numbering given by the template', () => {
    const out = blocks('# <b>标题</b>\n\n- <li>项</li>');
    expect(out.map((b) => b.name)).toEqual(['h2', 'ul']);
    expect(textOf(out[0]!)).toBe('<b>标题</b>');
    expect(textOf(out[1]!).trim()).toBe('<li>项</li>');
    expect(convert('1. 甲', { numbering: '"><page-break/>' })).toContain('numbering="&quot;&gt;&lt;page-break/&gt;"');
  });

  it('gives nothing for an empty file', () => {
    expect(convert('')).toBe('');
    expect(convert('\n\n  \n')).toBe('');
  });
});
