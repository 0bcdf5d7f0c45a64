import { describe, expect, it } from 'vitest';
import { languageFromArgs, pickLanguage } from '../../src/cli/language.js';

describe('the language of messages', () => {
  it('--lang wins, then the POSIX locale variables, then the system locale (Windows sets no LANG)', () => {
    expect(pickLanguage('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(pickLanguage(undefined, { LANG: 'zh_CN.UTF-8' }, () => 'en-US')).toBe('zh');
    expect(pickLanguage(undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, () => 'zh-CN')).toBe('en');
    expect(pickLanguage(undefined, {}, () => 'zh-Hans-CN')).toBe('zh');
    expect(pickLanguage(undefined, {}, () => 'en-GB')).toBe('en');
  });

  it('reads --lang from the command line in both spellings, the last one winning, not past --', () => {
    expect(languageFromArgs(['build', '--lang', 'zh'])).toBe('zh');
    expect(languageFromArgs(['--lang=zh', 'build', '--lang=en'])).toBe('en');
    expect(languageFromArgs(['build', '--', '--lang', 'zh'])).toBeUndefined();
  });
});
