import type { ValidateFunction } from 'ajv';
import { cacheSlot, type Caches } from '../host/caches.js';
import { loadCachedModule, saveCachedModule } from '../project/code-cache.js';
import { precompiledModule } from '../project/precompiled-code.js';
import { compileValidator, schemaKey } from './schema-compiler.js';

export interface ValidatorOptions {
  /** The project's .briefing-cache folder: where a project's own schemas' validators are kept. */
  cacheDir?: string;
  /** False: use the cache but never write it (`briefing validate` writes nothing). */
  writeCache?: boolean;
  /** The host's caches, where validators made or loaded are kept for the next document; default none. */
  caches?: Caches;
}

/** Where validators are kept, precompiled with briefing or cached in a project. */
export const VALIDATORS = 'validators';

/** Every validator the caches have, by content key: a batch compiles or loads each schema once. */
const VALIDATORS_BY_CONTENT = cacheSlot('validators by schema content', () => new Map<string, ValidateFunction>());

/**
 * The validator for a schema, the cheapest way there is: already in the caches, precompiled with
 * briefing, cached in the project by an earlier run, else compiled by ajv (and then cached).
 * Throws ajv's error for an invalid schema.
 */
export function validatorFor(schema: object, opts: ValidatorOptions = {}): ValidateFunction {
  const key = schemaKey(schema);
  const loaded = opts.caches?.get(VALIDATORS_BY_CONTENT);
  let validate = loaded?.get(key)
    ?? precompiledModule<ValidateFunction>(VALIDATORS, key)
    ?? (opts.cacheDir ? loadCachedModule<ValidateFunction>(opts.cacheDir, VALIDATORS, key) : undefined);
  if (!validate) {
    const compiled = compileValidator(schema);
    if (opts.cacheDir && opts.writeCache !== false && compiled.source) saveCachedModule(opts.cacheDir, VALIDATORS, key, compiled.source);
    validate = compiled.validate;
  }
  loaded?.set(key, validate);
  return validate;
}
