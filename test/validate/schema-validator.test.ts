import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCaches } from '../../src/host/caches.js';
import { loadData, type LoadedData } from '../../src/load/load-data.js';
import { evaluateModule, loadCachedModule } from '../../src/project/code-cache.js';
import { compileValidator, schemaKey } from '../../src/validate/schema-compiler.js';
import { VALIDATORS, validatorFor } from '../../src/validate/schema-validator.js';
import { compileSchema, validateWith } from '../../src/validate/validate-data.js';
import type { ValidateFunction } from 'ajv';
import { fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';

const schemaFiles = [
  join(fixtures, 'templates/mini/schema.json'),
  ...readdirSync(join(repoRoot, 'templates')).map((t) => join(repoRoot, 'templates', t, 'schema.json')).filter(existsSync),
];

/** Every data file the fixtures and templates hold that loads: good and bad, for every schema. */
function dataFiles(): LoadedData[] {
  const dirs = [join(fixtures, 'bad'), join(fixtures, 'projects/mini'), join(fixtures, 'data'), ...readdirSync(join(repoRoot, 'templates')).map((t) => join(repoRoot, 'templates', t))];
  const out: LoadedData[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir)) {
      if (!/\.(ya?ml|json)$/.test(f) || f === 'cases.yaml' || f === 'template.yaml' || f === 'style.yaml') continue;
      try {
        out.push(loadData(join(dir, f)));
      } catch {
        // Files that do not load never reach the schema.
      }
    }
  }
  return out;
}

const summary = (loaded: LoadedData, validate: ValidateFunction) => validateWith(loaded, validate).map((e) => ({ message: e.message, ...e.location }));

describe('precompiled (standalone) validators', () => {
  it('report exactly what the schema compiled at run time reports, message and position', () => {
    const data = dataFiles();
    let violations = 0;
    for (const file of schemaFiles) {
      const { validate, source } = compileValidator(JSON.parse(readFileSync(file, 'utf8')));
      const standalone = evaluateModule<ValidateFunction>(source!);
      for (const loaded of data) {
        const expected = summary(loaded, validate);
        expect(summary(loaded, standalone), `${loaded.file} against ${file}`).toEqual(expected);
        expect(standalone.errors, loaded.file).toEqual(validate.errors);
        violations += expected.length;
      }
    }
    expect(violations).toBeGreaterThan(50);
  });

  it('are found by content, not by file name or formatting', () => {
    const schema = JSON.parse(readFileSync(schemaFiles[0]!, 'utf8'));
    expect(schemaKey(JSON.parse(JSON.stringify(schema, null, 4)))).toBe(schemaKey(schema));
    expect(schemaKey({ ...schema, required: [] })).not.toBe(schemaKey(schema));
  });
});

describe('validators of a project\'s own schemas, cached in .briefing-cache', () => {
  beforeEach(() => {
    vi.stubEnv('XDG_CACHE_HOME', tempDir()); // the signing key, kept out of the real home
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const schema = () => ({ type: 'object', additionalProperties: false, properties: { n: { type: 'number' } }, $comment: `test ${Math.random()}` });

  it('is compiled once and written, then read back instead of compiled', () => {
    const cacheDir = tempDir();
    const s = schema();
    const caches = createCaches();
    const validate = validatorFor(s, { cacheDir, caches });
    expect(validatorFor(s, { cacheDir, caches })).toBe(validate); // the same caches asked again: no second compile
    const cached = loadCachedModule<ValidateFunction>(cacheDir, VALIDATORS, schemaKey(s));
    expect(cached).toBeTypeOf('function');
    expect(cached!({ n: 'x' })).toBe(false);
    expect(cached!.errors).toEqual(validate({ n: 'x' }) ? [] : validate.errors);
  });

  it('is not written when asked not to (validate), and an unwritable cache only costs time', () => {
    const cacheDir = tempDir();
    validatorFor(schema(), { cacheDir, writeCache: false });
    expect(readdirSync(cacheDir)).toEqual([]);
    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, '');
    expect(validatorFor(schema(), { cacheDir: notAFolder })({ n: 1 })).toBe(true);
  });

  it('is not run when someone else wrote or changed it', () => {
    const cacheDir = tempDir();
    const s = schema();
    validatorFor(s, { cacheDir });
    const file = join(cacheDir, VALIDATORS, `${schemaKey(s)}.cjs`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nglobalThis.pwned = true;\n`);
    expect(loadCachedModule(cacheDir, VALIDATORS, schemaKey(s))).toBeUndefined();
  });

  it('sees a schema file edited since (watch)', () => {
    const dir = tempDir();
    const file = join(dir, 'schema.json');
    writeFileSync(file, JSON.stringify({ type: 'object', properties: { n: { type: 'number' } } }));
    expect(compileSchema(file)({ n: 'x' })).toBe(false);
    writeFileSync(file, JSON.stringify({ type: 'object', properties: { n: { type: 'string' } } }, null, 2));
    expect(compileSchema(file)({ n: 'x' })).toBe(true);
  });
});
