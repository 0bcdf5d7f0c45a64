/**
 * Formatting for statistics: digit grouping, 万/亿 units, ▲/▼ changes, and CSV columns turned into
 * the comma lists a <chart> reads. Every function takes data as it arrives — YAML numbers or CSV text.
 */
import { HelperValueError, decimalsArgument, numberArgument, roundDecimal } from './helper-value.js';

/** The Chinese units a figure is scaled to, largest first so 万亿 wins over 万. */
const UNITS: [string, number][] = [['万亿', 1e12], ['千万', 1e7], ['百万', 1e6], ['十万', 1e5], ['亿', 1e8], ['万', 1e4], ['千', 1e3]];

/**
 * How every template prints a figure (GB/T 15835 §5.1.4): a whole part of more than four digits is
 * grouped by threes with commas ("1234567.5" → "1,234,567.5"), one of four digits or fewer is not
 * (1230 stays 1230, as running text writes it); a minus is the minus sign U+2212, not a hyphen.
 */
export function groupDigits(text: string): string {
  const negative = /^[-−]/.test(text);
  const [int, frac] = text.replace(/^[-−]/, '').split('.');
  const grouped = int!.length > 4 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
  return `${negative ? '\u2212' : ''}${frac === undefined ? grouped : `${grouped}.${frac}`}`;
}

/**
 * A figure as the style rounds it (style.yaml `typography.decimals`): one written with more places
 * than `decimals` is rounded half away from zero to that many ("12.345" → "12.3", "9.96" → "10.0");
 * one with as many or fewer keeps what was written (a count of 360 stays 360, not 360.0). Sign,
 * change arrow, digit grouping and percent stay as written; any other text is returned unchanged.
 */
export function roundFigure(text: string, decimals: number): string {
  const m = /^([-+−▲▼]?)([\d,]+)\.(\d+)(%?)$/.exec(text);
  if (!m || m[3]!.length <= decimals) return text;
  const [, sign, int, frac, percent] = m as unknown as [string, string, string, string, string];
  const fixed = roundDecimal(Number(`${int.replace(/,/g, '')}.${frac}`), decimals).toFixed(decimals);
  const [whole, places] = fixed.split('.') as [string, string | undefined];
  const grouped = int.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${sign}${places === undefined ? grouped : `${grouped}.${places}`}${percent}`;
}

/** Fixed places when given; else at most two, without trailing zeros (12.30 → 12.3). */
function places(v: number, decimals: number | undefined): string {
  if (decimals !== undefined) return roundDecimal(v, decimals).toFixed(decimals);
  return String(roundDecimal(v, 2));
}

/** A figure in a named unit: 123000000, "亿" → "1.23"; "亿元" and "万元" work too. */
export function formatScaled(value: unknown, unit: unknown, decimals?: unknown): string {
  const v = numberArgument(value);
  const name = typeof unit === 'string' ? unit.trim() : '';
  const found = UNITS.find(([u]) => name.startsWith(u));
  if (!found) throw new HelperValueError(`unknown unit ${JSON.stringify(unit)}; use 千, 万, 十万, 百万, 千万, 亿 or 万亿`, `未知的单位 ${JSON.stringify(unit)}；可用千、万、十万、百万、千万、亿或万亿`);
  return groupDigits(places(v / found[1], decimalsArgument(decimals, undefined)));
}

/** A figure with the unit that suits its size: 123000000 → "1.23亿", 35600 → "3.56万", 980 → "980". */
export function formatWan(value: unknown, decimals?: unknown): string {
  const v = numberArgument(value);
  const d = decimalsArgument(decimals, undefined);
  const abs = Math.abs(v);
  if (abs >= 1e8) return `${groupDigits(places(v / 1e8, d))}亿`;
  if (abs >= 1e4) return `${groupDigits(places(v / 1e4, d))}万`;
  return groupDigits(places(v, d));
}

/** A change with its direction as an arrow: 2.1 → "▲2.1", "-3.5" → "▼3.5", 0 → "0". */
export function formatChange(value: unknown, decimals?: unknown): string {
  const v = numberArgument(value);
  // CSV text keeps the places it was written with: "17.0" → ▲17.0, not ▲17.
  const d = decimalsArgument(decimals, undefined) ?? (typeof value === 'string' ? (value.trim().split('.')[1] ?? '').length : undefined);
  const magnitude = d === undefined ? String(Number(Math.abs(v).toPrecision(12))) : roundDecimal(Math.abs(v), d).toFixed(d);
  const rounded = Number(magnitude);
  return `${rounded === 0 ? '' : v > 0 ? '▲' : '▼'}${groupDigits(magnitude)}`;
}

/** Numbers (YAML or CSV text) grouped; any other text — 小微企业园, 62.2% — unchanged. */
export function formatGrouped(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? groupDigits(String(value)) : String(value);
  const text = String(value ?? '');
  return /^[-−]?\d+(\.\d+)?$/.test(text.trim()) ? groupDigits(text.trim()) : text;
}

interface CsvTable {
  columns: string[];
  rows: string[][];
}

function asTable(value: unknown): CsvTable {
  const t = value as Partial<CsvTable> | undefined;
  if (!t || !Array.isArray(t.columns) || !Array.isArray(t.rows)) {
    throw new HelperValueError('expected a table read from CSV ({ csv: file.csv } in the data)', '应为由 CSV 读入的表格（数据中写作 { csv: file.csv }）');
  }
  return t as CsvTable;
}

function columnIndex(table: CsvTable, key: unknown): number {
  const i = typeof key === 'number' ? key : table.columns.indexOf(String(key));
  if (!Number.isInteger(i) || i < 0 || i >= table.columns.length) {
    throw new HelperValueError(`no column ${JSON.stringify(key)} in the table (columns: ${table.columns.join(', ')})`, `表格中没有列 ${JSON.stringify(key)}（现有列：${table.columns.join('、')}）`);
  }
  return i;
}

/**
 * One CSV column as a comma list for <chart labels>/<chart series>: digit grouping is dropped from
 * figures (1,230 → 1230) and a comma inside a text cell becomes a full-width ，.
 */
export function csvColumn(table: unknown, key: unknown): string {
  const t = asTable(table);
  const i = columnIndex(t, key);
  return t.rows.map((row) => {
    const cell = (row[i] ?? '').trim();
    return /^-?[\d,]+(\.\d+)?$/.test(cell) ? cell.replace(/,/g, '') : cell.replace(/,/g, '，');
  }).join(',');
}

/** Columns as a <chart series> value, each named by its header: 完成投资:18.2,39.5;计划投资:30,60. */
export function csvSeries(table: unknown, keys: unknown[]): string {
  const t = asTable(table);
  // Columns come one by one ({{csvSeries t "a" "b"}}) or as a list from the data.
  const names = keys.flat();
  if (names.length === 0) throw new HelperValueError('name at least one column', '至少要指定一列');
  return names.map((k) => `${t.columns[columnIndex(t, k)]}:${csvColumn(t, k)}`).join(';');
}
