import type { Sink } from '../output-sink.js';
import { createHost } from '../../host/host.js';
import { findProjectRoot } from '../../project/project-root.js';
import { findTemplateDir, listTemplateNames, loadTemplatePack } from '../../template/template-pack.js';

export function runTemplates(sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  const host = createHost({ projectRoot: root });
  for (const name of listTemplateNames(root)) {
    const pack = loadTemplatePack(findTemplateDir(name, host), host);
    sink.info(`${name.padEnd(12)} ${pack.description}`);
  }
  return 0;
}

export function runSchema(name: string, sink: Sink): number {
  const { root } = findProjectRoot(process.cwd());
  const host = createHost({ projectRoot: root });
  const pack = loadTemplatePack(findTemplateDir(name, host, { typed: true }), host);
  sink.info(host.read('schema', pack.schemaFile).toString('utf8').trimEnd());
  return 0;
}
