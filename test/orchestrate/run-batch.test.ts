import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefing, type BuildRequest } from '../../src/orchestrate/build-briefing.js';
import { runBatch } from '../../src/orchestrate/run-batch.js';
import { batchProject } from '../helpers/batch-project.js';

const requestsIn = (dir: string, n: number): BuildRequest[] =>
  Array.from({ length: n }, (_, i) => ({ dataFile: `data/doc-${String(i + 1).padStart(3, '0')}.yaml`, cwd: dir, force: true }));

describe('a batch in one process', () => {
  it('hears that a PDF is being written before it is in place, and the build ends once it is', async () => {
    const dir = batchProject(1);
    const out = join(dir, 'output/doc-001.pdf');
    let atWriting: boolean | undefined;
    const result = await buildBriefing(requestsIn(dir, 1)[0]!, undefined, { onWriting: () => (atWriting = existsSync(out)) });
    // The flush and rename were still under way when the batch was told it could go on.
    expect(atWriting).toBe(false);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.bytes).toBe(readFileSync(out).length);
  });

  it('reports every document in order, each with its PDF complete, and leaves no temp file', async () => {
    const dir = batchProject(4);
    const done: [number, boolean][] = [];
    const requests = requestsIn(dir, 4);
    const outcomes = await runBatch(requests, {
      jobs: 1,
      failFast: false,
      onDone: (o, n) => done.push([n, o.ok && existsSync(o.result.output) && readFileSync(o.result.output).length === o.result.bytes]),
    });
    expect(done).toEqual([[1, true], [2, true], [3, true], [4, true]]);
    expect(outcomes.map((o) => o?.ok && o.result.input)).toEqual(requests.map((r) => join(dir, r.dataFile)));
    expect(readdirSync(join(dir, 'output')).sort()).toEqual(['doc-001.pdf', 'doc-002.pdf', 'doc-003.pdf', 'doc-004.pdf']);
  });
});
