import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachMarkdown } from '../../src/load/attach-markdown.js';
import { loadData } from '../../src/load/load-data.js';
import { compileTemplate } from '../../src/render/render-template.js';
import type { TemplatePack } from '../../src/template/template-pack.js';
import { fixtures } from '../helpers/run-cli.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { createHost } from '../../src/host/host.js';

/** Render a one-file template: helpers are checked and called exactly as in a real pack. */
function render(source: string, data: Record<string, unknown>): string {
  const pack: TemplatePack = {
    name: 't', description: '', dir: '/virtual', entry: { file: '/virtual/t.hbs', source }, partials: new Map(), schemaFile: '', styleFile: '',
  };
  return compileTemplate(pack).render(data).replace(/^<document>|<\/document>$/g, '');
}

const doc = (body: string) => `<document>${body}</document>`;


describe('numeral and format helpers in a template', () => {
  it('write years, counts, money, dates, percentages and fixed places', () => {
    const out = render(doc('<p>{{cnYear year}}|{{cnNumber n}}|{{cnMoney m}}|{{cnDateUpper d}}|{{cnDate d}}|{{percent r 1}}|{{fixed v 2}}</p>'),
      { year: 2023, n: 12, m: 12000, d: '2023-08-21', r: 0.622, v: 3 });
    expect(out).toBe('<p>二〇二三年|十二|壹万贰仟元整|二〇二三年八月二十一日|2023年8月21日|62.2%|3.00</p>');
  });

  it('compare as numbers with lt, gte and lte (CSV text included)', () => {
    const t = doc('<p>{{#if (lt a b)}}lt {{/if}}{{#if (gte a b)}}gte {{/if}}{{#if (lte a b)}}lte {{/if}}{{#if (gt a b)}}gt{{/if}}</p>');
    expect(render(t, { a: 1, b: 2 })).toBe('<p>lt lte </p>');
    expect(render(t, { a: 2, b: 2 })).toBe('<p>gte lte </p>');
    expect(render(t, { a: '10', b: '9' })).toBe('<p>gte gt</p>');
  });

  it('fail at the template line and column of the call, with the value in the message', () => {
    const e = thrownBriefingError(() => render(doc('\n<p>合计：\n  {{cnMoney total}}</p>'), { total: -5 }));
    expect(e.code).toBe('E_TEMPLATE_RENDER');
    expect(e.location).toMatchObject({ file: '/virtual/t.hbs', line: 3, column: 3 });
    expect(e.message).toContain('cnMoney: -5 is negative');
    const nan = thrownBriefingError(() => render(doc('<p>{{percent rate 1}}</p>'), { rate: '六成' }));
    expect(nan.message).toContain('percent: "六成" is not a number');
    const missing = thrownBriefingError(() => render(doc('<p>{{fixed value 2}}</p>'), {}));
    expect(missing.message).toContain('fixed: no value given');
  });
});

describe('the markdown helper', () => {
  const loaded = loadData(join(fixtures, 'projects/markdown/report.yaml'));
  const { data } = attachMarkdown(loaded.data, loaded, createHost({ projectRoot: join(fixtures, 'projects/markdown') }));

  it('inserts the Markdown as markup, unescaped by Handlebars', () => {
    const out = render(doc('{{#each sections}}{{markdown body}}{{/each}}'), data);
    expect(out).toContain('<p>8月21日，');
    expect(out).toContain('<strong>审议通过了两份实施意见</strong>');
    expect(out).toContain('<h2>工作方法</h2>');
    expect(out).toContain('<li><strong>强起来</strong>：');
    expect(out).toContain('&lt;page-break/&gt;、&lt;/table&gt;、{{x}} 和 &amp;nbsp;');
  });

  it('takes the heading level and list numbering from the hash', () => {
    const out = render(doc('{{#each sections}}{{markdown body heading=3 numbering="decimal"}}{{/each}}'), data);
    expect(out).toContain('<h3>工作方法</h3>');
    expect(out).toContain('<ol numbering="decimal">');
    const e = thrownBriefingError(() => render(doc('{{#each sections}}{{markdown body heading=7}}{{/each}}'), data));
    expect(e.message).toContain('heading= must be 1, 2, 3 or 4');
  });

  it('refuses text or an object the load stage did not attach, so data cannot inject markup', () => {
    const t = doc('{{markdown body}}');
    expect(thrownBriefingError(() => render(t, { body: '<page-break/>' })).message).toContain('markdown: expects a value written { markdown: "file.md" } in the data, got the text "<page-break/>"');
    expect(thrownBriefingError(() => render(t, { body: { markdown: 'x.md' } })).message).toContain('got an object that names no .md file');
    const e = thrownBriefingError(() => render(t, {}));
    expect(e.message).toContain('got nothing (is the field missing?)');
    expect(e.location).toMatchObject({ file: '/virtual/t.hbs', line: 1 });
  });
});
