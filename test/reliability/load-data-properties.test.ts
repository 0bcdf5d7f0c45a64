import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { attachMarkdown } from '../../src/load/attach-markdown.js';
import { attachTables } from '../../src/load/attach-tables.js';
import { loadData } from '../../src/load/load-data.js';
import { tempDir } from '../helpers/run-cli.js';
import { createHost } from '../../src/host/host.js';

// A fixed seed keeps CI reproducible; FC_SEED=random (or a number) explores other inputs locally.
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20230821) });

/**
 * Whatever bytes a data file holds, loadData ends in data or a BriefingError — never another
 * exception, a hang, or a change to Object.prototype. Runs are bounded to keep the suite quick.
 */
const RUNS = 300;
const dir = tempDir('briefing-prop-');
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(content: string | Uint8Array, ext: '.yaml' | '.json'): 'data' | 'error' {
  const file = join(dir, `case-${counter++}${ext}`);
  writeFileSync(file, content);
  try {
    const loaded = loadData(file);
    expect(typeof loaded.data).toBe('object');
    return 'data';
  } catch (e) {
    if (e instanceof BriefingError) {
      expect(e.location.file).toBe(file);
      return 'error';
    }
    throw e;
  }
}

/** Pieces of YAML syntax, so random strings reach the parser's corners instead of failing on line 1. */
const yamlToken = fc.constantFrom(
  'a', 'b: ', ':', ' ', '  ', '\n', '\t', '- ', '&x ', '*x', '[', ']', '{', '}', ',', '"', "'", '|', '>', '? ', '#', '!!binary ',
  '!!str ', '!foo ', '<<: ', '__proto__', 'constructor', 'polluted', '---\n', '...\n', '%YAML 1.1\n', '\\', '\u00a0', '\uFEFF', '甲',
  '0x1F', '1e400', '.nan', '~', 'null', 'true',
);
const jsonToken = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '"__proto__"', '"a"', '1', '-0', '1e999', 'true', 'null', ' ', '\n', '\\', '\\u', 'd800', '//', '/*');

describe('loadData on arbitrary input', () => {
  afterEach(() => {
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('arbitrary text as .yaml', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void load(s, '.yaml')), { numRuns: RUNS });
  }, 60_000);

  it('YAML token soup as .yaml', () => {
    fc.assert(fc.property(fc.array(yamlToken, { maxLength: 80 }), (parts) => void load(parts.join(''), '.yaml')), { numRuns: RUNS });
  }, 60_000);

  it('arbitrary text and JSON token soup as .json', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void load(s, '.json')), { numRuns: RUNS });
    fc.assert(fc.property(fc.array(jsonToken, { maxLength: 80 }), (parts) => void load(parts.join(''), '.json')), { numRuns: RUNS });
  }, 60_000);

  it('arbitrary bytes as .yaml and .json', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, json) => void load(bytes, json ? '.json' : '.yaml')), { numRuns: RUNS });
  }, 60_000);

  it('reads back any JSON object it is given, as JSON and as YAML', () => {
    const object = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 });
    fc.assert(fc.property(object, (value) => {
      const json = JSON.stringify(value);
      // jsonValue may produce -0, which JSON writes as 0: compare with what JSON itself reads back.
      const expected = JSON.parse(json) as unknown;
      expect(load(json, '.json')).toBe('data');
      expect(loadData(join(dir, `case-${counter - 1}.json`)).data).toEqual(expected);
      expect(load(stringify(value), '.yaml')).toBe('data');
      // YAML, unlike JSON, writes and reads -0 as -0: compare with the value itself.
      expect(loadData(join(dir, `case-${counter - 1}.yaml`)).data).toEqual(value);
    }), { numRuns: RUNS });
  }, 60_000);
});

describe('loadData and keys named after Object.prototype members', () => {
  const prototypeKeys = '__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\n'
    + 'nested:\n  __proto__: { polluted: yes }\n  toString: 1\n  hasOwnProperty: 2\n';

  it('keeps them as plain keys of the data, in YAML', () => {
    const file = join(dir, 'proto.yaml');
    writeFileSync(file, prototypeKeys);
    const data = loadData(file).data as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor', 'nested']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data.nested!)).toEqual(['__proto__', 'toString', 'hasOwnProperty']);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('keeps them as plain keys through the stages that copy the data', () => {
    const file = join(dir, 'proto-copy.yaml');
    writeFileSync(file, prototypeKeys);
    const loaded = loadData(file);
    const tables = attachTables(loaded, createHost({ projectRoot: dir }));
    const { data } = attachMarkdown(tables.data, loaded, createHost({ projectRoot: dir }));
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor', 'nested']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('keeps them as plain keys of the data, in JSON', () => {
    const file = join(dir, 'proto.json');
    writeFileSync(file, '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "a": [{"__proto__": {"polluted": 1}}]}');
    const data = loadData(file).data;
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor', 'a']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(([] as unknown) as Record<string, unknown>).not.toHaveProperty('polluted');
  });
});
