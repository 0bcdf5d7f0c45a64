#!/usr/bin/env node
// First: modules loaded from here on can come from the code cache (compile-cache.ts).
import '../orchestrate/compile-cache.js';

async function main(args: string[]): Promise<void> {
  // `briefing --version` alone is answered before the program and commander load: a script that
  // asks which briefing it has pays little more than Node's own start (docs/performance.md).
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    const { briefingVersion } = await import('../host/package-files.js');
    process.stdout.write(`${briefingVersion()}\n`);
    return;
  }
  // The program (and commander) after the cache is on: in the bundle a static import of a library
  // is hoisted above everything, so it would be compiled before the cache could serve it.
  const { runBriefing } = await import('./program.js');

  // `briefing --help | head` closes the pipe early; that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = await runBriefing(args);
}

// No top-level await: the bundle runs this file as CommonJS (scripts/bundle.mjs), where the code cache reaches it.
void main(process.argv.slice(2));
