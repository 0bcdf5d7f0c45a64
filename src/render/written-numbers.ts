import type { LoadedData } from '../load/load-data.js';

/**
 * The data a template renders, with each YAML number whose decimals parsing dropped given back as
 * written: 56.30 prints "56.30" on a KPI card as it does in a table read from CSV. Runs after
 * validation (the schema sees a number); the numeric helpers read such text as the number it is,
 * and `arrow` keeps its places (▲17.0). Paths through lists and mappings are copied, never
 * changed in place.
 */
export function withWrittenNumbers<T>(data: T, written: LoadedData['written']): T {
  let out = data;
  for (const { path, text } of written) out = setAt(out, path, 0, text) as T;
  return out;
}

function setAt(node: unknown, path: LoadedData['written'][number]['path'], i: number, text: string): unknown {
  if (i === path.length) return typeof node === 'number' ? text : node;
  if (!node || typeof node !== 'object') return node;
  const key = path[i]!;
  const child = (node as Record<string | number, unknown>)[key];
  const next = setAt(child, path, i + 1, text);
  if (next === child) return node;
  const copy: unknown[] | object = Array.isArray(node) ? [...(node as unknown[])] : { ...node };
  (copy as Record<string | number, unknown>)[key] = next;
  return copy;
}
