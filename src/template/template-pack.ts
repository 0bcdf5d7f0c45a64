import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BriefingError } from '../errors/briefing-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { yamlReasonZh } from '../load/parse-reasons.js';
import { createHost, type Host } from '../host/host.js';
import { isFolder, isRegularFile, listFolder } from '../host/gate.js';
import { utf8Text } from '../load/read-text.js';
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

/**
 * `name` is a template name (project templates/ first, then built-in) or a folder path. `typed`:
 * the user gave it on the command line, so a folder path may lie outside the project; a name in
 * the data or a config must lead into the project or to a built-in template.
 */
export function findTemplateDir(name: string, host: Host, { typed = false, cwd }: { typed?: boolean; cwd?: string } = {}): string {
  const dir = host.templateFolder(name, { typed, cwd });
  if (dir) return dir;
  const available = listTemplateNames(host.projectRoot);
  throw new BriefingError('E_TEMPLATE_NOT_FOUND', { name, available: available.join(', ') || '(none)', availableZh: available.join('、') || '无', ...didYouMean(name, available) });
}

export function listTemplateNames(projectRoot: string): string[] {
  const names = new Set<string>();
  for (const base of [join(projectRoot, 'templates'), builtinTemplatesDir]) {
    for (const entry of listFolder(base)) {
      if (isRegularFile(join(base, entry, 'template.yaml'))) names.add(entry);
    }
  }
  return [...names].sort();
}

const MANIFEST_TEXT = ['name', 'description', 'descriptionZh', 'entry', 'schema', 'style', 'datePath'] as const;

/**
 * Read a template folder through the host: every file it names must lie where the folder was
 * found (the project, briefing's own templates, or the folder the user named), symbolic links
 * followed. By default the folder is its own project (the caller vouches for it).
 */
export function loadTemplatePack(dir: string, host: Host = createHost({ projectRoot: dir })): TemplatePack {
  const manifestFile = join(dir, 'template.yaml');
  const invalid = (reason: string, reasonZh: string) => new BriefingError('E_TEMPLATE_INVALID', { reason, reasonZh }, { file: manifestFile });
  let manifest: TemplateManifest;
  const manifestText = utf8Text(host.read('template', manifestFile, { missing: () => invalid('template.yaml is missing', '缺少 template.yaml') }), manifestFile);
  try {
    manifest = (parseYaml(manifestText) ?? {}) as TemplateManifest;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    throw invalid(`template.yaml: ${message}`, `template.yaml：${yamlReasonZh(message)}`);
  }
  if (typeof manifest !== 'object' || Array.isArray(manifest)) throw invalid('template.yaml must be a mapping of keys to values', 'template.yaml 必须是“键: 值”形式的映射');
  for (const key of MANIFEST_TEXT) {
    if (manifest[key] !== undefined && typeof manifest[key] !== 'string') throw invalid(`template.yaml: ${key} must be text`, `template.yaml：${key} 必须是文字`);
  }
  const missing = (what: string, whatZh: string, file: string) => () => invalid(`${what} ${file} is missing`, `缺少${whatZh} ${file}`);
  const entryFile = join(dir, manifest.entry ?? `${basename(dir)}.hbs`);
  const entrySource = utf8Text(host.read('template', entryFile, { shown: manifest.entry, where: { file: manifestFile }, missing: missing('entry template', '入口模板', entryFile) }), entryFile);
  const partials = new Map<string, { file: string; source: string }>();
  const partialsDir = join(dir, 'partials');
  if (isFolder(partialsDir)) {
    for (const f of listFolder(partialsDir)) {
      if (extname(f) !== '.hbs') continue;
      const file = join(partialsDir, f);
      partials.set(basename(f, '.hbs'), { file, source: utf8Text(host.read('partial', file, { shown: `partials/${f}` }), file) });
    }
  }
  const schemaFile = join(dir, manifest.schema ?? 'schema.json');
  const styleFile = join(dir, manifest.style ?? 'style.yaml');
  // Read later (validate, document); checked now, so a pack that points out of its place fails whole.
  host.check('schema', schemaFile, { shown: manifest.schema, where: { file: manifestFile }, missing: missing('schema', '数据结构文件', schemaFile) });
  host.check('style', styleFile, { shown: manifest.style, where: { file: manifestFile }, missing: missing('style file', '样式文件', styleFile) });
  return {
    name: manifest.name ?? basename(dir),
    description: manifest.description ?? '',
    descriptionZh: manifest.descriptionZh,
    dir,
    entry: { file: entryFile, source: entrySource },
    partials,
    schemaFile,
    styleFile,
    datePath: manifest.datePath,
  };
}
