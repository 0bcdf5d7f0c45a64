import { readFileSync } from 'node:fs';
import type { Sink } from '../output-sink.js';
import { findProjectRoot } from '../../project/project-root.js';
import { findTemplateDir, listTemplateNames, loadTemplatePack } from '../../template/template-pack.js';

export function runTemplates(sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  for (const name of listTemplateNames(root)) {
    const pack = loadTemplatePack(findTemplateDir(name, root));
    sink.info(`${name.padEnd(12)} ${pack.description}`);
  }
  return 0;
}

export function runSchema(name: string, sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  const pack = loadTemplatePack(findTemplateDir(name, root));
  sink.info(readFileSync(pack.schemaFile, 'utf8').trimEnd());
  return 0;
}
