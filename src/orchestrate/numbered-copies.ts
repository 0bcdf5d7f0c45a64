import { basename, extname, join, resolve } from 'node:path';
import { BriefingError } from '../errors/briefing-error.js';
import { loadCsv } from '../load/load-csv.js';
import type { BuildRequest } from './build-briefing.js';

/** One controlled copy: its 6-digit 份号 and, from a recipients list, who holds it. */
export interface Copy {
  number: string;
  recipient?: string;
}

/** 000001 … from --copies N, or one per row of a recipients CSV (name[, 份号]). */
export function listCopies(opts: { copies?: number; recipients?: string; cwd: string }): Copy[] {
  if (opts.recipients) {
    const file = resolve(opts.cwd, opts.recipients);
    const table = loadCsv(file, undefined, { kind: 'recipients' });
    const nameCol = table.columns.findIndex((c) => /^(name|姓名|收件人|领取人)$/i.test(c));
    const numberCol = table.columns.findIndex((c) => /^(copy|number|份号)$/i.test(c));
    if (nameCol < 0) {
      throw new BriefingError('E_CSV_SYNTAX', { reason: 'the recipients list needs a column named 姓名 (or name)', reasonZh: '领取人名单须有一列名为“姓名”（或 name）' }, { file, line: 1 });
    }
    // A list with a header and no names would print no copy at all and still succeed.
    if (!table.rows.length) {
      throw new BriefingError('E_CSV_SYNTAX', { reason: 'the recipients list has a header but no names under it; add one row per recipient',
        reasonZh: '领取人名单只有表头，下面没有姓名；请每位领取人写一行' }, { file, line: 2 });
    }
    const copies = table.rows.map((row, i) => ({
      number: pad(numberCol >= 0 && row[numberCol] ? Number(row[numberCol]) : i + 1, file, i + 2),
      recipient: row[nameCol]!,
    }));
    // Two rows with one 份号 would print the same copy twice, one PDF over the other.
    const seen = new Map<string, number>();
    copies.forEach((c, i) => {
      const first = seen.get(c.number);
      if (first !== undefined) {
        throw new BriefingError('E_CSV_SYNTAX', { reason: `份号 ${c.number} is given twice, on lines ${first + 2} and ${i + 2}`,
          reasonZh: `份号 ${c.number} 出现了两次：第 ${first + 2} 行和第 ${i + 2} 行` }, { file, line: i + 2 });
      }
      seen.set(c.number, i);
    });
    return copies;
  }
  const n = opts.copies ?? 0;
  return Array.from({ length: n }, (_, i) => ({ number: pad(i + 1, undefined, undefined) }));
}

function pad(n: number, file: string | undefined, line: number | undefined): string {
  if (!Number.isInteger(n) || n < 1 || n > 999999) {
    throw new BriefingError('E_CSV_SYNTAX', { reason: `份号 must be a whole number from 1 to 999999, not "${n}"`, reasonZh: `份号应为 1 到 999999 的整数，而不是“${n}”` }, { file, line });
  }
  return String(n).padStart(6, '0');
}

/** One request per copy, each to <folder>/<stem>-<份号>.pdf; the watermark names the recipient. */
export function copyRequests(base: BuildRequest, copies: Copy[], folder: string, watermark: string | undefined): BuildRequest[] {
  const stem = basename(base.dataFile, extname(base.dataFile));
  return copies.map((c) => ({
    ...base,
    copyNumber: c.number,
    // {name} needs a recipient; the command line refuses it without --recipients.
    watermark: watermark?.replaceAll('{name}', c.recipient ?? ''),
    output: join(folder, `${stem}-${c.number}.pdf`),
  }));
}

