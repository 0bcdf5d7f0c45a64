/**
 * Helpers every template may call. They format values the way Chinese official print writes them
 * (GB/T 15835: Arabic numerals for statistics, 2023年8月21日 for dates).
 */
import { chineseDateUpper, chineseMoney, chineseNumber, chineseYear } from './chinese-numerals.js';
import { decimalsArgument, formatFixed, formatPercent, locatedHelper, numberArgument } from './helper-value.js';
import { renderMarkdownValue } from './markdown-markup.js';
import { csvColumn, csvSeries, formatChange, formatGrouped, formatScaled, formatWan, groupDigits } from './stat-format.js';

type Helper = (...args: unknown[]) => unknown;

/** Handlebars passes its options object last; helpers take only the values before it. */
function values(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

const helpers: Record<string, Helper> = {
  eq: (...a) => { const [x, y] = values(a); return x === y; },
  ne: (...a) => { const [x, y] = values(a); return x !== y; },
  gt: (...a) => { const [x, y] = values(a); return Number(x) > Number(y); },
  lt: (...a) => { const [x, y] = values(a); return Number(x) < Number(y); },
  gte: (...a) => { const [x, y] = values(a); return Number(x) >= Number(y); },
  lte: (...a) => { const [x, y] = values(a); return Number(x) <= Number(y); },
  and: (...a) => values(a).every(Boolean),
  or: (...a) => values(a).some(Boolean),
  not: (...a) => !values(a)[0],
  default: (...a) => { const [x, y] = values(a); return x ?? y; },
  join: (...a) => {
    const [list, sep] = values(a);
    return Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : String(list ?? '');
  },
  /** 1234567.8 → 1,234,567.8; `decimals` fixes the places. */
  number: (...a) => {
    const [v, decimals] = values(a);
    return formatNumber(Number(v), typeof decimals === 'number' ? decimals : undefined);
  },
  /** 2023-08-22 → 2023年8月22日 */
  cnDate: (...a) => formatChineseDate(String(values(a)[0] ?? '')),
  /** 2023-08-21 → 二〇二三年八月二十一日 */
  cnDateUpper: locatedHelper('cnDateUpper', ([d]) => chineseDateUpper(String(d ?? ''))),
  /** 2023 → 二〇二三年 */
  cnYear: locatedHelper('cnYear', ([v]) => chineseYear(v)),
  /** 12 → 十二 */
  cnNumber: locatedHelper('cnNumber', ([v]) => chineseNumber(v)),
  /** 12000 → 壹万贰仟元整 */
  cnMoney: locatedHelper('cnMoney', ([v]) => chineseMoney(v)),
  /** 0.622, 1 → 62.2% */
  percent: locatedHelper('percent', ([v, d]) => formatPercent(numberArgument(v), decimalsArgument(d, undefined))),
  /** 3, 2 → 3.00 (no digit grouping) */
  fixed: locatedHelper('fixed', ([v, d]) => formatFixed(numberArgument(v), decimalsArgument(d, 0)!)),
  /** { markdown: "file.md" } → paragraphs, headings, lists */
  markdown: locatedHelper('markdown', ([v], hash) => renderMarkdownValue(v, hash)),
  /** index (0-based) + 1, for numbered rows */
  inc: (...a) => Number(values(a)[0]) + 1,
  /** 123000000, "亿" → 1.23 (statistics in 万/亿) */
  scaled: locatedHelper('scaled', ([v, unit, d]) => formatScaled(v, unit, d)),
  /** 123000000 → 1.23亿, 35600 → 3.56万 */
  wan: locatedHelper('wan', ([v, d]) => formatWan(v, d)),
  /** 2.1 → ▲2.1, -3.5 → ▼3.5 */
  arrow: locatedHelper('arrow', ([v, d]) => formatChange(v, d)),
  /** 1230 → 1,230; text that is no number stays as it is */
  grouped: locatedHelper('grouped', ([v]) => formatGrouped(v)),
  /** a CSV table's column as a comma list, for <chart labels> */
  csvColumn: locatedHelper('csvColumn', ([table, key]) => csvColumn(table, key)),
  /** CSV columns as <chart series>: 名称:1,2;名称:3,4 */
  csvSeries: locatedHelper('csvSeries', ([table, ...keys]) => csvSeries(table, keys)),
};

export function formatNumber(v: number, decimals?: number): string {
  if (!Number.isFinite(v)) return String(v);
  return groupDigits(decimals === undefined ? String(v) : v.toFixed(decimals));
}

export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export const builtinHelpers: Readonly<Record<string, Helper>> = helpers;
