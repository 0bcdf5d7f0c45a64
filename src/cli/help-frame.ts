import { Help, type Command, type HelpConfiguration, type Option } from 'commander';
import type { Lang } from '../errors/catalogue.js';

/** commander's own words in its help, and ours for them in Chinese. */
const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

/** East Asian wide and full-width characters take two columns in a terminal. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

export function displayWidth(text: string): number {
  // eslint-disable-next-line no-control-regex -- matching the ESC that starts a terminal colour code is the point
  const plain = text.replace(/\x1b\[\d*(;\d+)*m/g, '');
  return plain.length + (plain.match(WIDE)?.length ?? 0);
}

const zhUsage = (text: string) => text.replace('[options]', '[选项]').replace('[command]', '[命令]');

/**
 * The help frame in the clerk's language: titles, the [options] placeholder, choices. Widths count
 * Chinese characters as two columns in both languages, so columns line up and lines wrap in time.
 */
export function helpConfiguration(lang: Lang): HelpConfiguration {
  const base = new Help();
  if (lang !== 'zh') return { displayWidth };
  return {
    displayWidth,
    styleTitle: (title: string) => TITLES[title] ?? title,
    // A full-width colon needs no space after it.
    formatHelp: (cmd: Command, helper: Help) => base.formatHelp(cmd, helper).replace(/^用法： /, '用法：'),
    commandUsage: (cmd: Command) => zhUsage(base.commandUsage(cmd)),
    subcommandTerm: (cmd: Command) => zhUsage(base.subcommandTerm(cmd)),
    optionDescription: (option: Option) => {
      const choices = option.argChoices ? `（可选：${option.argChoices.join('、')}）` : '';
      return `${option.description}${choices}`;
    },
  };
}
