// Runs a module in this process and reports, on exit, this process's peak RSS (KiB) and CPU time
// (user + system, ms, every thread), so the bench can measure a fresh process (cold start included)
// without platform-specific tools. Both are written as JSON to the file named first.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , statsFile, script, ...args] = process.argv;
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(statsFile, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
await import(pathToFileURL(script).href);
