import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host.js';
import { loadConfig } from '../../src/project/load-config.js';
import { thrownBriefingError } from '../helpers/briefing-error.js';
import { tempDir } from '../helpers/run-cli.js';

describe('loadConfig', () => {
  it('reads the config once for a whole batch, and again when it is saved (watch)', () => {
    const dir = tempDir();
    const file = join(dir, 'briefing.config.yaml');
    writeFileSync(file, 'jobs:\n  - data: a/*.yaml\n');
    const host = createHost({ projectRoot: dir });
    const first = loadConfig(file, host);
    expect(first.jobs[0]).toMatchObject({ data: ['a/*.yaml'], line: 2 });
    expect(loadConfig(file, host)).toBe(first);
    expect(loadConfig(file)).not.toBe(first); // a host of its own keeps nothing of another's
    writeFileSync(file, 'jobs:\n  - data: b/*.yaml\n    output: out/{stem}.pdf\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadConfig(file, host).jobs[0]).toMatchObject({ data: ['b/*.yaml'], output: 'out/{stem}.pdf' });
  });

  it('reports a mistake at its line every time it is read, not once', () => {
    const file = join(tempDir(), 'briefing.config.yaml');
    writeFileSync(file, 'jobs: []\nfont: {}\n');
    for (let i = 0; i < 2; i++) {
      const e = thrownBriefingError(() => loadConfig(file));
      expect(e.code).toBe('E_CONFIG');
      expect(e.location.line).toBe(2);
    }
  });

  it('reads print: paper and PDF/A for the project and per job', () => {
    const file = join(tempDir(), 'briefing.config.yaml');
    writeFileSync(file, 'print: { pdfa: true }\njobs:\n  - data: a/*.yaml\n    print: { paper: 16开 }\n');
    const config = loadConfig(file);
    expect(config.print).toEqual({ pdfa: true });
    expect(config.jobs[0]!.print).toEqual({ paper: '16开' });
  });

  it('refuses an unknown paper at its line, and a print option it does not know', () => {
    const file = join(tempDir(), 'briefing.config.yaml');
    writeFileSync(file, 'jobs:\n  - data: a/*.yaml\n    print:\n      paper: 16kai\n');
    const e = thrownBriefingError(() => loadConfig(file));
    expect(e.code).toBe('E_CONFIG');
    expect(e.message).toMatch(/jobs\.0\.print\.paper: unknown paper "16kai"/);
    expect(e.location.line).toBe(4);
    writeFileSync(file, 'print: { colour: cmyk }\n');
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect(thrownBriefingError(() => loadConfig(file)).code).toBe('E_CONFIG');
  });

  it('reads the print shop\'s options: the bleed in pt, marks as a list, the profile from the config\'s folder', () => {
    const dir = tempDir();
    const file = join(dir, 'briefing.config.yaml');
    writeFileSync(file, 'print:\n  bleed: 3mm\n  marks: crop\n  color: cmyk\n  tagged: true\n  outputProfile: press/coated.icc\njobs:\n  - data: a/*.yaml\n    print: { bleed: 5, marks: [crop, registration] }\n');
    const config = loadConfig(file);
    expect(config.print).toEqual({ bleed: expect.closeTo((3 * 72) / 25.4, 6), marks: ['crop'], color: 'cmyk', tagged: true, outputProfile: join(dir, 'press/coated.icc') });
    expect(config.jobs[0]!.print).toEqual({ bleed: expect.closeTo((5 * 72) / 25.4, 6), marks: ['crop', 'registration'] });
    writeFileSync(file, 'print:\n  marks: [crop, trim]\n');
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    const e = thrownBriefingError(() => loadConfig(file));
    expect(e.code).toBe('E_CONFIG');
    expect(e.message).toMatch(/print\.marks: takes crop, registration or both/);
    expect(e.location.line).toBe(2);
  });
});
