// Runs a module in this process and reports this process's peak RSS on exit, so the bench can
// measure a fresh process (cold start included) without platform-specific tools.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , rssFile, script, ...args] = process.argv;
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(script).href);
