import { resolve } from 'node:path';
import { createHost } from '../host/host.js';
import { loadData, loadDataText } from '../load/load-data.js';
import { findProjectRoot } from '../project/project-root.js';
import { findTemplateDir, loadTemplatePack } from '../template/template-pack.js';
import type { BuildRequest } from './build-briefing.js';
import { dateForNames, documentDay } from './document-date.js';
import { outputPath, stemOf } from './output-pattern.js';

const PLACEHOLDERS_FROM_DATA = /\{(date|template)\}/;

/**
 * The file a request will be written to, found before anything is built so a batch can refuse two
 * documents that would overwrite each other. A pattern with {date} or {template} needs the data
 * (and, for {date}, the template's date path), read here through the gate as the build reads it;
 * undefined when that fails — the build itself then reports why.
 */
export function plannedOutput(req: BuildRequest): string | undefined {
  const cwd = req.cwd ?? process.cwd();
  const dataFile = resolve(cwd, req.dataFile);
  const fromStdin = req.dataText !== undefined;
  const stem = stemOf(dataFile, fromStdin);
  const { root } = findProjectRoot(cwd);
  if (!req.output || !PLACEHOLDERS_FROM_DATA.test(req.output)) {
    return outputPath(req.output, { cwd, root, stem, template: '', date: '' });
  }
  try {
    const host = createHost({ projectRoot: root });
    const loaded = fromStdin ? loadDataText(dataFile, req.dataText!, req.dataFormat ?? 'yaml') : loadData(dataFile, { host, typed: !req.fromConfig?.data });
    const name = req.template ?? (typeof loaded.data.template === 'string' ? loaded.data.template : undefined);
    if (!name) return undefined;
    const pack = loadTemplatePack(findTemplateDir(name, host, { typed: !!req.template && !req.fromConfig?.template, cwd }), host);
    return outputPath(req.output, { cwd, root, stem, template: pack.name, date: dateForNames(documentDay(loaded.data, pack.datePath), host.now()) });
  } catch {
    return undefined;
  }
}
