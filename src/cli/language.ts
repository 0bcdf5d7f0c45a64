import type { Lang } from '../errors/catalogue.js';

/** --lang wins; otherwise a Chinese locale in LC_ALL / LC_MESSAGES / LANG picks Chinese. */
export function pickLanguage(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/**
 * The value of --lang on a command line (`--lang zh` or `--lang=zh`), before commander has parsed
 * it: help and commander's own errors must already be in that language.
 */
export function languageFromArgs(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--lang') found = args[i + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}
