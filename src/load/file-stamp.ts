import { statSync } from 'node:fs';

/**
 * A file's size and modification time as one string, undefined when it cannot be read: how a
 * per-process cache (config, style, fonts) tells that `watch` saw the file change.
 */
export function fileStamp(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}
