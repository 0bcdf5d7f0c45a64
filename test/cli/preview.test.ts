import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, tempDir } from '../helpers/run-cli.js';

/** A project with the bulletin sample, and a second document made from it. */
function sampleProject(): string {
  const dir = tempDir();
  copyFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(dir, 'a.yaml'));
  copyFileSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(dir, 'key-figures.csv'));
  writeFileSync(join(dir, 'b.yaml'), readFileSync(join(dir, 'a.yaml'), 'utf8').replace('\ntitle: 高质量推动现代化美好二七建设蔚然成势\n', '\ntitle: 第二份简报\n'));
  return dir;
}

/** Start `briefing preview`, wait until `ready` appears in its output, hand over, then Ctrl+C it. */
async function withPreview(args: string[], cwd: string, env: Record<string, string>, ready: RegExp, use: (out: () => string) => Promise<void>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [cliPath, 'preview', ...args], { cwd, env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => ready.test(out), () => `never printed ${ready}:\n${out}`);
    await use(() => out);
  } finally {
    child.kill('SIGINT');
  }
  return { code: await exited, out };
}

async function waitFor(ok: () => boolean, why: () => string, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > ms) throw new Error(why());
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('briefing preview (command line)', () => {
  it('lists several documents, builds the first at once, and stops on Ctrl+C with exit 0', async () => {
    const dir = sampleProject();
    // The two lines are two writes: on a busy machine the second may arrive a moment later.
    const run = await withPreview(['*.yaml'], dir, {}, /preview at (http:\S+)[^]*documents to choose from/, async (out) => {
      const url = /preview at (http:\S+)/.exec(out())![1]!;
      expect(out()).toContain('2 documents to choose from');
      const session = await (await fetch(`${url}api/session`)).json();
      expect(session).toMatchObject({ lang: 'zh', documents: [{ id: '1', label: 'a.yaml' }, { id: '2', label: 'b.yaml' }] });
      // The first document is built before any page asks for it; the second only when chosen.
      await waitFor(() => /built output\/a\.pdf/.test(out()), () => out());
      expect(existsSync(join(dir, 'output/b.pdf'))).toBe(false);
    });
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toMatch(/internal error/);
  });

  it.runIf(process.platform === 'linux')('--open hands the address to the default browser', async () => {
    const dir = sampleProject();
    const opened = join(dir, 'opened.txt');
    const fakeBrowser = join(tempDir(), 'browser.sh');
    writeFileSync(fakeBrowser, `#!/bin/sh\necho "$1" > '${opened}'\n`);
    chmodSync(fakeBrowser, 0o755);
    // xdg-open with no display runs $BROWSER; macOS and Windows have their own openers.
    const run = await withPreview(['a.yaml', '--open', '--lang', 'en'], dir, { BROWSER: fakeBrowser, DISPLAY: '', WAYLAND_DISPLAY: '' }, /preview at (http:\S+)/, async (out) => {
      await waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8').trim() !== '', () => `no browser opened:\n${out()}`, 20_000);
      expect(readFileSync(opened, 'utf8').trim()).toBe(/preview at (http:\S+)/.exec(out())![1]);
    });
    expect(run.code, run.out).toBe(0);
  }, 60_000);

  it.runIf(process.platform !== 'win32')('a port that is taken is an error with a hint; a bad --port is a usage error', async () => {
    const dir = sampleProject();
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = runCli(['preview', 'a.yaml', '--port', String(port)], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error[E_PREVIEW_LISTEN]: cannot start the preview server on 127.0.0.1:${port}: EADDRINUSE`);
      expect(run.stderr).toContain('hint: another program uses that port');
      const zh = runCli(['preview', 'a.yaml', '--port', String(port), '--lang', 'zh'], { cwd: dir });
      expect(zh.stderr).toContain(`错误[E_PREVIEW_LISTEN]：无法在 127.0.0.1:${port} 启动预览服务：EADDRINUSE，该地址已被其他程序占用`);
    } finally {
      taken.close();
    }
    expect(runCli(['preview', 'a.yaml', '--port', 'eighty'], { cwd: dir }).code).toBe(2);
    const none = runCli(['preview', 'nothing-*.yaml'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error[E_USAGE]: "nothing-*.yaml" matches no file');
  });
});
