import { spawn } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchProject } from '../helpers/batch-project.js';
import { cliPath } from '../helpers/run-cli.js';

/** Collect a child's output and wait (bounded) for a pattern to appear n times. */
function follow(child: ReturnType<typeof spawn>) {
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    text: () => out,
    waitFor: (re: RegExp, count: number, ms = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const tick = setInterval(() => {
          if ((out.match(new RegExp(re, 'g')) ?? []).length >= count) {
            clearInterval(tick);
            resolve();
          } else if (Date.now() - started > ms) {
            clearInterval(tick);
            reject(new Error(`timed out waiting for ${re} ×${count}:\n${out}`));
          }
        }, 50);
      }),
  };
}

/** `briefing watch` on a one-document project, once it says it is watching. */
async function startWatch() {
  const dir = batchProject(1);
  const child = spawn(process.execPath, [cliPath, 'watch', 'data/doc-001.yaml'], { cwd: dir, env: { ...process.env, CI: 'true', LANG: 'C' } });
  const log = follow(child);
  try {
    await log.waitFor(/watching \d+ files/, 1);
  } catch (e) {
    child.kill('SIGINT');
    throw e;
  }
  const data = join(dir, 'data/doc-001.yaml');
  return { dir, child, log, data, good: readFileSync(data, 'utf8') };
}

describe('briefing watch', () => {
  it('rebuilds when a file the build read changes, and keeps watching after a failure', async () => {
    const { dir, child, log, data, good } = await startWatch();
    try {
      // A data change rebuilds.
      writeFileSync(data, good.replace('value: 360', 'value: 362'));
      await log.waitFor(/built output\/doc-001\.pdf/, 2);
      // A broken save prints the error and keeps watching.
      writeFileSync(data, 'template: mini\ntitle: a: b\n');
      await log.waitFor(/E_YAML_SYNTAX/, 1);
      writeFileSync(data, good);
      await log.waitFor(/built output\/doc-001\.pdf/, 3);
      // A partial the template uses is watched too.
      writeFileSync(join(dir, 'templates/mini/partials/item.hbs'), '<p>{{name}}：{{value}}。</p>\n');
      await log.waitFor(/built output\/doc-001\.pdf/, 4);
    } finally {
      child.kill('SIGINT');
    }
    expect(log.text()).not.toMatch(/internal error/);
  });

  it('goes on rebuilding after a file it watches is deleted and written again, or replaced by a rename', async () => {
    const { dir, child, log, data, good } = await startWatch();
    try {
      rmSync(data);
      await log.waitFor(/E_DATA_NOT_FOUND/, 1);
      // Written again a moment later: a watch on the file itself would have ended with the delete.
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(data, good.replace('value: 360', 'value: 361'));
      await log.waitFor(/built output\/doc-001\.pdf/, 2);
      // An editor's save: a new file renamed over the old one.
      writeFileSync(join(dir, 'data/.doc-001.yaml.swp'), good);
      renameSync(join(dir, 'data/.doc-001.yaml.swp'), data);
      await log.waitFor(/built output\/doc-001\.pdf/, 3);
      // And the partial, deleted and restored.
      const partial = join(dir, 'templates/mini/partials/item.hbs');
      const item = readFileSync(partial, 'utf8');
      rmSync(partial);
      await log.waitFor(/E_PARTIAL_MISSING|E_TEMPLATE/, 1);
      writeFileSync(partial, item.replace('</p>', '。</p>'));
      await log.waitFor(/built output\/doc-001\.pdf/, 4);
    } finally {
      child.kill('SIGINT');
    }
    expect(log.text()).not.toMatch(/internal error/);
  });
});
