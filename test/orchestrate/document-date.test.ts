import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host.js';
import { creationDate, dateForNames, documentDay, sourceDateEpoch } from '../../src/orchestrate/document-date.js';
import { batchProject } from '../helpers/batch-project.js';
import { runInProcess } from '../helpers/in-process.js';
import { readPdf } from '../helpers/read-pdf.js';

describe('dates: {date} from the document, SOURCE_DATE_EPOCH for the PDF\'s timestamps only', () => {
  it('reads SOURCE_DATE_EPOCH as whole seconds; empty is unset, anything else is invalid', () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1700000000' }).date?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '' })).toEqual({});
    expect(sourceDateEpoch({})).toEqual({});
    for (const bad of ['yesterday', '2023-08-22', '1.7e9', '-5', '99999999999999999999']) expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: bad })).toEqual({ invalid: bad });
  });

  it('takes the document\'s day as written, whatever the time zone; {date} falls back to today here', () => {
    expect(documentDay({ meeting: { date: '2023-8-2' } }, 'meeting.date')).toEqual({ year: 2023, month: 8, day: 2 });
    expect(documentDay({ date: '2023-13-02' }, 'date')).toBeUndefined();
    expect(dateForNames({ year: 2023, month: 8, day: 2 })).toBe('2023-08-02');
    expect(dateForNames(undefined, new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    const clock = (env: NodeJS.ProcessEnv) => createHost({ projectRoot: tmpdir(), env });
    expect(creationDate({ year: 2023, month: 8, day: 22 }, clock({})).toISOString()).toBe('2023-08-22T00:00:00.000Z');
    expect(creationDate({ year: 2023, month: 8, day: 22 }, clock({ SOURCE_DATE_EPOCH: '1700000000' })).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(creationDate(undefined, clock({ SOURCE_DATE_EPOCH: 'yesterday' })).getTime()).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });

  it('names the file from the data\'s date even when SOURCE_DATE_EPOCH stamps the PDF', async () => {
    const dir = batchProject(1);
    const run = await runInProcess(['build', 'data/doc-001.yaml', '-o', 'out/{stem}-{date}.pdf'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.code, run.stderr).toBe(0);
    const file = join(dir, 'out/doc-001-2023-08-22.pdf');
    expect(existsSync(file)).toBe(true);
    expect(String((await readPdf(file)).info.CreationDate)).toMatch(/^D:20231114221320/);
  });

  it('warns about an invalid SOURCE_DATE_EPOCH and dates the PDF from the document', async () => {
    const dir = batchProject(1);
    const run = await runInProcess(['build', 'data/doc-001.yaml', '-o', 'out/{stem}-{date}.pdf'], { cwd: dir, env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning[E_SOURCE_DATE_EPOCH]: SOURCE_DATE_EPOCH="yesterday" is not a whole number of seconds since 1970 and is ignored');
    expect(String((await readPdf(join(dir, 'out/doc-001-2023-08-22.pdf'))).info.CreationDate)).toMatch(/^D:20230822000000/);
  });
});
