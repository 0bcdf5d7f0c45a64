import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/load/load-data.js';
import { validateData } from '../../src/validate/validate-data.js';
import { fixtures, repoRoot } from '../helpers/run-cli.js';

const miniSchema = join(fixtures, 'templates/mini/schema.json');

describe('validateData', () => {
  it('accepts the bulletin sample against its schema', () => {
    const loaded = loadData(join(repoRoot, 'templates/bulletin/sample.yaml'));
    expect(validateData(loaded, join(repoRoot, 'templates/bulletin/schema.json'))).toEqual([]);
  });

  it('reports every violation with its data path, file and line', () => {
    const file = join(fixtures, 'projects/mini/bad-schema.yaml');
    const errors = validateData(loadData(file), miniSchema);
    const byPath = Object.fromEntries(errors.map((e) => [e.location.dataPath, e]));
    expect(byPath['items[0].value']!.message).toContain('must be a number, not the text "三百六十"');
    expect(byPath['items[0].value']!.location).toMatchObject({ file, line: 6 });
    expect(byPath['items[1].valeu']!.message).toContain('is not a known key here');
    expect(byPath['items[1].valeu']!.location.line).toBe(8);
    expect(errors).toHaveLength(2);
  });

  it('names a missing required key at its parent', () => {
    const loaded = { file: 'x.yaml', data: { title: 't', items: [] }, locate: () => ({ line: 1, column: 1 }), written: [] };
    const [e] = validateData(loaded, miniSchema);
    expect(e!.message).toContain('is missing the required key "author"');
  });
});
