import { cpSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledTemplate } from '../../src/orchestrate/compiled-templates.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';

describe('compiled templates in a batch', () => {
  it('are compiled once and reused for every document while the pack is unchanged', () => {
    const dir = join(tempDir(), 'mini');
    cpSync(join(fixtures, 'templates/mini'), dir, { recursive: true });
    const first = compiledTemplate(dir);
    expect(compiledTemplate(dir)).toBe(first);
    expect(compiledTemplate(dir).pack).toBe(first.pack);
  });

  it('are compiled again when a partial changes, so watch renders what was saved', () => {
    const dir = join(tempDir(), 'mini');
    cpSync(join(fixtures, 'templates/mini'), dir, { recursive: true });
    const data = { title: 't', author: 'a', items: [{ name: '甲', value: 1 }] };
    const first = compiledTemplate(dir);
    expect(first.render(data)).toContain('<p>甲：1</p>');
    const partial = join(dir, 'partials/item.hbs');
    writeFileSync(partial, '<p>{{name}} = {{value}}</p>\n');
    utimesSync(partial, new Date(), new Date(Date.now() + 5000)); // a save the clock cannot miss
    const second = compiledTemplate(dir);
    expect(second).not.toBe(first);
    expect(second.render(data)).toContain('<p>甲 = 1</p>');
  });
});
