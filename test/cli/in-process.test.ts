import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { runCli } from '../helpers/run-cli.js';

describe('the CLI run in-process', () => {
  it('prints and exits as the spawned CLI does', async () => {
    for (const args of [['templates'], ['build', '--nope'], ['--lang', 'zh', 'validate', 'missing.yaml']]) {
      const inside = await runInProcess(args);
      const spawned = runCli(args);
      expect({ code: inside.code, stdout: inside.stdout, stderr: inside.stderr }, args.join(' ')).toEqual(spawned);
    }
  });
});
