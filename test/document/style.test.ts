import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStyle, styleSchema } from '../../src/document/style.js';
import { createHost } from '../../src/host/host.js';
import { loadData } from '../../src/load/load-data.js';
import { loadSettings } from '../../src/validate/load-settings.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('loadStyle', () => {
  it('reads a style file once per host, and again after it is edited (as watch needs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-style-'));
    const file = join(dir, 'style.yaml');
    const source = readFileSync(join(repoRoot, 'templates/bulletin/style.yaml'), 'utf8');
    writeFileSync(file, source);
    const host = createHost({ projectRoot: dir });
    const first = loadStyle(file, { host });
    expect(loadStyle(file, { host })).toBe(first);
    expect(loadStyle(file, { host: createHost({ projectRoot: dir }) })).not.toBe(first);
    const edited = source.replace('margins: { top: 22mm,', 'margins: { top: 40mm,');
    expect(edited).not.toBe(source);
    writeFileSync(file, edited);
    // A later modification time, even where the file system's clock is coarse.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = loadStyle(file, { host });
    expect(second).not.toBe(first);
    expect(second.page.margins.top).toBeCloseTo((40 * 72) / 25.4, 3);
  });
});

describe('bundled style sheets, parsed and checked when briefing is built', () => {
  const bundled = ['bulletin', 'gongwen', 'handout', 'stats'].map((t) => join(repoRoot, 'templates', t, 'style.yaml'));

  it('are served precompiled (npm run build), with the values a fresh parse gives', () => {
    for (const file of bundled) {
      const served = loadSettings(file, styleSchema, 'E_STYLE');
      expect(served.precompiled, file).toBe(true);
      expect(served.data, file).toEqual(loadData(file).data);
    }
  });

  it('an edited copy is parsed and checked as any other file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'briefing-style-')), 'style.yaml');
    const source = readFileSync(bundled[0]!, 'utf8');
    writeFileSync(file, source);
    expect(loadSettings(file, styleSchema, 'E_STYLE').precompiled).toBe(true); // same text, same values
    writeFileSync(file, source.replace('leading: 1.7', 'leading: tall'));
    expect(() => loadSettings(file, styleSchema, 'E_STYLE')).toThrow(expect.objectContaining({ code: 'E_STYLE' }));
  });
});
