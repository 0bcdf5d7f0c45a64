import { dirname } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BriefingError, formatDataPath } from '../errors/briefing-error.js';
import { fileStamp } from '../host/gate.js';
import { cacheSlot, createCaches, type Caches } from '../host/caches.js';
import { createHost, type Host } from '../host/host.js';
import { loadData, type LoadedData } from '../load/load-data.js';
import { utf8Text } from '../load/read-text.js';
import { closestBranches, describeProblem } from './schema-messages.js';
import { validatorFor, type ValidatorOptions } from './schema-validator.js';

/** The reserved keys every template's data may carry, whatever its schema says. */
const RESERVED_KEYS = ['template', '$schema'];

/** Per schema file: its validator, and the file's size and time when it was read (watch sees edits). */
const SCHEMA_FILES = cacheSlot('validators by schema file', () => new Map<string, { stamp: string; validate: ValidateFunction }>());

/**
 * The validator for a template's schema.json; the file is read again only when it has changed.
 * Kept in the host's caches; without a host, in those of one around the file's folder.
 */
export function compileSchema(schemaFile: string, opts: ValidatorOptions = {}, host: Host = createHost({ projectRoot: dirname(schemaFile) })): ValidateFunction {
  const bySchemaFile = host.caches.get(SCHEMA_FILES);
  const stamp = fileStamp(schemaFile);
  const known = bySchemaFile.get(schemaFile);
  if (known && stamp !== undefined && known.stamp === stamp) return known.validate;
  const schema = readSchema(schemaFile, host);
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema, { ...opts, caches: host.caches });
  } catch (e) {
    throw new BriefingError('E_TEMPLATE_INVALID', {
      reason: `schema.json is not a valid JSON Schema: ${(e as Error).message}`,
      reasonZh: `schema.json 不是有效的 JSON Schema（原文：“${(e as Error).message}”）`,
    }, { file: schemaFile });
  }
  if (stamp !== undefined) bySchemaFile.set(schemaFile, { stamp, validate });
  return validate;
}

/**
 * A schema file's JSON, read through the gate. A mistake is reported at its line the way data
 * mistakes are, never with JSON.parse's message, which quotes the file's first characters (and
 * the file may be one a symbolic link led to).
 */
function readSchema(schemaFile: string, host: Host): Record<string, unknown> {
  const text = utf8Text(host.read('schema', schemaFile), schemaFile);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    schema = undefined;
  }
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) return schema as Record<string, unknown>;
  try {
    loadData(schemaFile, { host, kind: 'schema' }); // finds where the mistake is (loads jsonc-parser only now)
  } catch (e) {
    if (!(e instanceof BriefingError)) throw e;
    throw new BriefingError('E_TEMPLATE_INVALID', { reason: `schema: ${e.message}`, reasonZh: `数据结构文件：${e.messageIn('zh')}` }, e.location);
  }
  throw new BriefingError('E_TEMPLATE_INVALID', { reason: 'schema: not a JSON object', reasonZh: '数据结构文件：不是 JSON 对象' }, { file: schemaFile });
}

/**
 * Check data against the template's schema; every violation, each with its data path and line.
 * `opts.cacheDir` (the project's .briefing-cache) keeps a project's own schema compiled between runs.
 */
export function validateData(loaded: LoadedData, schemaFile: string, opts: ValidatorOptions = {}, host?: Host): BriefingError[] {
  return validateWith(loaded, compileSchema(schemaFile, opts, host));
}

export function validateWith(loaded: LoadedData, validate: ValidateFunction): BriefingError[] {
  const data = Object.fromEntries(Object.entries(loaded.data).filter(([k]) => !RESERVED_KEYS.includes(k)));
  if (validate(data)) return [];
  return dedupe(validate.errors ?? []).map((e) => toBriefingError(e, loaded));
}

function toBriefingError(e: ErrorObject, loaded: LoadedData): BriefingError {
  const path = pointerToPath(e.instancePath);
  const problem = describeProblem(e, path, valueAt(loaded.data, path));
  const dataPath = formatDataPath(problem.path);
  const at = loaded.locate(problem.path, problem.atKey ? 'key' : 'value');
  const { reason, reasonZh, hint, hintZh } = problem;
  return new BriefingError('E_SCHEMA', { path: dataPath, ...(dataPath === ROOT ? { pathZh: '数据顶层' } : {}), reason, reasonZh, ...(hint ? { hint } : {}), ...(hintZh ? { hintZh } : {}) },
    { file: loaded.file, dataPath, ...at });
}

/** formatDataPath's name for the top level of the data. */
const ROOT = formatDataPath([]);

/** Keep the closest branch of each anyOf/oneOf, then the first error per path and keyword family. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return closestBranches(errors).filter((e) => {
    if (e.keyword === 'if') return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((p) => {
    const s = p.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(s) ? Number(s) : s;
  });
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** By the schema object itself: no hashing of briefing's own schemas for every file checked. */
const SETTINGS_VALIDATORS = cacheSlot('settings validators', () => new Map<object, ValidateFunction>());

/**
 * Check one of briefing's own settings files (style.yaml, briefing.config.yaml) against its
 * schema, loaded once per set of caches (precompiled with briefing), and raise the first problem
 * under `code` at its line.
 */
export function checkSettings(loaded: LoadedData, schema: object, code: 'E_STYLE' | 'E_CONFIG', caches: Caches = createCaches()): void {
  const settingsValidators = caches.get(SETTINGS_VALIDATORS);
  let validate = settingsValidators.get(schema);
  if (!validate) settingsValidators.set(schema, (validate = validatorFor(schema, { caches })));
  const first = validateWith(loaded, validate)[0];
  if (first) {
    const hints: Record<string, string | number> = first.params.hint === undefined ? {} : { hint: first.params.hint, hintZh: first.params.hintZh ?? first.params.hint };
    throw new BriefingError(code, { reason: first.message, reasonZh: first.messageIn('zh'), ...hints }, first.location);
  }
}

/** The settings schemas checked with these caches: how scripts/precompile.mjs finds them to precompile. */
export function settingsSchemasChecked(caches: Caches): object[] {
  return [...caches.get(SETTINGS_VALIDATORS).keys()];
}
