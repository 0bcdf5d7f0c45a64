import { BriefingError } from '../errors/briefing-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8 without a leading BOM, or undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A text file's bytes as UTF-8, dropping a BOM; a file that is not UTF-8 is a user error. */
export function utf8Text(bytes: Uint8Array, file: string): string {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new BriefingError('E_DATA_ENCODING', {}, { file });
  return text;
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

/**
 * lineColumnAt for many offsets into one text: the line starts are found once, then each lookup is
 * a binary search. Parsing markup asks for the position of every element, and scanning from the
 * start each time made a 20 MB document take hours.
 */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
