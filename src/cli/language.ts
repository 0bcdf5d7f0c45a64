import type { Lang } from '../errors/catalogue.js';

/** --lang wins; otherwise a Chinese locale in LC_ALL / LC_MESSAGES / LANG picks Chinese. */
export function pickLanguage(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
