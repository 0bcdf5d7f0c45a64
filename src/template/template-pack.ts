import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BriefingError } from '../errors/briefing-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { yamlReasonZh } from '../load/parse-reasons.js';
import { builtinTemplatesDir } from '../project/paths.js';

/** A template folder, read: everything later stages need, nothing parsed beyond its manifest. */
export interface TemplatePack {
  name: string;
  description: string;
  /** The description in Chinese, for `templates` under --lang zh. */
  descriptionZh?: string;
  dir: string;
  /** The entry template: its path and source. */
  entry: { file: string; source: string };
  /** Partial name → path and source (from partials/*.hbs). */
  partials: Map<string, { file: string; source: string }>;
  schemaFile: string;
  styleFile: string;
  /** Data path of the document's date, used for the PDF's creation date. */
  datePath?: string;
}

interface TemplateManifest {
  name?: string;
  description?: string;
  descriptionZh?: string;
  entry?: string;
  schema?: string;
  style?: string;
  datePath?: string;
}

/** `name` is a template name (project templates/ first, then built-in) or a folder path. */
export function findTemplateDir(name: string, projectRoot: string): string {
  const candidates = looksLikePath(name)
    ? [resolve(name)]
    : [join(projectRoot, 'templates', name), join(builtinTemplatesDir, name)];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'template.yaml'))) return dir;
  }
  const available = listTemplateNames(projectRoot);
  throw new BriefingError('E_TEMPLATE_NOT_FOUND', { name, available: available.join(', ') || '(none)', availableZh: available.join('、') || '无', ...didYouMean(name, available) });
}

export function listTemplateNames(projectRoot: string): string[] {
  const names = new Set<string>();
  for (const base of [join(projectRoot, 'templates'), builtinTemplatesDir]) {
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      if (existsSync(join(base, entry, 'template.yaml'))) names.add(entry);
    }
  }
  return [...names].sort();
}

export function loadTemplatePack(dir: string): TemplatePack {
  const manifestFile = join(dir, 'template.yaml');
  let manifest: TemplateManifest;
  try {
    manifest = (parseYaml(readFileSync(manifestFile, 'utf8')) ?? {}) as TemplateManifest;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    throw new BriefingError('E_TEMPLATE_INVALID', { reason: `template.yaml: ${message}`, reasonZh: `template.yaml：${yamlReasonZh(message)}` }, { file: manifestFile });
  }
  const entryFile = join(dir, manifest.entry ?? `${basename(dir)}.hbs`);
  const need = (file: string, what: string, whatZh: string) => {
    if (!existsSync(file)) throw new BriefingError('E_TEMPLATE_INVALID', { reason: `${what} ${file} is missing`, reasonZh: `缺少${whatZh} ${file}` }, { file: manifestFile });
    return file;
  };
  const partials = new Map<string, { file: string; source: string }>();
  const partialsDir = join(dir, 'partials');
  if (existsSync(partialsDir) && statSync(partialsDir).isDirectory()) {
    for (const f of readdirSync(partialsDir).sort()) {
      if (extname(f) !== '.hbs') continue;
      const file = join(partialsDir, f);
      partials.set(basename(f, '.hbs'), { file, source: readFileSync(file, 'utf8') });
    }
  }
  return {
    name: manifest.name ?? basename(dir),
    description: manifest.description ?? '',
    descriptionZh: manifest.descriptionZh,
    dir,
    entry: { file: need(entryFile, 'entry template', '入口模板'), source: readFileSync(entryFile, 'utf8') },
    partials,
    schemaFile: need(join(dir, manifest.schema ?? 'schema.json'), 'schema', '数据结构文件'),
    styleFile: need(join(dir, manifest.style ?? 'style.yaml'), 'style file', '样式文件'),
    datePath: manifest.datePath,
  };
}

function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || name.startsWith('.');
}
