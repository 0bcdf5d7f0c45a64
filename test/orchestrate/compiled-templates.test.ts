import { cpSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaches } from '../../src/host/caches.js';
import { createHost } from '../../src/host/host.js';
import { compiledTemplate } from '../../src/orchestrate/compiled-templates.js';
import { fixtures, tempDir } from '../helpers/run-cli.js';

function miniPack(): string {
  const dir = join(tempDir(), 'mini');
  cpSync(join(fixtures, 'templates/mini'), dir, { recursive: true });
  return dir;
}

const data = { title: 't', author: 'a', items: [{ name: '甲', value: 1 }] };

describe('compiled templates in a batch', () => {
  it('are compiled once and reused for every document while the pack is unchanged', () => {
    const dir = miniPack();
    const host = createHost({ projectRoot: dir });
    const first = compiledTemplate(dir, {}, host);
    expect(compiledTemplate(dir, {}, host)).toBe(first);
    expect(compiledTemplate(dir, {}, host).pack).toBe(first.pack);
    // Another host of the same batch (the same caches), say for a document of another project.
    expect(compiledTemplate(dir, {}, createHost({ projectRoot: dir, caches: host.caches }))).toBe(first);
  });

  it('are compiled again when a partial changes, so watch renders what was saved', () => {
    const dir = miniPack();
    const host = createHost({ projectRoot: dir });
    const first = compiledTemplate(dir, {}, host);
    expect(first.render(data)).toContain('<p>甲：1</p>');
    const partial = join(dir, 'partials/item.hbs');
    writeFileSync(partial, '<p>{{name}} = {{value}}</p>\n');
    utimesSync(partial, new Date(), new Date(Date.now() + 5000)); // a save the clock cannot miss
    const second = compiledTemplate(dir, {}, host);
    expect(second).not.toBe(first);
    expect(second.render(data)).toContain('<p>甲 = 1</p>');
  });
});

describe('two hosts', () => {
  it('share no compiled template: a pack changed on disk between them is read anew', () => {
    const dir = miniPack();
    const partial = join(dir, 'partials/item.hbs');
    const time = new Date('2026-01-01T00:00:00Z'); // whole seconds: every file system keeps them exactly
    utimesSync(partial, time, time);
    const before = statSync(partial);
    const first = createHost({ projectRoot: dir });
    expect(compiledTemplate(dir, {}, first).render(data)).toContain('<p>甲：1</p>');
    // The same size and time: a change no stamp can see (a copy that keeps times, a coarse clock).
    writeFileSync(partial, '<p>{{name}}＝{{value}}</p>\n');
    expect(statSync(partial).size).toBe(before.size);
    utimesSync(partial, time, time);
    expect(statSync(partial).mtimeMs).toBe(before.mtimeMs);
    // The host that read it keeps what it compiled, as a batch does between its documents …
    expect(compiledTemplate(dir, {}, first).render(data)).toContain('<p>甲：1</p>');
    // … while a new host, with caches of its own, reads the pack from disk.
    expect(compiledTemplate(dir, {}, createHost({ projectRoot: dir })).render(data)).toContain('<p>甲＝1</p>');
    expect(compiledTemplate(dir, {}, createHost({ projectRoot: dir, caches: createCaches() })).render(data)).toContain('<p>甲＝1</p>');
  });
});
