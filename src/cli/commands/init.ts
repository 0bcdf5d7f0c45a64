import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { usageError } from '../../errors/usage.js';
import { createHost, type Host } from '../../host/host.js';
import { exists, isFolder, isRegularFile, listFolder, readFile } from '../../host/gate.js';
import { briefingVersion, readPackageFile } from '../../host/package-files.js';
import { writeAtomic } from '../../output/write-atomic.js';
import { briefingSource, type BriefingSource } from '../../project/briefing-source.js';
import { builtinTemplatesDir, packageRoot } from '../../project/paths.js';
import { listTemplateNames } from '../../template/template-pack.js';

/** What a template folder holds that is the template itself; everything else is sample material. */
const TEMPLATE_FILES: ReadonlySet<string> = new Set(['template.yaml', 'style.yaml', 'schema.json', 'partials', 'sample.yaml']);

/** Writes a file of the new project through the one writer. */
type Write = (file: string, bytes: Uint8Array | string) => void;

/** What a project keeps out of git: what npm installs and what briefing makes. */
const IGNORED = ['node_modules/', 'output/', '.briefing-cache/'];

export interface InitFlags {
  template?: string;
  force?: boolean;
  /** Where npm gets briefing for this project: a tarball path, a git URL, a version range. */
  from?: string;
}

/**
 * `briefing init [dir] --template name`: a project that builds with one command — config, the
 * template copied in to customise (it wins over the built-in one of the same name), the template's
 * sample data with whatever files it refers to, and a package.json that depends on briefing, so
 * `npm install && npx briefing build` works there and in CI.
 */
export function runInit(dir: string | undefined, flags: InitFlags, sink: Sink): number {
  try {
    const target = resolve(dir ?? '.');
    const name = flags.template ?? 'bulletin';
    const source = join(builtinTemplatesDir, name);
    if (!isRegularFile(join(source, 'template.yaml'))) {
      const available = listTemplateNames(target);
      throw new BriefingError('E_TEMPLATE_NOT_FOUND', { name, available: available.join(', '), availableZh: available.join('、'), ...didYouMean(name, available) });
    }
    if (exists(target) && listFolder(target).length && !flags.force) {
      throw usageError(`${displayPath(target)} is not empty; choose an empty folder or pass --force`,
        `“${displayPath(target)}”不是空文件夹；请选择空文件夹，或加上 --force`);
    }
    // Everything goes through the one writer; the user named the folder, so it may lie anywhere.
    const write = (file: string, bytes: Uint8Array | string) => writeAtomic(file, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    // What is already in the folder (with --force) is read through the gate, as the project's own files.
    const host = createHost({ projectRoot: target });
    const dependency = dependencySpec(target, flags.from, write);
    copyFolder(source, join(target, 'templates', name), (f) => !f.endsWith('sample.yaml') && !f.includes('.briefing-cache'), write);
    for (const entry of listFolder(source)) {
      if (TEMPLATE_FILES.has(entry) || entry.endsWith('.hbs') || entry.startsWith('.')) continue;
      copyFolder(join(source, entry), join(target, 'data', entry), () => true, write);
    }
    const sample = readPackageFile(join(source, 'sample.yaml')).toString('utf8').replace(/\$schema=\S+/, `$schema=../templates/${name}/schema.json`);
    write(join(target, 'data', `${name}.yaml`), sample);
    write(join(target, 'briefing.config.yaml'), [
      '# briefing project: `npx briefing build` builds every job below.',
      'jobs:',
      '  - data: data/*.yaml',
      `    template: ${name}`,
      '    output: output/{stem}.pdf',
      '# An office\'s own fonts, by role (serif 宋, sans 黑, kai 楷, fangsong 仿宋):',
      '# fonts:',
      '#   fangsong: C:/Windows/Fonts/simfang.ttf',
      'fonts: {}',
      '',
    ].join('\n'));
    writePackageJson(target, dependency.spec, host, write);
    writeGitignore(target, host, write);
    const shown = displayPath(target);
    const install = dependency.known ? 'npm install' : 'npm install <path to briefing-x.y.z.tgz>';
    sink.info(sink.lang === 'zh'
      ? `已在“${shown}”创建项目（模板 ${name}），依赖 briefing ${dependency.spec}。下一步：cd ${shown} && ${install} && npx briefing build`
      : `created a ${name} project in ${shown}, depending on briefing ${dependency.spec}; next: cd ${shown} && ${install} && npx briefing build`);
    if (!dependency.known) {
      sink.warn(sink.lang === 'zh'
        ? `提示：无法得知本机的 briefing 从何安装，package.json 中写的是 ${dependency.spec}。若 briefing 是以文件提供的，请在项目中运行 npm install <briefing-x.y.z.tgz 的路径>，或改用 briefing init --from <路径>`
        : `note: where this briefing was installed from is not recorded, so package.json asks for ${dependency.spec}. If briefing came as a file, run npm install <path to briefing-x.y.z.tgz> in the project, or use briefing init --from <path>`);
    }
    return 0;
  } catch (e) {
    sink.fail(e);
    return e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1;
  }
}

/**
 * The dependency on briefing. A package tarball (given with --from, or the one this briefing was
 * installed from) is copied into the project's vendor/ folder, so the project — committed with it —
 * installs the same briefing anywhere, CI and machines without a registry included.
 */
function dependencySpec(target: string, from: string | undefined, write: Write): { spec: string; known: boolean } {
  const version = briefingVersion();
  let found: BriefingSource;
  if (from === undefined) found = briefingSource(packageRoot, version);
  else if (/\.t(ar\.)?gz$/.test(from) && !/^[a-z+]+:\/\//i.test(from)) {
    const file = resolve(from);
    if (!isRegularFile(file)) {
      throw usageError(`--from names ${from}, which is not a file`, `--from 指定的 ${from} 不是文件`, 'give the path of briefing-x.y.z.tgz, a git URL or a version', '请给出 briefing-x.y.z.tgz 的路径、git 地址或版本号');
    }
    found = { kind: 'tarball', file };
  } else found = { kind: 'spec', spec: exists(from) ? `file:${resolve(from)}` : from };

  if (found.kind === 'tarball') {
    const vendored = join(target, 'vendor', basename(found.file));
    // The user named the tarball (or npm recorded it): read from where it is, through the gate.
    if (resolve(found.file) !== vendored) write(vendored, readFile({ kind: 'tarball', file: found.file }));
    return { spec: `file:vendor/${basename(found.file)}`, known: true };
  }
  if (found.kind === 'spec' && found.spec.startsWith('file:')) {
    // A folder: written relative to the project where it can be, as npm itself does.
    const folder = found.spec.slice('file:'.length);
    const rel = relative(target, folder).split('\\').join('/');
    return { spec: `file:${isAbsolute(rel) ? folder : rel}`, known: true };
  }
  return { spec: found.spec, known: found.kind === 'spec' };
}

/** A package.json that depends on briefing; an existing one keeps everything and gains what is missing. */
function writePackageJson(target: string, spec: string, host: Host, write: Write): void {
  const file = join(target, 'package.json');
  let pkg: Record<string, unknown> = {};
  if (exists(file)) {
    const text = host.read('project', file).toString('utf8');
    try {
      pkg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new BriefingError('E_JSON_SYNTAX', { reason: 'package.json is not valid JSON; fix it, or move it away, before briefing init adds briefing to it',
        reasonZh: 'package.json 不是有效的 JSON；请先修正或移走它，再由 briefing init 加入 briefing' }, { file });
    }
  }
  const scripts = { build: 'briefing build', validate: 'briefing validate "data/*.yaml"', ...(pkg.scripts as object | undefined) };
  const dependencies = { ...(pkg.dependencies as object | undefined), briefing: spec };
  // npm 11.16+ asks which dependencies may run install scripts (npm 12 blocks the rest): briefing
  // built from a git URL runs `prepare` to compile itself; from a tarball it runs nothing.
  const allowScripts = { ...(pkg.allowScripts as object | undefined), briefing: true };
  const written = { name: packageName(target), version: '1.0.0', private: true, ...pkg, scripts, dependencies, allowScripts };
  write(file, `${JSON.stringify(written, null, 2)}\n`);
}

/** npm package names are lower-case URL-safe words; a Chinese folder name becomes briefing-project. */
function packageName(target: string): string {
  const slug = basename(target).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '');
  return slug || 'briefing-project';
}

function writeGitignore(target: string, host: Host, write: Write): void {
  const file = join(target, '.gitignore');
  const lines = exists(file) ? host.read('project', file).toString('utf8').split(/\r?\n/) : [];
  const missing = IGNORED.filter((entry) => !lines.includes(entry));
  if (!missing.length) return;
  const text = lines.join('\n').trimEnd();
  write(file, `${text ? `${text}\n` : ''}${missing.join('\n')}\n`);
}

/** Copy a file or folder of briefing's own (read through the gate) to `to`, keeping what `keep` accepts. */
function copyFolder(from: string, to: string, keep: (file: string) => boolean, write: Write): void {
  if (!keep(from)) return;
  if (!isFolder(from)) {
    write(to, readPackageFile(from));
    return;
  }
  for (const entry of listFolder(from)) copyFolder(join(from, entry), join(to, entry), keep, write);
}
