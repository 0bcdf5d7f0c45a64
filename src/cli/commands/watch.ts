import { watch, type FSWatcher } from 'chokidar';
import type { Sink } from '../output-sink.js';
import { buildOnce, type BuildFlags } from './build.js';
import { findProjectRoot } from '../../project/project-root.js';
import { usageError } from '../../errors/usage.js';

/** Saves often come as several events in a burst; wait this long for the burst to end. */
const SETTLE_MS = 60;

/**
 * Build, then watch exactly the files that build read (data, CSV, template files, style, fonts,
 * config) and rebuild when one changes. A failed build prints its errors and keeps watching.
 */
export async function runWatch(paths: string[], flags: BuildFlags, sink: Sink): Promise<number> {
  if (paths.includes('-') || flags.output === '-') {
    sink.fail(usageError('watch rebuilds from files; standard input and output (-) cannot be watched', 'watch 监视的是文件；标准输入输出（-）无法监视'));
    return 2;
  }
  const { configFile } = findProjectRoot(process.cwd());
  let watcher: FSWatcher | undefined;
  let watched = new Set<string>();
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const { code, inputs } = await buildOnce(paths, flags, sink);
    // A failed build knows only the files it got to read: keep watching the rest too, so fixing
    // a template or partial after a data error is still seen.
    const next = new Set([...inputs, ...(configFile ? [configFile] : []), ...(code === 0 ? [] : watched)]);
    if (!watcher) {
      watcher = watch([...next], { ignoreInitial: true });
      watcher.on('all', () => {
        clearTimeout(timer);
        timer = setTimeout(() => void rebuild(), SETTLE_MS);
      });
    } else {
      watcher.unwatch([...watched].filter((f) => !next.has(f)));
      watcher.add([...next].filter((f) => !watched.has(f)));
    }
    watched = next;
    sink.info(sink.lang === 'zh' ? `正在监视 ${next.size} 个文件，按 Ctrl+C 退出` : `watching ${next.size} files; Ctrl+C to stop`);
    running = false;
    if (again) {
      again = false;
      await rebuild();
    }
  };

  await rebuild();
  await new Promise<void>((done) => {
    const stop = () => {
      void watcher?.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
