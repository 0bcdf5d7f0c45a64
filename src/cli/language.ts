import type { Lang } from '../errors/catalogue.js';

/**
 * --lang wins; otherwise a Chinese locale: LC_ALL / LC_MESSAGES / LANG as POSIX systems set them,
 * or, where none is set (Windows sets none), the system's own locale as Node's ICU reports it.
 */
export function pickLanguage(flag?: string, env: NodeJS.ProcessEnv = process.env, systemLocale: () => string = defaultLocale): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || systemLocale();
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

function defaultLocale(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return '';
  }
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
