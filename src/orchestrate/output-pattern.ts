import { basename, extname, join, resolve } from 'node:path';
import { closest } from '../errors/did-you-mean.js';
import { usageError } from '../errors/usage.js';

/** The placeholders an output pattern may hold. */
const PLACEHOLDERS = ['stem', 'date', 'template'] as const;

/** `-o -`: the PDF goes to standard output. */
export const STDOUT = '-';

/** The first `{name}` in a pattern that is not a known placeholder, with the nearest known one. */
export function unknownPlaceholder(pattern: string): { name: string; near?: string } | undefined {
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return { name, near: closest(name, PLACEHOLDERS) };
  }
  return undefined;
}

/** `-o`'s pattern: an unknown {placeholder} is a usage error, not a file named after it. */
export function checkOutputOption(pattern: string): void {
  const unknown = unknownPlaceholder(pattern);
  if (!unknown) return;
  throw usageError(`-o has an unknown placeholder {${unknown.name}}; known: {stem} {date} {template}`,
    `-o 中有未知的占位符 {${unknown.name}}；可用：{stem} {date} {template}`,
    unknown.near ? `did you mean {${unknown.near}}?` : undefined, unknown.near ? `您是否要写 {${unknown.near}}？` : undefined);
}

export function hasPlaceholder(pattern: string): boolean {
  return PLACEHOLDERS.some((p) => pattern.includes(`{${p}}`));
}

/**
 * The output file: `-o` as given, or a pattern ({stem}, {template}, {date}) relative to the project
 * root, by default output/{stem}.pdf. `stem` is the data file's name without extension.
 */
export function outputPath(written: string | undefined, ctx: { cwd: string; root: string; stem: string; template: string; date: string }): string {
  if (!written) return join(ctx.root, 'output', `${ctx.stem}.pdf`);
  const filled = written
    .replaceAll('{stem}', ctx.stem)
    .replaceAll('{template}', ctx.template)
    .replaceAll('{date}', ctx.date);
  return resolve(written === filled ? ctx.cwd : ctx.root, filled);
}

/** The stem of a data file, `stdin` for data read from standard input. */
export function stemOf(dataFile: string, fromStdin: boolean): string {
  return fromStdin ? 'stdin' : basename(dataFile, extname(dataFile));
}
