/**
 * What the formatting helpers share: reading a number out of data, decimal rounding, and failing at
 * the template line that called the helper.
 */
export type Helper = (...args: unknown[]) => unknown;

/** A value a helper cannot format; `locatedHelper` turns it into an error at the template line. */
export class HelperValueError extends Error {
  constructor(message: string, readonly messageZh: string) {
    super(message);
  }
}

interface HelperOptions {
  hash?: Record<string, unknown>;
  loc?: { start: { line: number; column: number } };
}

/**
 * Wrap a helper body. Handlebars passes its options object (with `loc`, the call's position) last;
 * the body gets only the values and the hash. A HelperValueError leaves as an error carrying
 * `lineNumber`/`column` like Handlebars' own, so the render stage reports it as E_TEMPLATE_RENDER
 * at file:line:column of the `{{helper …}}` call.
 */
export function locatedHelper(name: string, body: (args: unknown[], hash: Record<string, unknown>) => unknown): Helper {
  return (...a) => {
    const options = (a[a.length - 1] ?? {}) as HelperOptions;
    try {
      return body(a.slice(0, -1), options.hash ?? {});
    } catch (e) {
      if (!(e instanceof HelperValueError)) throw e;
      throw Object.assign(new Error(`${name}: ${e.message}`), { messageZh: `${name}：${e.messageZh}`, lineNumber: options.loc?.start.line, column: options.loc?.start.column });
    }
  };
}

/** A number from data: a YAML/JSON number, or text holding one (CSV cells are text). */
export function numberArgument(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim()))) return Number(value.trim());
  if (value === undefined || value === null) throw new HelperValueError('no value given (is the field missing from the data?)', '没有值（数据中是否缺少该字段？）');
  const shown = JSON.stringify(typeof value === 'number' ? String(value) : value);
  throw new HelperValueError(`${shown} is not a number`, `${shown} 不是数字`);
}

/** A count of decimal places: a whole number from 0 to 20. */
export function decimalsArgument(value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20) return value;
  throw new HelperValueError(`decimal places must be a whole number from 0 to 20, not ${JSON.stringify(value)}`, `小数位数应为 0 到 20 的整数，而不是 ${JSON.stringify(value)}`);
}

/** v × 10^k computed on the decimal text, so 0.622 × 100 is 62.2, not 62.199999999999996. */
export function shiftDecimal(v: number, k: number): number {
  const [mantissa, exponent = '0'] = String(v).split('e');
  return Number(`${mantissa}e${Number(exponent) + k}`);
}

/**
 * Round half away from zero on the decimal value as written: 1.005 → 1.01 (toFixed gives 1.00,
 * because the binary double is a hair below 1.005). A result of zero loses its sign (no "-0.0").
 */
export function roundDecimal(v: number, decimals: number): number {
  const rounded = Math.sign(v) * shiftDecimal(Math.round(shiftDecimal(Math.abs(v), decimals)), -decimals);
  return rounded === 0 ? 0 : rounded;
}

/** Fixed places, no digit grouping: 3 → "3.00". */
export function formatFixed(v: number, decimals: number): string {
  return roundDecimal(v, decimals).toFixed(decimals);
}

/** A fraction as a percentage: 0.622 → "62.2%"; without `decimals`, as many places as it has. */
export function formatPercent(v: number, decimals?: number): string {
  const percent = shiftDecimal(v, 2);
  if (decimals === undefined) return `${Number(percent.toPrecision(12))}%`;
  return `${formatFixed(percent, decimals)}%`;
}
