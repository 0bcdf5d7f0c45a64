import { relative } from 'node:path';
import { formatDataPath, type BriefingError } from '../errors/briefing-error.js';
import type { Lang } from '../errors/catalogue.js';

/** A path as the user would type it from here. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * The one place errors are turned into text:
 *   error[E_SCHEMA]: stats.figures[2].value must be a number
 *     --> templates/bulletin/sample.yaml:45:14
 *     = hint: …
 */
export function formatError(e: BriefingError, lang: Lang, severity: 'error' | 'warning' = 'error'): string {
  const zh = lang === 'zh';
  // Chinese text takes the full-width colon; the location line stays as tools read it.
  const colon = zh ? '：' : ': ';
  const label = zh ? (severity === 'error' ? '错误' : '警告') : severity;
  const lines = [`${label}[${e.code}]${colon}${e.messageIn(lang)}`];
  const { file, line, column, dataPath } = e.location;
  if (file) lines.push(`  --> ${displayPath(file)}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`);
  const shownPath = zh && dataPath === formatDataPath([]) ? '数据顶层' : dataPath;
  if (shownPath && !e.messageIn(lang).startsWith(shownPath)) lines.push(`  = ${zh ? '数据路径' : 'data path'}${colon}${shownPath}`);
  const hint = e.hintIn(lang);
  if (hint) lines.push(`  = ${zh ? '提示' : 'hint'}${colon}${hint}`);
  return lines.join('\n');
}

/** GitHub Actions turns these lines into annotations on the file. */
export function githubAnnotation(e: BriefingError): string {
  const { file, line, column } = e.location;
  const props = [file && `file=${displayPath(file)}`, line && `line=${line}`, column && `col=${column}`].filter(Boolean).join(',');
  return `::error ${props}::${e.code}: ${e.message.replace(/\r?\n/g, ' ')}`;
}

/** An error as one entry of a --json document: code, message and hint in the chosen language, where. */
export function errorJson(e: BriefingError, lang: Lang): Record<string, unknown> {
  const { file, line, column, dataPath } = e.location;
  return {
    code: e.code,
    message: e.messageIn(lang),
    ...(e.hintIn(lang) ? { hint: e.hintIn(lang) } : {}),
    ...(file ? { file: displayPath(file) } : {}),
    ...(line ? { line } : {}),
    ...(column ? { column } : {}),
    ...(dataPath ? { dataPath } : {}),
  };
}
