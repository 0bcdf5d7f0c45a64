import { BriefingError } from '../errors/briefing-error.js';

/**
 * commander's complaints about the command line, as our own E_USAGE errors in both languages.
 * commander says what went wrong in its message only, so the message is read by its error code;
 * the wording is commander 14's (pinned major). Anything not recognised keeps commander's words.
 */
export function usageErrorFrom(code: string, message: string): BriefingError {
  const text = message.replace(/^error: /, '').trim();
  const [first = '', ...rest] = text.split('\n');
  const suggestion = /\(Did you mean (?:one of )?(.+)\?\)/.exec(rest.join('\n'))?.[1];
  const hint: Record<string, string> = suggestion ? { hint: `did you mean ${suggestion}?`, hintZh: `您是否要写 ${suggestion.split(', ').join(' 或 ')}？` } : {};
  const quoted = [...first.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const usage = (detail: string, detailZh: string) => new BriefingError('E_USAGE', { detail, detailZh, ...hint });
  switch (code) {
    case 'commander.unknownOption':
      return usage(first, `未知的选项 ${quoted[0]}`);
    case 'commander.unknownCommand':
      return usage(first, `未知的命令“${quoted[0]}”`);
    case 'commander.missingArgument':
      return usage(first, `缺少必需的参数 <${quoted[0]}>`);
    case 'commander.optionMissingArgument':
      return usage(first, `选项 ${quoted[0]} 缺少取值`);
    case 'commander.missingMandatoryOptionValue':
      return usage(first, `必须给出选项 ${quoted[0]}`);
    case 'commander.conflictingOption':
      return usage(first, `选项 ${quoted[0]} 与 ${quoted[1]} 不能同时使用`);
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(first);
      return usage(first, counts ? `参数过多：应为 ${counts[1]} 个，实际给出 ${counts[2]} 个` : '参数过多');
    }
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.+)\.$/.exec(first)?.[1];
      const option = quoted[0]?.split(' ').find((w) => w.startsWith('--')) ?? quoted[0];
      return usage(first, `选项 ${option} 的取值“${quoted[1]}”无效${allowed ? `；可选：${allowed.split(', ').join('、')}` : ''}`);
    }
    default:
      return new BriefingError('E_USAGE', { detail: first, ...hint });
  }
}
