import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precompiledData } from '../../src/project/precompiled-code.js';
import { CHECKED_PACKS, checkTemplatePack, packCheckKey } from '../../src/render/check-template.js';
import { compileTemplate, templateHelperNames } from '../../src/render/render-template.js';
import { formatChineseDate, formatNumber } from '../../src/render/helpers.js';
import { loadTemplatePack } from '../../src/template/template-pack.js';
import { fixtures, repoRoot } from '../helpers/run-cli.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';

const pack = (name: string) => loadTemplatePack(join(fixtures, 'templates', name));


describe('compileTemplate / render', () => {
  it('renders data into markup, escaping markup characters in data', () => {
    const t = compileTemplate(pack('mini'));
    const out = t.render({ title: '<page-break/> & {{x}}', author: 'a', items: [{ name: '甲', value: 1 }] });
    expect(out).toContain('<p>甲：1</p>');
    expect(out).toContain('&lt;page-break/&gt; &amp; {{x}}');
  });

  it('reports a field the data lacks at the partial file and line that reads it', () => {
    const t = compileTemplate(pack('missing-field'));
    const e = thrownBriefingError(() => t.render({ title: 't', author: 'a', items: [{ name: '甲', value: 1 }] }));
    expect(e.code).toBe('E_TEMPLATE_MISSING_FIELD');
    expect(e.params.field).toBe('unit');
    expect(e.location.file).toBe(join(fixtures, 'templates/missing-field/partials/item.hbs'));
    expect(e.location.line).toBe(1);
  });

  it('refuses a missing partial, a missing helper, an unknown element and a bad attribute before rendering', () => {
    const cases: [string, string, number][] = [
      ['missing-partial', 'E_PARTIAL_MISSING', 4],
      ['missing-helper', 'E_HELPER_MISSING', 2],
      ['unknown-element', 'E_MARKUP_UNKNOWN_ELEMENT', 3],
      ['bad-attribute', 'E_MARKUP_ATTRIBUTE_VALUE', 2],
    ];
    for (const [name, code, line] of cases) {
      const e = thrownBriefingError(() => compileTemplate(pack(name)));
      expect(e.code, name).toBe(code);
      expect(e.location.file, name).toBe(join(fixtures, 'templates', name, 'mini.hbs'));
      expect(e.location.line, name).toBe(line);
    }
  });

  it('does not let templates reach prototype properties', () => {
    const t = compileTemplate(pack('mini'));
    const out = t.render({ title: 't', author: 'a', items: [{ name: '甲', value: 1 }], constructor: 'x' });
    expect(out).not.toContain('function');
  });
});

describe('helpers', () => {
  it('formats numbers and dates the way Chinese official print does', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(186.6)).toBe('186.6');
    expect(formatChineseDate('2023-08-21')).toBe('2023年8月21日');
  });
});

describe('bundled templates, checked when briefing is built', () => {
  const bundled = (name: string) => loadTemplatePack(join(repoRoot, 'templates', name));

  it('are known as checked (npm run build), and pass the checks anyway', () => {
    for (const name of ['bulletin', 'gongwen', 'handout', 'stats']) {
      const p = bundled(name);
      expect(precompiledData(CHECKED_PACKS, packCheckKey(p, templateHelperNames())), name).toBeDefined();
      expect(() => checkTemplatePack(p, templateHelperNames())).not.toThrow();
    }
  });

  it('a copy with a partial gone or a file edited is checked as any other pack', () => {
    const p = bundled('bulletin');
    const partials = new Map(p.partials);
    partials.delete('masthead');
    expect(thrownBriefingError(() => compileTemplate({ ...p, partials })).code).toBe('E_PARTIAL_MISSING');
    const entry = { ...p.entry, source: `${p.entry.source}{{nosuchhelper 1}}` };
    expect(thrownBriefingError(() => compileTemplate({ ...p, entry })).code).toBe('E_HELPER_MISSING');
  });
});
