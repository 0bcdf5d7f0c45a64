import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaches } from '../../src/host/caches.js';
import { buildBriefing } from '../../src/orchestrate/build-briefing.js';
import { runBatch } from '../../src/orchestrate/run-batch.js';
import { SET_PARAGRAPHS } from '../../src/typeset/typeset-pdf.js';
import { batchProject } from '../helpers/batch-project.js';
import { readPdf } from '../helpers/read-pdf.js';

const docs = (dir: string, n: number) => Array.from({ length: n }, (_, i) => ({ dataFile: join(dir, 'data', `doc-00${i + 1}.yaml`), cwd: dir, force: true }));

describe('a batch built in one process', () => {
  it('shares one set of caches across its documents: fonts, templates, style, set paragraphs', async () => {
    const dir = batchProject(3);
    const caches = createCaches();
    const outcomes = await runBatch(docs(dir, 3), { jobs: 1, failFast: false, caches });
    expect(outcomes.map((o) => o?.ok)).toEqual([true, true, true]);
    expect(caches.names()).toEqual(expect.arrayContaining(['opened fonts', 'compiled template packs', 'style sheets', 'project configs', 'set paragraphs']));
    // The documents differ in their title only: the second and third set their items from the memo.
    const memo = caches.get(SET_PARAGRAPHS);
    expect(memo.hits).toBeGreaterThanOrEqual(4);
    const texts = await Promise.all(outcomes.map(async (o) => (await readPdf(o!.ok ? o!.result.output : '')).pages[0]!.text));
    texts.forEach((t, i) => expect(t).toContain(`测试简报第${i + 1}号`));
    texts.forEach((t) => expect(t).toContain('重大项目：360'));
  });
});

describe('two builds with hosts of their own', () => {
  it('share nothing: a partial changed on disk between them is read anew, even at the same size and time', async () => {
    const dir = batchProject(1);
    const partial = join(dir, 'templates/mini/partials/item.hbs');
    const time = new Date('2026-01-01T00:00:00Z'); // whole seconds: kept exactly by every file system
    utimesSync(partial, time, time);
    const before = statSync(partial);
    const [req] = docs(dir, 1);
    const first = await buildBriefing(req!);
    expect((await readPdf(first.output)).pages[0]!.text).toContain('重大项目：360');

    writeFileSync(partial, readFileSync(partial, 'utf8').replace('：', '＝'));
    utimesSync(partial, time, time);
    expect([statSync(partial).size, statSync(partial).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const second = await buildBriefing(req!);
    expect((await readPdf(second.output)).pages[0]!.text).toContain('重大项目＝360');
  });
});
