import type { Node as JsonNode } from 'jsonc-parser';
import { isCollection, isPair, visit, type Document } from 'yaml';

/**
 * Checks that keep a hostile or broken data file from crashing a later stage. Real briefing data
 * nests five or six levels; past this every stage that walks data recursively (attachTables, the
 * schema check, Handlebars) would risk running out of stack, so the file is refused up front.
 */
export const MAX_DEPTH = 100;

export const TOO_DEEP = { reason: `the data is nested more than ${MAX_DEPTH} levels deep`, reasonZh: `数据的嵌套超过 ${MAX_DEPTH} 层` };

/** Offset of the bracket that opens level MAX_DEPTH + 1 in JSON text, scanning outside strings. */
export function jsonTooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** The second occurrence of a key in one JSON object: JSON.parse would silently keep the last. */
export function duplicateJsonKey(root: JsonNode | undefined): { key: string; offset: number } | undefined {
  const pending: JsonNode[] = root ? [root] : [];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        const key = String(keyNode?.value);
        if (seen.has(key)) return { key, offset: keyNode!.offset };
        seen.add(key);
      }
    }
    for (const child of node.children ?? []) pending.push(child);
  }
  return undefined;
}

/** Offset of the first YAML key that is a list or mapping: an object key can only be text. */
export function collectionKeyAt(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isCollection(pair.key)) return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The path of the first value nested deeper than MAX_DEPTH, or of an alias that contains itself
 * (`a: &x [*x]` loads as a list holding itself, which would send any walk round forever).
 * Recursion is safe here: it never goes deeper than MAX_DEPTH frames.
 */
export function tooDeepOrCyclic(data: unknown): { path: (string | number)[]; cycle: boolean } | undefined {
  const ancestors: object[] = [];
  const walk = (value: unknown, path: (string | number)[]): { path: (string | number)[]; cycle: boolean } | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    if (ancestors.includes(value)) return { path, cycle: true };
    if (path.length >= MAX_DEPTH) return { path, cycle: false };
    ancestors.push(value);
    const isList = Array.isArray(value);
    for (const [k, v] of Object.entries(value)) {
      const found = walk(v, [...path, isList ? Number(k) : k]);
      if (found) return found;
    }
    ancestors.pop();
    return undefined;
  };
  return walk(data, []);
}

/**
 * How much longer than the file the data's text may grow by aliases: a YAML alias (`*name`)
 * repeats what its anchor holds, so 600 KB of YAML can stand for gigabytes of text, which a
 * template would then print page after page. Real anchors repeat a name or a phrase.
 */
export const EXPANSION_ALLOWANCE = 1_000_000;

export type BudgetProblem =
  | { kind: 'expansion'; path: (string | number)[] }
  | { kind: 'number'; path: (string | number)[]; value: string };

/**
 * The first place where the data, with every alias expanded, holds more than `limit` characters
 * of keys and text, or a number that is no figure at all (.nan, .inf, or 1e400, which parses as
 * infinite): a template or chart would print "NaN" or take it as 100 %. Stops as soon as the budget is spent, so the walk itself stays bounded. Runs after
 * tooDeepOrCyclic: no cycles, no more than MAX_DEPTH levels.
 */
export function overBudget(data: unknown, limit: number): BudgetProblem | undefined {
  let spent = 0;
  const walk = (value: unknown, path: (string | number)[]): BudgetProblem | undefined => {
    spent += 1;
    if (typeof value === 'string') spent += value.length;
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { kind: 'number', path, value: numberText(value) };
    } else if (ArrayBuffer.isView(value)) spent += value.byteLength;
    else if (value && typeof value === 'object') {
      const isList = Array.isArray(value);
      for (const [k, v] of Object.entries(value)) {
        if (!isList) spent += k.length;
        if (spent > limit) return { kind: 'expansion', path };
        const found = walk(v, [...path, isList ? Number(k) : k]);
        if (found) return found;
      }
    }
    return spent > limit ? { kind: 'expansion', path } : undefined;
  };
  return walk(data, []);
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  return n > 0 ? '.inf' : '-.inf';
}
