import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStyle } from '../../src/document/style.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('loadStyle', () => {
  it('reads a style file once, and again after it is edited (as watch needs)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'briefing-style-')), 'style.yaml');
    const source = readFileSync(join(repoRoot, 'templates/bulletin/style.yaml'), 'utf8');
    writeFileSync(file, source);
    const first = loadStyle(file);
    expect(loadStyle(file)).toBe(first);
    const edited = source.replace('margins: { top: 22mm,', 'margins: { top: 40mm,');
    expect(edited).not.toBe(source);
    writeFileSync(file, edited);
    // A later modification time, even where the file system's clock is coarse.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = loadStyle(file);
    expect(second).not.toBe(first);
    expect(second.page.margins.top).toBeCloseTo((40 * 72) / 25.4, 3);
  });
});
