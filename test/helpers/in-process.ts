import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { repoRoot, type CliRun } from './run-cli.js';

type RunBriefing = (args: string[], streams: { stdout: Capture; stderr: Capture; readStdin: () => Promise<Buffer> }) => Promise<number>;

interface Capture {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
}

export interface InProcessOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** What standard input holds (`build -`); empty by default. */
  stdin?: string | Buffer;
}

let loaded: Promise<RunBriefing> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run the built CLI (dist/, as `npm test` builds it) inside this test process: the same code as
 * `briefing …` from a shell, without starting Node and loading every module again for each run.
 * For tests of what a command does; a test of the process itself (signals, exit, the bin, which
 * modules load) spawns it with runCli. The current folder and environment are the process's, so
 * runs take turns. The CLI leaves its module stand-ins in the process (pdfkit's fontkit: see
 * src/typeset/module-stand-in.ts): a test that loads fontkit itself spawns the CLI instead.
 */
export function runInProcess(args: string[], opts: InProcessOptions = {}): Promise<CliRun & { stdoutBytes: Buffer }> {
  const run = queue.then(() => runNow(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], opts: InProcessOptions): Promise<CliRun & { stdoutBytes: Buffer }> {
  loaded ??= import(pathToFileURL(join(repoRoot, 'dist/cli/program.js')).href).then((m: { runBriefing: RunBriefing }) => m.runBriefing);
  const runBriefing = await loaded;
  const env: Record<string, string | undefined> = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GITHUB_ACTIONS: '', ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture = (into: Buffer[]): Capture => ({ write: (chunk) => (into.push(Buffer.from(chunk)), true) });
  setEnv(env);
  process.chdir(opts.cwd ?? repoRoot);
  try {
    const stdin = Buffer.from(opts.stdin ?? '');
    const code = await runBriefing(args, { stdout: capture(out), stderr: capture(err), readStdin: () => Promise.resolve(stdin) });
    const stdoutBytes = Buffer.concat(out);
    return { code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
  } finally {
    process.chdir(cwd);
    setEnv(saved);
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
