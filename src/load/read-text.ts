import { readFileSync } from 'node:fs';
import { BriefingError } from '../errors/briefing-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Read a text file as UTF-8, dropping a BOM; a file that is not UTF-8 is a user error. */
export function readUtf8(path: string, notFound: () => BriefingError): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') throw notFound();
    throw new BriefingError('E_READ', { path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { file: path });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BriefingError('E_DATA_ENCODING', {}, { file: path });
  }
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
