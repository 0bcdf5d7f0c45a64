import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's cache folder: %LOCALAPPDATA%, ~/Library/Caches or $XDG_CACHE_HOME (~/.cache), then briefing/. */
export function userCacheDir(): string {
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'briefing');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'briefing');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'briefing');
}
