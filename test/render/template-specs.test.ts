import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachTables } from '../../src/load/attach-tables.js';
import { loadData } from '../../src/load/load-data.js';
import Handlebars, { handlebarsCompiler } from '../../src/render/handlebars.js';
import { builtinHelpers } from '../../src/render/helpers.js';
import { COMPILE_OPTIONS, TEMPLATES, templateFunction, templateKey, templateModuleSource } from '../../src/render/template-specs.js';
import { evaluateModule } from '../../src/project/code-cache.js';
import { loadTemplatePack, type TemplatePack } from '../../src/template/template-pack.js';
import { fixtures, repoRoot, tempDir } from '../helpers/run-cli.js';
import { createHost } from '../../src/host/host.js';

/**
 * Render a pack with its files compiled the old way (the full build's env.compile, on first
 * render) or from their precompiled form in the runtime's environment, as briefing renders.
 */
function render(pack: TemplatePack, data: unknown, precompiled: boolean): { out?: string; error?: unknown } {
  const full = handlebarsCompiler().create();
  const env = precompiled ? Handlebars.create() : full;
  env.registerHelper(builtinHelpers as Record<string, Handlebars.HelperDelegate>);
  const make = (source: string) => (precompiled
    ? env.template(evaluateModule(templateModuleSource(source)))
    : full.compile(source, { ...COMPILE_OPTIONS }));
  for (const [name, { source }] of pack.partials) env.registerPartial(name, make(source));
  try {
    return { out: make(pack.entry.source)(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }) };
  } catch (e) {
    const err = e as Error & { lineNumber?: number; column?: number };
    return { error: { message: err.message, line: err.lineNumber, column: err.column } };
  }
}

describe('precompiled template files', () => {
  it('render every bundled sample exactly as compiling on first render does', () => {
    for (const name of readdirSync(join(repoRoot, 'templates'))) {
      const dir = join(repoRoot, 'templates', name);
      const pack = loadTemplatePack(dir);
      const data = attachTables(loadData(join(dir, 'sample.yaml')), createHost({ projectRoot: repoRoot })).data;
      const compiled = render(pack, data, false);
      expect(compiled.out, name).toBeTypeOf('string');
      expect(render(pack, data, true), name).toEqual(compiled);
    }
  });

  it('fail at the same line and column when data lacks a field (strict)', () => {
    const pack = loadTemplatePack(join(fixtures, 'templates/missing-field'));
    const data = { title: 't', author: 'a', items: [{ name: '甲', value: 1 }] };
    const compiled = render(pack, data, false);
    expect(compiled.error).toMatchObject({ message: expect.stringContaining('"unit" not defined'), line: 1 });
    expect(render(pack, data, true)).toEqual(compiled);
  });

  it('a file Handlebars parses but cannot compile fails when rendered, with the error compiling on first render gives', () => {
    const source = '{{> item a b}}';
    const byCompile = (() => {
      try {
        handlebarsCompiler().create().compile(source, { ...COMPILE_OPTIONS })({});
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(byCompile).toMatch(/Unsupported number of partial arguments/);
    const fn = templateFunction(Handlebars.create(), source);
    expect(() => fn({})).toThrow(byCompile!);
  });

  it('leave the shared compile options as they are (Handlebars writes into the options it is given)', () => {
    const before = JSON.stringify(COMPILE_OPTIONS);
    const key = templateKey('{{a}}');
    templateModuleSource('{{#each items}}{{> item}}{{/each}}');
    expect(JSON.stringify(COMPILE_OPTIONS)).toBe(before);
    expect(templateKey('{{a}}')).toBe(key);
  });
});

describe('a project\'s own template files, cached compiled', () => {
  beforeEach(() => {
    vi.stubEnv('XDG_CACHE_HOME', tempDir());
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('are written to .briefing-cache once compiled, unless asked not to', () => {
    const env = Handlebars.create();
    const source = `<p>{{title}} ${Math.random()}</p>`;
    const readOnly = tempDir();
    expect(templateFunction(env, source, { cacheDir: readOnly, writeCache: false })({ title: '甲' })).toContain('<p>甲');
    expect(readdirSync(readOnly)).toEqual([]);
    const cacheDir = tempDir();
    const other = `<p>{{title}} ${Math.random()}</p>`;
    expect(templateFunction(env, other, { cacheDir })({ title: '乙' })).toContain('<p>乙');
    const written = readFileSync(join(cacheDir, TEMPLATES, `${templateKey(other)}.cjs`), 'utf8');
    expect(written).toMatch(/^\/\/ briefing [0-9a-f]{64}\nmodule\.exports = \{/);
  });

  it('fall back to compiling on first render when Handlebars cannot precompile a file', () => {
    const env = Handlebars.create();
    // Parses, but Handlebars' compiler refuses it: the error still comes when rendering, as before.
    const fn = templateFunction(env, '{{> item a b}}');
    expect(() => fn({})).toThrow('Unsupported number of partial arguments: 2 - 1:0');
  });
});
