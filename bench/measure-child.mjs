// Runs a module in this process and reports, on exit, this process's peak RSS (KiB) and CPU time
// (user + system, ms, every thread), so the bench can measure a fresh process (cold start included)
// without platform-specific tools. Both are written as JSON to the file named first. On Linux also
// the main thread's own CPU time (from /proc): the part V8's compiler and GC threads do not share,
// which a busy machine distorts least.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , statsFile, script, ...args] = process.argv;
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(statsFile, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, mainMs: mainThreadMs() }));
});
await import(pathToFileURL(script).href);

/** The main thread's time on a CPU (ns in /proc/<pid>/task/<pid>/schedstat), in ms; null elsewhere. */
function mainThreadMs() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}
