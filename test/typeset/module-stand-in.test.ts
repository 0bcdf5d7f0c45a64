import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferLoading } from '../../src/typeset/module-stand-in.js';
import { tempDir } from '../helpers/run-cli.js';

/** A package `name` whose module records in `globalThis.loaded` when it is loaded. */
function installed(dir: string, name: string, source: string): string {
  const where = join(dir, 'node_modules', name);
  mkdirSync(where, { recursive: true });
  writeFileSync(join(where, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  writeFileSync(join(where, 'index.js'), `(globalThis.loaded ??= []).push('${name}');\n${source}`);
  return where;
}

describe('a deferred module', () => {
  it('loads when first used: a class with new, a function called, an object read', () => {
    const dir = tempDir();
    installed(dir, 'a-class', 'module.exports = class Breaker { constructor(t) { this.t = t; } next() { return this.t; } };');
    installed(dir, 'a-function', 'module.exports = (x) => x * 2;');
    installed(dir, 'an-object', 'module.exports = { answer: 42 };');
    const require = createRequire(join(dir, 'index.js'));
    const loaded = ((globalThis as { loaded?: string[] }).loaded ??= []);
    for (const name of ['a-class', 'a-function', 'an-object']) deferLoading(require, require.resolve(name));

    const Breaker = require('a-class') as new (t: string) => { next(): string };
    const double = require('a-function') as (x: number) => number;
    const object = require('an-object') as { answer: number };
    expect(loaded).toEqual([]);
    expect(new Breaker('行').next()).toBe('行');
    expect(loaded).toEqual(['a-class']);
    expect(double(21)).toBe(42);
    expect(object.answer).toBe(42);
    expect(loaded).toEqual(['a-class', 'a-function', 'an-object']);
  });
});
