import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { BriefingError } from '../errors/briefing-error.js';

/** A role's font files as the user names them: regular and optional bold, TTC as [file, name]. */
export interface FontFileSpec {
  normal: string | [string, string];
  bold?: string | [string, string];
}

export interface ProjectConfig {
  file?: string;
  /** Role → the office's own font files (absolute paths), overriding the bundled ones. */
  fonts: Record<string, FontFileSpec>;
}

const ROLE_KEYS = new Set(['normal', 'bold']);
const TOP_KEYS = new Set(['fonts', 'jobs', 'output']);

/** Read briefing.config.{yaml,json}. Unknown keys are errors at their line, like data errors. */
export function loadConfig(file: string | undefined): ProjectConfig {
  if (!file) return { fonts: {} };
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors[0]) {
    throw new BriefingError('E_CONFIG', { reason: doc.errors[0].message.split('\n')[0]! }, at(doc.errors[0].pos[0]));
  }
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key)) {
      const node = doc.getIn([key], true) as { range?: number[] } | undefined;
      const keyNode = (doc.contents as { items?: { key: { value: string; range?: number[] } }[] })?.items?.find((i) => i.key.value === key)?.key;
      throw new BriefingError('E_CONFIG', { reason: `unknown key "${key}" (known: ${[...TOP_KEYS].join(', ')})` }, at(keyNode?.range?.[0] ?? node?.range?.[0]));
    }
  }
  const fonts: Record<string, FontFileSpec> = {};
  const base = dirname(file);
  for (const [role, spec] of Object.entries((raw.fonts ?? {}) as Record<string, unknown>)) {
    const where = at((doc.getIn(['fonts', role], true) as { range?: number[] } | undefined)?.range?.[0]);
    if (typeof spec === 'string') {
      fonts[role] = { normal: resolve(base, spec) };
      continue;
    }
    if (!spec || typeof spec !== 'object' || !('normal' in spec)) {
      throw new BriefingError('E_CONFIG', { reason: `fonts.${role} must be a file path or { normal, bold }` }, where);
    }
    for (const key of Object.keys(spec)) {
      if (!ROLE_KEYS.has(key)) throw new BriefingError('E_CONFIG', { reason: `unknown key "fonts.${role}.${key}" (known: normal, bold)` }, where);
    }
    const s = spec as { normal: string | [string, string]; bold?: string | [string, string] };
    const abs = (f: string | [string, string]) => (Array.isArray(f) ? [resolve(base, f[0]), f[1]] as [string, string] : resolve(base, f));
    fonts[role] = { normal: abs(s.normal), ...(s.bold ? { bold: abs(s.bold) } : {}) };
  }
  return { file, fonts };
}
