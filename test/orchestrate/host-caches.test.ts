import { readdirSync, readFileSync, readlinkSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaches } from '../../src/host/caches.js';
import { buildBriefing } from '../../src/orchestrate/build-briefing.js';
import { runBatch } from '../../src/orchestrate/run-batch.js';
import { SET_PARAGRAPHS } from '../../src/typeset/typeset-pdf.js';
import { batchProject } from '../helpers/batch-project.js';
import { runInProcess } from '../helpers/in-process.js';
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

/** Files of the bundled fonts this process holds open (Linux: /proc/self/fd). */
function openFonts(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return /\.(otf|ttf|ttc)$/.test(target) ? [target] : [];
    } catch {
      return []; // closed while we looked
    }
  });
}

describe('a batch on pool threads', () => {
  it.runIf(process.platform === 'linux')('gives back the font files its threads opened when the pool ends', async () => {
    const dir = batchProject(4);
    const before = openFonts().length;
    const run = await runInProcess(['build', '--jobs', '2'], { cwd: dir, env: { CI: 'true' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^built 4 PDFs/m);
    // The pool's threads are gone and their fonts closed with them.
    await new Promise((r) => setTimeout(r, 200));
    expect(openFonts().length).toBe(before);
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
