import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, formatHint, formatMessage, type ErrorCode } from '../../src/errors/catalogue.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('the error catalogue and docs/errors.md', () => {
  const documented = [...readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8').matchAll(/^## (E_[A-Z_]+)$/gm)].map((m) => m[1]);

  it('documents every code once, and no code that does not exist', () => {
    expect([...documented].sort()).toEqual(Object.keys(catalogue).sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('words every message and hint in both languages', () => {
    for (const code of Object.keys(catalogue) as ErrorCode[]) {
      const params = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `<${key}>` : undefined) }) as Record<string, string>;
      const en = formatMessage(code, params, 'en');
      const zh = formatMessage(code, params, 'zh');
      expect(en, code).not.toMatch(/undefined/);
      expect(zh, code).not.toMatch(/undefined/);
      expect(formatHint(code, params, 'en') === undefined, code).toBe(formatHint(code, params, 'zh') === undefined);
    }
  });
});
