import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

/**
 * The one place ajv itself is loaded, and only when a schema has no ready-made validator:
 * compiling a schema costs ~200 ms of a cold start (ajv's code generation), so briefing's own
 * schemas and the bundled templates' are compiled at build time (scripts/precompile.mjs) and a
 * project's own ones once per content (src/project/code-cache.ts).
 */

/** The same options for every schema, precompiled or compiled here, so errors are the same either way. */
const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true } as const;

const require = createRequire(import.meta.url);

let ajvVersion: string | undefined;

/** Read from ajv's package.json, not from ajv: loading ajv is what the caches avoid. */
function installedAjvVersion(): string {
  return (ajvVersion ??= (require('ajv/package.json') as { version: string }).version);
}

/**
 * What a validator is found by: the schema's content (not its file name or formatting), ajv's
 * version and the options. A changed schema or a new ajv simply misses and is compiled anew.
 */
export function schemaKey(schema: unknown): string {
  return createHash('sha256')
    .update(`ajv ${installedAjvVersion()}\n${JSON.stringify(AJV_OPTIONS)}\n${JSON.stringify(schema)}`)
    .digest('hex')
    .slice(0, 40);
}

/**
 * Compile with ajv. `source` is the same validator as standalone CommonJS, for caching; absent in
 * the unlikely case ajv cannot write one. Throws ajv's own error for an invalid schema.
 */
export function compileValidator(schema: object): { validate: ValidateFunction; source?: string } {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(schema);
  try {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
    return { validate, source: standaloneCode(ajv, validate) };
  } catch {
    return { validate };
  }
}
