import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/errors/catalogue.js';
import { vocabulary } from '../../src/markup/vocabulary.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('docs follow the code', () => {
  const markupDoc = readFileSync(join(repoRoot, 'docs/markup.md'), 'utf8');

  it('docs/markup.md has a section for every element naming all its attributes', () => {
    for (const [name, spec] of Object.entries(vocabulary)) {
      const start = markupDoc.indexOf(`### \`<${name}>\``);
      expect(start, `section for <${name}>`).toBeGreaterThanOrEqual(0);
      const next = markupDoc.indexOf('\n### ', start + 1);
      const section = markupDoc.slice(start, next === -1 ? undefined : next);
      for (const attr of Object.keys(spec.attrs)) expect(section, `<${name} ${attr}>`).toContain(attr);
    }
  });

  it('docs/errors.md explains every error code', () => {
    const errorsDoc = readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8');
    for (const code of Object.keys(catalogue)) expect(errorsDoc, code).toMatch(new RegExp(`^## ${code}\\b`, 'm'));
  });
});
