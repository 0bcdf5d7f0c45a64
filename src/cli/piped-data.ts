import { BriefingError } from '../errors/briefing-error.js';
import { usageError } from '../errors/usage.js';
import { decodeUtf8 } from '../load/read-text.js';
import { STDIN_NAME } from '../orchestrate/plan-builds.js';

/** All of standard input, for `build -` and `validate -`. */
export type ReadStdin = () => Promise<Buffer>;

/**
 * Standard input, read whole. The one read of it briefing makes, kept here in the open so a host
 * that owns file access can take it over.
 */
export async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** --format: yaml or json, or absent. */
export function checkFormat(format: string | undefined): void {
  if (format !== undefined && format !== 'yaml' && format !== 'json') {
    throw usageError(`--format takes yaml or json, not "${format}"`, `--format 应为 yaml 或 json，而不是“${format}”`);
  }
}

/** The data piped in: UTF-8 text, in the format asked for or, failing that, the one it looks like. */
export async function readPipedData(readStdin: ReadStdin, format: string | undefined): Promise<{ dataText: string; dataFormat: 'yaml' | 'json' }> {
  const text = decodeUtf8(await readStdin());
  if (text === undefined) throw new BriefingError('E_DATA_ENCODING', {}, { file: STDIN_NAME });
  return { dataText: text, dataFormat: format === 'json' || (format === undefined && /^\s*\{/.test(text)) ? 'json' : 'yaml' };
}
