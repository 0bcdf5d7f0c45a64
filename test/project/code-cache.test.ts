import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModule, loadCachedModule, saveCachedModule } from '../../src/project/code-cache.js';
import { signCode, verifyCode } from '../../src/project/code-signature.js';
import { tempDir } from '../helpers/run-cli.js';

const source = 'module.exports = (x) => x * 2;\n';

describe('signed code in a project\'s .briefing-cache', () => {
  it('signs with a key made once per user, readable by that user only', () => {
    const keyDir = join(tempDir(), 'briefing');
    const signature = signCode(source, keyDir)!;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signCode(source, keyDir)).toBe(signature);
    expect(verifyCode(source, signature, keyDir)).toBe(true);
    expect(verifyCode(`${source} `, signature, keyDir)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(keyDir, 'code-signing.key')).mode & 0o077).toBe(0);
  });

  it('runs a module this user saved, and nothing another key signed, changed or unsigned', () => {
    const [cacheDir, mine, theirs] = [tempDir(), tempDir(), tempDir()];
    expect(saveCachedModule(cacheDir, 'things', 'k1', source, mine)).toBe(true);
    expect(loadCachedModule<(x: number) => number>(cacheDir, 'things', 'k1', mine)!(21)).toBe(42);
    // Written by someone else (a project folder from elsewhere): their key is not ours.
    expect(loadCachedModule(cacheDir, 'things', 'k1', theirs)).toBeUndefined();
    const file = join(cacheDir, 'things', 'k1.cjs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('x * 2', 'x * 3'));
    expect(loadCachedModule(cacheDir, 'things', 'k1', mine)).toBeUndefined();
    writeFileSync(file, source);
    expect(loadCachedModule(cacheDir, 'things', 'k1', mine)).toBeUndefined();
    expect(loadCachedModule(cacheDir, 'things', 'missing', mine)).toBeUndefined();
  });

  it('saves nothing, without failing, where it cannot write or sign', () => {
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    expect(saveCachedModule(blocked, 'things', 'k', source, tempDir())).toBe(false);
    expect(saveCachedModule(tempDir(), 'things', 'k', source, join(blocked, 'no-key-here'))).toBe(false);
  });

  it('evaluates CommonJS, resolving what it requires from briefing\'s own dependencies', () => {
    const equal = evaluateModule<(a: unknown, b: unknown) => boolean>('module.exports = require("ajv/dist/runtime/equal").default;');
    expect(equal({ a: [1] }, { a: [1] })).toBe(true);
  });
});
