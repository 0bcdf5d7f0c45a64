import { copyFileSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host.js';
import { loadFontSet } from '../../src/typeset/font-set.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('a project\'s own font', () => {
  it('is opened once per host\'s caches, and anew when the file is replaced (as watch needs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-font-'));
    const file = join(dir, 'own.ttf');
    copyFileSync(join(repoRoot, 'fonts/BriefingKai-Bold.ttf'), file);
    const host = createHost({ projectRoot: dir });
    const faceOf = () => loadFontSet({ serif: { normal: file } }, host).roles.get('serif')!.normal;
    const first = faceOf();
    expect(first.sfnt().postscriptName()).toBe('BriefingKai-Bold');
    expect(faceOf().sfnt()).toBe(first.sfnt());
    // Another host opens it for itself.
    expect(loadFontSet({ serif: { normal: file } }, createHost({ projectRoot: dir })).roles.get('serif')!.normal.sfnt()).not.toBe(first.sfnt());
    const kaiCoverage = first.coverage().size;

    copyFileSync(join(repoRoot, 'fonts/HanaMinA-Fallback.ttf'), file);
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = faceOf();
    expect(second.sfnt()).not.toBe(first.sfnt());
    expect(second.sfnt().postscriptName()).toMatch(/^HanaMinA/);
    expect(second.coverage().size).not.toBe(kaiCoverage);
  });
});
