import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { EXPANSION_ALLOWANCE, MAX_DEPTH } from '../../src/load/data-guards.js';
import { loadData } from '../../src/load/load-data.js';
import { tempDir } from '../helpers/run-cli.js';

const dir = tempDir();
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

function failure(path: string): BriefingError {
  try {
    loadData(path);
  } catch (e) {
    if (e instanceof BriefingError) return e;
    throw e;
  }
  throw new Error('expected a BriefingError');
}

const nestedYaml = (levels: number) => `title: x\ndeep:\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`;
const nestedJson = (levels: number) => `{"title": "x",\n"deep": ${'['.repeat(levels)}${']'.repeat(levels)}}`;

describe('loadData refuses what later stages could not survive', () => {
  it(`accepts ${MAX_DEPTH} levels and refuses one more, at its line`, () => {
    // Levels are mappings and lists: the top level is 1, `deep:` holds level 2, each `a:` but the
    // last holds one more.
    expect(loadData(file('ok.yaml', nestedYaml(MAX_DEPTH - 1))).data.title).toBe('x');
    const e = failure(file('deep.yaml', nestedYaml(MAX_DEPTH)));
    expect(e.code).toBe('E_YAML_SYNTAX');
    expect(e.message).toBe(`invalid YAML: the data is nested more than ${MAX_DEPTH} levels deep`);
    // The mapping at level 101 starts on the line of the 100th `a:`.
    expect(e.location.line).toBe(MAX_DEPTH + 2);
  });

  it('refuses deep JSON before parsing, at the bracket that goes too deep', () => {
    expect(loadData(file('ok.json', nestedJson(MAX_DEPTH - 1))).data.title).toBe('x');
    const e = failure(file('deep.json', nestedJson(MAX_DEPTH)));
    expect(e.code).toBe('E_JSON_SYNTAX');
    expect(e.location).toMatchObject({ line: 2, column: 9 + MAX_DEPTH - 1 });
    // Brackets inside strings do not count.
    expect(loadData(file('text.json', `{"t": "${'['.repeat(500)}\\"${'{'.repeat(500)}"}`)).data.t).toHaveLength(1001);
  });

  it('survives nesting far past the parsers\' own stack', () => {
    expect(failure(file('huge.json', nestedJson(200_000))).code).toBe('E_JSON_SYNTAX');
    expect(failure(file('huge.yaml', `deep: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)).code).toBe('E_YAML_SYNTAX');
  });

  it('refuses an alias inside the list or mapping it names', () => {
    const e = failure(file('loop.yaml', 'title: x\nloop: &l\n  - 1\n  - *l\n'));
    expect(e.message).toBe('invalid YAML: an alias refers to a list or mapping that contains it');
    expect(e.location.line).toBe(4);
    // The same anchor used twice side by side is fine.
    expect(loadData(file('twice.yaml', 'a: &a { v: 1 }\nb: [*a, *a]\n')).data.b).toEqual([{ v: 1 }, { v: 1 }]);
  });

  it('refuses a key that is a list or mapping, without a Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const e = failure(file('key.yaml', 'title: x\n? { a: 1 }\n: 2\n'));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(e.message).toBe('invalid YAML: a key must be text, not a list or mapping');
    expect(e.location).toMatchObject({ line: 2, column: 3 });
  });

  it('refuses a key repeated in one JSON object, but not the same key in two objects', () => {
    const e = failure(file('dup.json', '{"a": {"k": 1, "k": 2}}'));
    expect(e.message).toBe('invalid JSON: the key "k" appears twice in one object');
    expect(e.location).toMatchObject({ line: 1, column: 16 });
    expect(loadData(file('two.json', '{"a": {"k": 1}, "b": {"k": 2}}')).data).toEqual({ a: { k: 1 }, b: { k: 2 } });
  });

  it('refuses aliases that repeat text past the allowance, at the alias that spent it, but lets anchors repeat short values', () => {
    const long = 'x'.repeat(EXPANSION_ALLOWANCE / 4);
    const e = failure(file('bomb.yaml', `a: &t "${long}"\nb: [*t, *t, *t, *t, *t]\n`));
    expect(e.code).toBe('E_DATA_EXPANSION');
    expect(e.location).toMatchObject({ dataPath: 'b[4]', line: 2 }); // the file holds a and the four before it
    expect(loadData(file('names.yaml', `who: &w 区委办公室\nlist: [${Array(900).fill('*w').join(', ')}]\n`)).data.list).toHaveLength(900);
  });

  it('refuses a number that is no figure at its line: .nan, -.inf, and 1e400 in JSON', () => {
    expect(failure(file('nan.yaml', 'a:\n  b: .nan\n')).location).toMatchObject({ dataPath: 'a.b', line: 2, column: 6 });
    expect(failure(file('inf.yaml', 'a: [1, -.inf]\n')).message).toContain('a[1] is -.inf (infinite');
    const json = failure(file('big.json', '{"a": 1e400}'));
    expect([json.code, json.location.line, json.location.column]).toEqual(['E_DATA_NUMBER', 1, 7]);
    expect(loadData(file('fine.json', '{"a": 1e300, "b": -9007199254740993}')).data).toEqual({ a: 1e300, b: -9007199254740992 }); // the nearest double, as JSON.parse reads it
  });
});
