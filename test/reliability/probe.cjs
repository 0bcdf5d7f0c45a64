// Loaded into the CLI under test with NODE_OPTIONS=--require (test/reliability/hostile-corpus.test.ts).
// It records, per process, the peak memory and every file opened under BRIEFING_PROBE_OUTSIDE
// (a folder the build must never read), appending one JSON line per fact to BRIEFING_PROBE_LOG.
// Only measures: it changes nothing briefing does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { syncBuiltinESMExports } = require('node:module');
const { isMainThread } = require('node:worker_threads');

const log = process.env.BRIEFING_PROBE_LOG;
const outside = process.env.BRIEFING_PROBE_OUTSIDE;
if (log && outside) {
  const realpath = fs.realpathSync.native;
  const append = fs.appendFileSync;
  const real = (p) => {
    try {
      return realpath(p);
    } catch {
      return path.resolve(p);
    }
  };
  const fence = real(outside);
  const note = (p) => {
    if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return; // a descriptor
    const file = real(p instanceof URL ? p.pathname : String(p));
    if (file === fence || file.startsWith(fence + path.sep)) append(log, `${JSON.stringify({ pid: process.pid, opened: file })}\n`);
  };
  for (const name of ['openSync', 'readFileSync', 'open', 'readFile', 'createReadStream']) {
    const original = fs[name];
    fs[name] = function probed(p, ...rest) {
      note(p);
      return original.call(this, p, ...rest);
    };
  }
  for (const name of ['open', 'readFile']) {
    const original = fs.promises[name];
    fs.promises[name] = function probed(p, ...rest) {
      note(p);
      return original.call(this, p, ...rest);
    };
  }
  syncBuiltinESMExports();
  if (isMainThread) {
    // maxRSS covers every thread of the process; a child process writes its own line.
    process.on('exit', () => append(log, `${JSON.stringify({ pid: process.pid, maxRssKb: process.resourceUsage().maxRSS })}\n`));
  }
}
