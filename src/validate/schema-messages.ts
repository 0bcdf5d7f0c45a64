import type { ErrorObject } from 'ajv';
import { closest } from '../errors/did-you-mean.js';

/**
 * ajv's findings in our own words, in English and Chinese: what is wrong, with the key, the
 * allowed keys or values and a "did you mean" for a misspelt key. These are the errors clerks meet
 * most, so they name things as the clerk wrote them, never as JSON Schema calls them.
 */
export interface SchemaProblem {
  /** Where the message points: the instance path, or the unknown key under it. */
  path: (string | number)[];
  /** Point at the key rather than its value. */
  atKey: boolean;
  reason: string;
  reasonZh: string;
  hint?: string;
  hintZh?: string;
}

type Schema = { properties?: Record<string, Schema>; title?: string; description?: string; examples?: unknown[]; required?: string[]; anyOf?: Schema[]; $ref?: string };

export function describeProblem(e: ErrorObject, path: (string | number)[], value: unknown): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Schema;
  const base = { path, atKey: false };
  const n = (key: string) => Number(params[key]);
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const title = parent.properties?.[key]?.title;
      return { ...base, reason: `is missing the required key "${key}"`, reasonZh: `缺少必填的键“${key}”${title ? `（${title}）` : ''}`,
        hint: `add "${key}:" here`, hintZh: `请在此处添加“${key}:”` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const near = closest(extra, allowed);
      return { path: [...path, extra], atKey: true,
        reason: `is not a known key here (allowed: ${allowed.join(', ') || 'none'})`,
        reasonZh: `不是此处可用的键（可用的键：${allowed.join('、') || '无'}）`,
        ...(near ? { hint: `did you mean ${near}?`, hintZh: `您是否要写 ${near}？` } : {}) };
    }
    case 'type': {
      const types = String(params.type).split(',');
      return { ...base, reason: `must be ${types.map((t) => TYPE_EN[t] ?? t).join(' or ')}, not ${describeEn(value)}`,
        reasonZh: `应为${types.map((t) => TYPE_ZH[t] ?? t).join('或')}，而不是${describeZh(value)}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const near = typeof value === 'string' ? closest(value, (params.allowedValues as unknown[]).filter((v): v is string => typeof v === 'string')) : undefined;
      return { ...base, reason: `must be one of ${allowed.join(', ')}, not ${describeEn(value)}`, reasonZh: `应为以下之一：${allowed.join('、')}；现在是${describeZh(value)}`,
        ...(near ? { hint: `did you mean ${JSON.stringify(near)}?`, hintZh: `您是否要写 ${JSON.stringify(near)}？` } : {}) };
    }
    case 'const':
      return { ...base, reason: `must be ${JSON.stringify(params.allowedValue)}`, reasonZh: `应为 ${JSON.stringify(params.allowedValue)}` };
    case 'pattern': {
      const example = parent.examples?.[0];
      const hintZh = parent.description ?? parent.title;
      return { ...base,
        reason: example !== undefined ? `must be written like ${String(example)}, not ${describeEn(value)}` : `must match the pattern ${String(params.pattern)}, not ${describeEn(value)}`,
        reasonZh: example !== undefined ? `应写成 ${String(example)} 这样的形式，而不是${describeZh(value)}` : `不符合规定的格式（${String(params.pattern)}）：${describeZh(value)}`,
        ...(hintZh ? { hintZh } : {}) };
    }
    case 'minimum':
      return { ...base, reason: `must be at least ${n('limit')}`, reasonZh: `不得小于 ${n('limit')}` };
    case 'maximum':
      return { ...base, reason: `must be at most ${n('limit')}`, reasonZh: `不得大于 ${n('limit')}` };
    case 'exclusiveMinimum':
      return { ...base, reason: `must be more than ${n('limit')}`, reasonZh: `应大于 ${n('limit')}` };
    case 'exclusiveMaximum':
      return { ...base, reason: `must be less than ${n('limit')}`, reasonZh: `应小于 ${n('limit')}` };
    case 'multipleOf':
      return { ...base, reason: `must be a multiple of ${n('multipleOf')}`, reasonZh: `应为 ${n('multipleOf')} 的整数倍` };
    case 'minLength':
      return n('limit') === 1 ? { ...base, reason: 'must not be empty', reasonZh: '不得为空' }
        : { ...base, reason: `must have at least ${n('limit')} characters`, reasonZh: `至少应有 ${n('limit')} 个字符` };
    case 'maxLength':
      return { ...base, reason: `must have at most ${n('limit')} characters`, reasonZh: `最多 ${n('limit')} 个字符` };
    case 'minItems':
      return n('limit') === 1 ? { ...base, reason: 'must not be an empty list', reasonZh: '不得为空列表' }
        : { ...base, reason: `must have at least ${n('limit')} items`, reasonZh: `至少应有 ${n('limit')} 项` };
    case 'maxItems':
      return { ...base, reason: `must have at most ${n('limit')} item${n('limit') === 1 ? '' : 's'}`, reasonZh: `最多 ${n('limit')} 项` };
    case 'uniqueItems':
      return { ...base, reason: `has the same item twice (items ${n('j') + 1} and ${n('i') + 1})`, reasonZh: `有重复的项（第 ${n('j') + 1} 项与第 ${n('i') + 1} 项相同）` };
    case 'minProperties':
      return { ...base, reason: `must have at least ${n('limit')} keys`, reasonZh: `至少应有 ${n('limit')} 个键` };
    case 'maxProperties':
      return { ...base, reason: `must have at most ${n('limit')} keys`, reasonZh: `最多 ${n('limit')} 个键` };
    case 'dependencies':
    case 'dependentRequired':
      return { ...base, reason: `needs "${String(params.missingProperty)}" together with "${String(params.property)}"`,
        reasonZh: `写了“${String(params.property)}”时还须写“${String(params.missingProperty)}”` };
    case 'not': {
      const keys = forbiddenKeys(e.schema as Schema);
      return keys.length
        ? { ...base, reason: `must not also have ${keys.map((k) => `"${k}"`).join(' or ')} here`, reasonZh: `此处不能同时写${keys.map((k) => `“${k}”`).join('或')}`,
          hint: 'choose one of the ways to write this value', hintZh: '两种写法只能选一种' }
        : { ...base, reason: 'is written in a form that is not allowed here', reasonZh: '此处不允许这种写法' };
    }
    case 'oneOf':
      return { ...base, reason: 'matches more than one of the forms it may take; keep the keys of one', reasonZh: '同时符合多种写法；只保留其中一种写法的键' };
    case 'anyOf':
      return { ...base, reason: 'matches none of the forms it may take', reasonZh: '不符合任何一种可用的写法' };
    case 'false schema':
      return { ...base, reason: 'is not allowed here', reasonZh: '此处不允许出现' };
    default:
      return { ...base, reason: `${e.message ?? 'is invalid'} (${e.keyword})`, reasonZh: `不符合模板的要求（规则 ${e.keyword}）` };
  }
}

/** The keys a `not: { required: […] }` (or an anyOf of those) forbids. */
function forbiddenKeys(schema: Schema): string[] {
  if (schema.required) return schema.required;
  return (schema.anyOf ?? []).flatMap((s) => s.required ?? []);
}

const TYPE_EN: Record<string, string> = { number: 'a number', integer: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'empty' };
const TYPE_ZH: Record<string, string> = { number: '数字', integer: '整数', string: '文字', boolean: ' true 或 false', array: '列表', object: '映射（键: 值）', null: '空值' };

function describeEn(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  if (v === undefined) return 'nothing';
  // YAML 1.1 tags (%YAML 1.1, !!timestamp, !!binary, !!set, !!omap) make values that are no mapping.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'a date' : `the date ${v.toISOString().slice(0, 10)} (quote it to make it text)`;
  if (ArrayBuffer.isView(v)) return 'binary data';
  if (v instanceof Set) return 'a set';
  if (v instanceof Map) return 'an ordered mapping';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(shorten(v))}`;
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}

function describeZh(v: unknown): string {
  if (v === null || v === undefined) return '空值';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '日期' : `日期 ${v.toISOString().slice(0, 10)}（加引号即为文字）`;
  if (ArrayBuffer.isView(v)) return '二进制数据';
  if (v instanceof Set) return '集合';
  if (v instanceof Map) return '有序映射';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'string') return `文字“${shorten(v)}”`;
  if (typeof v === 'object') return '映射（键: 值）';
  if (typeof v === 'number') return `数字 ${v}`;
  return ` ${String(v)}`;
}

function shorten(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

/**
 * anyOf/oneOf report every branch's errors. Keep those of the branch the data came closest to —
 * fewest errors, and never a branch whose type the value does not even have — and drop the rest,
 * with the anyOf/oneOf error itself. A branch's errors are found by their schema path (inline
 * branches) or by the definition a `$ref` branch points to.
 */
export function closestBranches(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replacements = new Map<ErrorObject, ErrorObject>();
  errors.forEach((e, at) => {
    if ((e.keyword !== 'anyOf' && e.keyword !== 'oneOf') || dropped.has(e)) return;
    const branches = (Array.isArray(e.schema) ? e.schema : []) as Schema[];
    const byBranch = branchErrors(errors.slice(0, at).filter((b) => !dropped.has(b)), e, branches);
    if (!byBranch.some((b) => b.length)) return; // oneOf matched more than one: keep its own error
    const typeError = (b: ErrorObject[]) => b.find((x) => x.keyword === 'type' && x.instancePath === e.instancePath);
    const score = (b: ErrorObject[]) => b.length + (typeError(b) ? 1000 : 0);
    const best = byBranch.reduce((a, b) => (score(b) < score(a) ? b : a));
    for (const branch of byBranch) if (branch !== best) branch.forEach((b) => dropped.add(b));
    dropped.add(e);
    // The value has none of the branches' types: say every type it could have been.
    const typeErrors = byBranch.map(typeError);
    if (typeErrors.every(Boolean)) {
      best.forEach((b) => dropped.add(b));
      const types = [...new Set(typeErrors.flatMap((t) => String((t!.params as { type: string }).type).split(',')))];
      replacements.set(e, { ...typeErrors[0]!, params: { type: types.join(',') } });
    }
  });
  return errors.flatMap((e) => (replacements.has(e) ? [replacements.get(e)!] : dropped.has(e) ? [] : [e]));
}

/**
 * The errors of each branch of anyOf/oneOf error `e`: ajv reports them just before it, at its
 * value or below. An inline branch's errors carry its schema path; a `$ref` branch's carry the
 * path inside the definition instead, so the others go to the `$ref` branches in turn.
 */
function branchErrors(before: ErrorObject[], e: ErrorObject, branches: Schema[]): ErrorObject[][] {
  let start = before.length;
  while (start > 0 && isUnder(before[start - 1]!.instancePath, e.instancePath)) start--;
  const byBranch = branches.map((): ErrorObject[] => []);
  const refs = branches.flatMap((b, i) => (b.$ref !== undefined ? [i] : []));
  let current = refs[0];
  for (const b of before.slice(start)) {
    const inline = branches.findIndex((_, i) => b.schemaPath.startsWith(`${e.schemaPath}/${i}/`));
    if (inline >= 0) {
      byBranch[inline]!.push(b);
      current = refs.find((r) => r > inline) ?? current;
    } else if (current !== undefined) byBranch[current]!.push(b);
  }
  return byBranch;
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}
