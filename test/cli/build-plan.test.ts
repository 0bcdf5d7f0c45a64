import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS, planRequests } from '../../src/cli/commands/build-plan.js';
import { loadConfig } from '../../src/project/load-config.js';
import { batchProject } from '../helpers/batch-project.js';

describe('the build plan', () => {
  const plan = (dir: string, flags: Record<string, string | boolean> = {}) => planRequests([], flags, {
    cwd: dir, root: dir, config: loadConfig(join(dir, 'briefing.config.yaml')), readStdin: () => Promise.resolve(Buffer.alloc(0)),
  });

  it('builds a batch in this process unless --jobs asks for workers: one process was fastest (docs/performance.md)', async () => {
    const dir = batchProject(3);
    expect(DEFAULT_JOBS).toBe(1);
    const byDefault = await plan(dir);
    expect(byDefault.requests).toHaveLength(3);
    expect(byDefault.jobs).toBe(1);
    expect((await plan(dir, { jobs: '2' })).jobs).toBe(2);
  });
});
