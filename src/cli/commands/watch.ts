import { dirname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Sink } from '../output-sink.js';
import { buildOnce, type BuildFlags } from './build.js';
import { createCaches } from '../../host/caches.js';
import { findProjectRoot } from '../../project/project-root.js';
import { errnoReason } from '../../errors/errno.js';
import { usageError } from '../../errors/usage.js';

/** Saves often come as several events in a burst; wait this long for the burst to end. */
const SETTLE_MS = 60;

/**
 * Build, then watch exactly the files that build read (data, CSV, template files, style, fonts,
 * config) and rebuild when one changes. A failed build prints its errors and keeps watching.
 *
 * The folders holding those files are watched, not the files: a watch on a file ends when the
 * file is deleted or replaced (an editor saving by rename, a file deleted and written again), and
 * would never fire again. Events for files no build read are ignored. A build that crashes is
 * reported like a failed one, and watching goes on.
 */
export async function runWatch(paths: string[], flags: BuildFlags, sink: Sink): Promise<number> {
  if (paths.includes('-') || flags.output === '-') {
    sink.fail(usageError('watch rebuilds from files; standard input and output (-) cannot be watched', 'watch 监视的是文件；标准输入输出（-）无法监视'));
    return 2;
  }
  const { configFile } = findProjectRoot(process.cwd());
  let watcher: FSWatcher | undefined;
  let watched = new Set<string>();
  let folders = new Set<string>();
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  // One set for the session: a rebuild reads again only what changed (each cache checks its files).
  const caches = createCaches();

  const build = async (): Promise<{ code: number; inputs: string[] }> => {
    try {
      return await buildOnce(paths, flags, sink, undefined, caches);
    } catch (e) {
      sink.fail(e);
      return { code: 1, inputs: [] };
    }
  };

  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const { code, inputs } = await build();
    // A failed build knows only the files it got to read: keep watching the rest too, so fixing
    // a template or partial after a data error is still seen.
    const next = new Set([...inputs, ...(configFile ? [configFile] : []), ...(code === 0 ? [] : watched)].map((f) => resolve(f)));
    const nextFolders = new Set([...next].map((f) => dirname(f)));
    if (!watcher) {
      watcher = watch([...nextFolders], { ignoreInitial: true, depth: 0 });
      watcher.on('all', (_event, path) => {
        if (!watched.has(resolve(path))) return;
        clearTimeout(timer);
        timer = setTimeout(() => void rebuild(), SETTLE_MS);
      });
      // A folder that cannot be watched (removed, no permission) is said once; the rest go on.
      watcher.on('error', (e) => {
        const { reason, reasonZh } = errnoReason(e);
        sink.warn(sink.lang === 'zh' ? `监视出错：${reasonZh}` : `watch error: ${reason}`);
      });
      // "watching" is said once changes are seen: a save right after it must not be missed.
      await new Promise<void>((ready) => watcher!.once('ready', () => ready()));
    } else {
      watcher.unwatch([...folders].filter((f) => !nextFolders.has(f)));
      watcher.add([...nextFolders].filter((f) => !folders.has(f)));
    }
    watched = next;
    folders = nextFolders;
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
      clearTimeout(timer);
      void watcher?.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // A build still running when the signal came goes on reading its fonts; the exit closes them then.
  if (!running) caches.close();
  return 0;
}
