import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/load/load-data.js';
import { precompiledModule } from '../../src/project/precompiled-code.js';
import { CHECKED_PACKS } from '../../src/render/check-template.js';
import { TEMPLATES, templateKey } from '../../src/render/template-specs.js';
import { loadTemplatePack } from '../../src/template/template-pack.js';
import { schemaKey } from '../../src/validate/schema-compiler.js';
import { SETTINGS } from '../../src/validate/load-settings.js';
import { VALIDATORS } from '../../src/validate/schema-validator.js';
import { validateWith } from '../../src/validate/validate-data.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

describe('scripts/precompile.mjs (run by npm run build)', () => {
  it('precompiles every bundled template\'s schema and files, and briefing\'s own settings schemas', () => {
    const out = join(tempDir(), 'precompiled');
    execFileSync(process.execPath, [join(repoRoot, 'scripts/precompile.mjs'), out], { cwd: repoRoot });
    const packs = readdirSync(join(repoRoot, 'templates')).filter((t) => existsSync(join(repoRoot, 'templates', t, 'template.yaml')));
    const schemaKeys = new Set<string>();
    for (const name of packs) {
      const pack = loadTemplatePack(join(repoRoot, 'templates', name));
      const key = schemaKey(JSON.parse(readFileSync(pack.schemaFile, 'utf8')));
      schemaKeys.add(key);
      const validate = precompiledModule<ValidateFunction>(VALIDATORS, key, out);
      expect(validate, name).toBeTypeOf('function');
      expect(validateWith(loadData(join(pack.dir, 'sample.yaml')), validate!), name).toEqual([]);
      for (const { file, source } of [pack.entry, ...pack.partials.values()]) {
        expect(existsSync(join(out, TEMPLATES, `${templateKey(source)}.cjs`)), file).toBe(true);
      }
    }
    // Plus style.yaml's and briefing.config.yaml's schemas.
    expect(readdirSync(join(out, VALIDATORS))).toHaveLength(schemaKeys.size + 2);
    // And every bundled style.yaml, parsed and checked.
    expect(readdirSync(join(out, SETTINGS))).toHaveLength(packs.length);
    expect(readdirSync(join(out, CHECKED_PACKS))).toHaveLength(packs.length);
  });
});
