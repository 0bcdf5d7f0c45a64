/**
 * Helpers every template may call. They format values the way Chinese official print writes them
 * (GB/T 15835: Arabic numerals for statistics, 2023年8月21日 for dates).
 */
type Helper = (...args: unknown[]) => unknown;

/** Handlebars passes its options object last; helpers take only the values before it. */
function values(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

const helpers: Record<string, Helper> = {
  eq: (...a) => { const [x, y] = values(a); return x === y; },
  ne: (...a) => { const [x, y] = values(a); return x !== y; },
  gt: (...a) => { const [x, y] = values(a); return Number(x) > Number(y); },
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
  /** index (0-based) + 1, for numbered rows */
  inc: (...a) => Number(values(a)[0]) + 1,
};

export function formatNumber(v: number, decimals?: number): string {
  if (!Number.isFinite(v)) return String(v);
  const fixed = decimals === undefined ? String(v) : v.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export const builtinHelpers: Readonly<Record<string, Helper>> = helpers;
