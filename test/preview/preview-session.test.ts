import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors/briefing-error.js';
import { PreviewSession, type Presenter } from '../../src/preview/preview-session.js';
import type { DocumentState } from '../../src/preview/protocol.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

const presenter: Presenter = {
  problem: (e, severity) => ({ code: e instanceof BriefingError ? e.code : 'internal', severity, message: String(e), line: e instanceof BriefingError ? e.location.line : undefined, text: '' }),
  path: (f) => f,
  built: () => {},
};

async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PreviewSession', () => {
  const dir = tempDir();
  copyFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(dir, 'a.yaml'));
  copyFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(dir, 'b.yaml'));
  copyFileSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(dir, 'key-figures.csv'));
  const session = new PreviewSession({
    documents: ['a', 'b'].map((name) => ({ id: name, label: `${name}.yaml`, request: { dataFile: join(dir, `${name}.yaml`), cwd: dir } })),
    present: presenter,
  });
  const seen: DocumentState[] = [];
  const latest = () => seen[seen.length - 1]!;
  afterAll(() => session.close());

  it('builds a document when a page follows it, and rebuilds it when any file its build read changes', async () => {
    session.subscribe('a', (s) => seen.push(s));
    await until(() => latest().build?.version === 1, 'the first build');
    expect(latest()).toMatchObject({ doc: 'a', building: false, build: { pages: expect.any(Number), pdf: '/pdf/a?v=1' } });
    expect(session.pdf('a')!.subarray(0, 5).toString()).toBe('%PDF-');
    // The CSV is read by the build, not named on the command line.
    const csv = join(dir, 'key-figures.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('重大项目,360,个', '重大项目,361,个'));
    await until(() => latest().build?.version === 2, 'a rebuild after the CSV changed');
    // Nobody follows b: it was only marked stale, never built.
    expect(session.pdf('b')).toBeUndefined();
  });

  it('keeps the last good PDF while a build fails, and drops the errors with the next good build', async () => {
    const good = readFileSync(join(dir, 'a.yaml'), 'utf8');
    const before = session.pdf('a');
    writeFileSync(join(dir, 'a.yaml'), good.replace('\nkicker: 敢想敢为 善作善成\n', '\nkicker: 敢想敢为: 善作善成: 再\n'));
    await until(() => !!latest().errors, 'the failed build');
    expect(latest().errors).toEqual([expect.objectContaining({ code: 'E_YAML_SYNTAX', severity: 'error', line: 16 })]);
    expect(latest().build?.version).toBe(2);
    expect(session.pdf('a')).toBe(before);
    writeFileSync(join(dir, 'a.yaml'), good);
    await until(() => latest().build?.version === 3, 'the build after the fix');
    expect(latest().errors).toBeUndefined();
  });

  it('builds another document when a page turns to it', async () => {
    const states: DocumentState[] = [];
    const stop = session.subscribe('b', (s) => states.push(s));
    expect(states[0]).toMatchObject({ doc: 'b', building: true });
    await until(() => states[states.length - 1]!.build?.version === 1, 'b built');
    stop();
  });
});
