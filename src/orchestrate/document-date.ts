/**
 * Two dates, kept apart: the document's own date (its data, e.g. masthead.date) names output files
 * ({date}); SOURCE_DATE_EPOCH, when set, only stamps the PDF's creation and modification times,
 * so a CI run from the push time gives byte-identical PDFs without renaming them.
 */

/** SOURCE_DATE_EPOCH as the reproducible-builds spec has it: whole seconds since 1970, UTC. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): { date?: Date; invalid?: string } {
  const raw = env.SOURCE_DATE_EPOCH;
  // Set but empty (a CI expression that came out empty) counts as unset.
  if (raw === undefined || raw.trim() === '') return {};
  const seconds = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  // Date covers ±8.64e15 ms; anything past that is as wrong as a word.
  if (!Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15) return { invalid: raw };
  return { date: new Date(seconds * 1000) };
}

/** The document's own date: the value at the template's datePath, if it is a date; year, month and day as written. */
export function documentDay(data: Record<string, unknown>, datePath: string | undefined): { year: number; month: number; day: number } | undefined {
  const value = datePath?.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  const m = typeof value === 'string' ? /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value.trim()) : null;
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : undefined;
}

/** `{date}` in an output name: the document's day, else today where briefing runs. */
export function dateForNames(day: { year: number; month: number; day: number } | undefined, now: Date = new Date()): string {
  const d = day ?? { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The clock a build reads: the host's (host/host.ts), which owns SOURCE_DATE_EPOCH and the time. */
export interface BuildClock {
  sourceDate(): Date | undefined;
  now(): Date;
}

/** The PDF's timestamps: SOURCE_DATE_EPOCH, else the document's day (UTC midnight), else now. */
export function creationDate(day: { year: number; month: number; day: number } | undefined, clock: BuildClock): Date {
  const epoch = clock.sourceDate();
  if (epoch) return epoch;
  return day ? new Date(Date.UTC(day.year, day.month - 1, day.day)) : clock.now();
}
