import { dirname } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BriefingError, formatDataPath } from '../errors/briefing-error.js';
import { fileStamp } from '../host/gate.js';
import { createHost, type Host } from '../host/host.js';
import { loadData, type LoadedData } from '../load/load-data.js';
import { utf8Text } from '../load/read-text.js';
import { validatorFor, type ValidatorOptions } from './schema-validator.js';

/** The reserved keys every template's data may carry, whatever its schema says. */
const RESERVED_KEYS = ['template', '$schema'];

/** Per schema file: its validator, and the file's size and time when it was read (watch sees edits). */
const bySchemaFile = new Map<string, { stamp: string; validate: ValidateFunction }>();

/** The validator for a template's schema.json; the file is read again only when it has changed. */
export function compileSchema(schemaFile: string, opts: ValidatorOptions = {}, host?: Host): ValidateFunction {
  const stamp = fileStamp(schemaFile);
  const known = bySchemaFile.get(schemaFile);
  if (known && stamp !== undefined && known.stamp === stamp) return known.validate;
  const schema = readSchema(schemaFile, host ?? createHost({ projectRoot: dirname(schemaFile) }));
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema, opts);
  } catch (e) {
    throw new BriefingError('E_TEMPLATE_INVALID', { reason: `schema.json is not a valid JSON Schema: ${(e as Error).message}` }, { file: schemaFile });
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
    throw new BriefingError('E_TEMPLATE_INVALID', { reason: `schema: ${e.message}` }, e.location);
  }
  throw new BriefingError('E_TEMPLATE_INVALID', { reason: 'schema: not a JSON object' }, { file: schemaFile });
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
  let target = path;
  let reason: string;
  switch (e.keyword) {
    case 'required':
      reason = `is missing the required key "${(e.params as { missingProperty: string }).missingProperty}"`;
      break;
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      target = [...path, extra];
      reason = `is not a known key here (allowed: ${Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ')})`;
      break;
    }
    case 'type':
      reason = `must be ${article((e.params as { type: string }).type)}, not ${describe(valueAt(loaded.data, path))}`;
      break;
    case 'enum':
      reason = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'pattern':
      reason = `must match the form ${(e.parentSchema as { description?: string })?.description ?? (e.params as { pattern: string }).pattern}`;
      break;
    default:
      reason = e.message ?? 'is invalid';
  }
  const dataPath = formatDataPath(target);
  const at = loaded.locate(target, e.keyword === 'additionalProperties' ? 'key' : 'value');
  return new BriefingError('E_SCHEMA', { path: dataPath, reason }, { file: loaded.file, dataPath, ...at });
}

/** anyOf/oneOf produce one error per branch; keep the first per path and keyword family. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') return false;
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

function describe(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  // YAML 1.1 tags (%YAML 1.1, !!timestamp, !!binary, !!set, !!omap) make values that are no mapping.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'a date' : `the date ${v.toISOString().slice(0, 10)} (quote it to make it text)`;
  if (ArrayBuffer.isView(v)) return 'binary data';
  if (v instanceof Set) return 'a set';
  if (v instanceof Map) return 'an ordered mapping';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}

function article(type: string): string {
  const names: Record<string, string> = { number: 'a number', integer: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'empty' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

const settingsValidators = new Map<object, ValidateFunction>();

/**
 * Check one of briefing's own settings files (style.yaml, briefing.config.yaml) against its
 * schema, loaded once per process (precompiled with briefing), and raise the first problem under
 * `code` at its line.
 */
export function checkSettings(loaded: LoadedData, schema: object, code: 'E_STYLE' | 'E_CONFIG'): void {
  let validate = settingsValidators.get(schema);
  if (!validate) settingsValidators.set(schema, (validate = validatorFor(schema)));
  const first = validateWith(loaded, validate)[0];
  if (first) throw new BriefingError(code, { reason: first.message }, first.location);
}

/** The settings schemas checked so far: how scripts/precompile.mjs finds them to precompile. */
export function settingsSchemasChecked(): object[] {
  return [...settingsValidators.keys()];
}
