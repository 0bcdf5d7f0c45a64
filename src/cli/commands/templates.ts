import { relative } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { createHost } from '../../host/host.js';
import { utf8Text } from '../../load/read-text.js';
import { builtinTemplatesDir } from '../../project/paths.js';
import { findProjectRoot } from '../../project/project-root.js';
import { findTemplateDir, listTemplateNames, loadTemplatePack } from '../../template/template-pack.js';

/** `briefing templates`: name and description of each, the project's own first; `--json` as one document. */
export function runTemplates(flags: { json?: boolean }, sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  const host = createHost({ projectRoot: root });
  const templates = listTemplateNames(root).map((name) => {
    const pack = loadTemplatePack(findTemplateDir(name, host), host);
    const builtIn = !relative(builtinTemplatesDir, pack.dir).startsWith('..');
    return { name, description: pack.description, descriptionZh: pack.descriptionZh ?? pack.description, source: builtIn ? 'built-in' : 'project', dir: displayPath(pack.dir) };
  });
  if (flags.json) {
    sink.out.write(`${JSON.stringify({ templates }, null, 2)}\n`);
    return 0;
  }
  for (const t of templates) sink.info(`${t.name.padEnd(12)} ${sink.lang === 'zh' ? t.descriptionZh : t.description}`);
  return 0;
}

/** `briefing schema <name>`: the template's JSON Schema, which is one JSON document already. */
export function runSchema(name: string, flags: { json?: boolean }, sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  const host = createHost({ projectRoot: root });
  // The name was typed on the command line: a folder path may lie anywhere.
  const pack = loadTemplatePack(findTemplateDir(name, host, { typed: true }), host);
  const text = utf8Text(host.read('schema', pack.schemaFile), pack.schemaFile);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    throw new BriefingError('E_TEMPLATE_INVALID', { reason: `schema.json: ${(e as Error).message}`, reasonZh: `schema.json 不是有效的 JSON（原文：“${(e as Error).message}”）` }, { file: pack.schemaFile });
  }
  // As written, comments on layout and all; --json promises machine-made JSON, so it is re-made.
  sink.out.write(flags.json ? `${JSON.stringify(schema, null, 2)}\n` : `${text.trimEnd()}\n`);
  return 0;
}
