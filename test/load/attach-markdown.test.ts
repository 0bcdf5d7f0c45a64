import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachedMarkdown, attachMarkdown } from '../../src/load/attach-markdown.js';
import { loadData } from '../../src/load/load-data.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { createHost } from '../../src/host/host.js';

/** A scratch project holding one data file and the given text files. */
function project(data: string, files: Record<string, string | Buffer> = {}): { root: string; file: string } {
  const root = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  writeFileSync(join(root, 'report.yaml'), data);
  return { root, file: join(root, 'report.yaml') };
}

function attach(root: string, file: string) {
  const loaded = loadData(file);
  return attachMarkdown(loaded.data, loaded, createHost({ projectRoot: root }));
}


describe('attachMarkdown', () => {
  it('reads each { markdown } file relative to the data file and lists the files read', () => {
    const root = join(fixtures, 'projects/markdown');
    const loaded = loadData(join(root, 'report.yaml'));
    const { data, files } = attachMarkdown(loaded.data, loaded, createHost({ projectRoot: root }));
    expect(files).toEqual([join(root, 'text/overview.md'), join(root, 'text/priorities.md')]);
    const body = (data.sections as { body: Record<string, unknown> }[])[0]!.body;
    expect(body.markdown).toBe('text/overview.md');
    expect(Object.keys(body)).toEqual(['markdown']);
    expect(attachedMarkdown(body)?.file).toBe(join(root, 'text/overview.md'));
    expect(attachedMarkdown(body)?.tokens.some((t) => t.type === 'ordered_list_open')).toBe(true);
    // The loaded data is left as it was.
    expect(attachedMarkdown((loaded.data.sections as { body: unknown }[])[0]!.body)).toBeUndefined();
  });

  it('gives nothing for values that data alone can write, so data cannot forge markup', () => {
    expect(attachedMarkdown({ markdown: 'a.md' })).toBeUndefined();
    expect(attachedMarkdown('<p>x</p>')).toBeUndefined();
    expect(attachedMarkdown(undefined)).toBeUndefined();
  });

  it('names the data line and path of a missing .md file', () => {
    const { root, file } = project('title: x\nsections:\n  - body: { markdown: text/none.md }\n');
    const e = thrownBriefingError(() => attach(root, file));
    expect(e.code).toBe('E_MARKDOWN_NOT_FOUND');
    expect(e.location).toMatchObject({ file, line: 3, dataPath: 'sections[0].body.markdown' });
    expect(e.params.path).toBe(join(root, 'text/none.md'));
  });

  it('names the .md file that is not UTF-8', () => {
    const gbk = Buffer.from([0xc8, 0xab, 0xbb, 0xe1, 0x0a]); // 全会 in GBK
    const { root, file } = project('body: { markdown: gbk.md }\n', { 'gbk.md': gbk });
    const e = thrownBriefingError(() => attach(root, file));
    expect(e.code).toBe('E_DATA_ENCODING');
    expect(e.location.file).toBe(join(root, 'gbk.md'));
  });

  it('refuses a .md path outside the project', () => {
    const { root, file } = project('body: { markdown: ../../../../etc/passwd }\n');
    const e = thrownBriefingError(() => attach(root, file));
    expect(e.code).toBe('E_PATH_OUTSIDE_PROJECT');
    expect(e.location).toMatchObject({ file, line: 1, dataPath: 'body.markdown' });
  });

  it('refuses a list inside a list item at its line in the .md file', () => {
    const md = '第一段。\n\n1. 甲\n2. 乙\n   - 乙的细项\n';
    const { root, file } = project('body: { markdown: nested.md }\n', { 'nested.md': md });
    const e = thrownBriefingError(() => attach(root, file));
    expect(e.code).toBe('E_MARKDOWN_UNSUPPORTED');
    expect(e.location).toMatchObject({ file: join(root, 'nested.md'), line: 5 });
    expect(e.messageIn('zh')).toContain('列表项中嵌套的列表');
  });

  it('reads a .md file with a BOM and Windows line ends', () => {
    const { root, file } = project('body: { markdown: win.md }\n', { 'win.md': '\uFEFF甲\r\n\r\n- 乙\r\n' });
    const body = attach(root, file).data.body;
    expect(attachedMarkdown(body)?.tokens.map((t) => t.type)).toContain('bullet_list_open');
    expect(attachedMarkdown(body)?.tokens.find((t) => t.type === 'inline')?.content).toBe('甲');
  });
});
