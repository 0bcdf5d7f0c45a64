import { BriefingError } from '../errors/briefing-error.js';
import { usageError } from '../errors/usage.js';
import { checkSize, readStream } from '../host/gate.js';
import { decodeUtf8 } from '../load/read-text.js';
import { STDIN_NAME } from '../orchestrate/plan-builds.js';

/** All of standard input, for `build -` and `validate -`. */
export type ReadStdin = () => Promise<Buffer>;

/**
 * Standard input, read whole: the one read of it briefing makes, held by the gate to the size a
 * data file may have (an endless pipe stops at the limit).
 */
export async function readProcessStdin(): Promise<Buffer> {
  return readStream('data', process.stdin, STDIN_NAME);
}

/** --format: yaml or json, or absent. */
export function checkFormat(format: string | undefined): void {
  if (format !== undefined && format !== 'yaml' && format !== 'json') {
    throw usageError(`--format takes yaml or json, not "${format}"`, `--format 应为 yaml 或 json，而不是“${format}”`);
  }
}

/** The data piped in: UTF-8 text, in the format asked for or, failing that, the one it looks like. */
export async function readPipedData(readStdin: ReadStdin, format: string | undefined): Promise<{ dataText: string; dataFormat: 'yaml' | 'json' }> {
  const bytes = await readStdin();
  checkSize('data', bytes.length, STDIN_NAME);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new BriefingError('E_DATA_ENCODING', {}, { file: STDIN_NAME });
  return { dataText: text, dataFormat: format === 'json' || (format === undefined && /^\s*\{/.test(text)) ? 'json' : 'yaml' };
}
