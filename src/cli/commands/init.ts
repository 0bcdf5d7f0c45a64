import { join, resolve } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { BriefingError } from '../../errors/briefing-error.js';
import { exists, isFolder, isRegularFile, listFolder } from '../../host/gate.js';
import { readPackageFile } from '../../host/package-files.js';
import { writeAtomic } from '../../output/write-atomic.js';
import { builtinTemplatesDir } from '../../project/paths.js';
import { listTemplateNames } from '../../template/template-pack.js';

/** What a template folder holds that is the template itself; everything else is sample material. */
const TEMPLATE_FILES = new Set(['template.yaml', 'style.yaml', 'schema.json', 'partials', 'sample.yaml']);

/**
 * `briefing init [dir] --template name`: a project that builds with one command — config, the
 * template copied in to customise (it wins over the built-in one of the same name), and the
 * template's sample data with whatever files it refers to.
 */
export function runInit(dir: string | undefined, flags: { template?: string; force?: boolean }, sink: Sink): number {
  try {
    const target = resolve(dir ?? '.');
    const name = flags.template ?? 'bulletin';
    const source = join(builtinTemplatesDir, name);
    if (!isRegularFile(join(source, 'template.yaml'))) {
      throw new BriefingError('E_TEMPLATE_NOT_FOUND', { name, available: listTemplateNames(target).join(', ') });
    }
    if (exists(target) && listFolder(target).length && !flags.force) {
      throw new BriefingError('E_USAGE', { detail: `${displayPath(target)} is not empty; choose an empty folder or pass --force` });
    }
    // Everything goes through the one writer; the user named the folder, so it may lie anywhere.
    const write = (file: string, bytes: Uint8Array | string) => writeAtomic(file, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    copyFolder(source, join(target, 'templates', name), (f) => !f.endsWith('sample.yaml'), write);
    for (const entry of listFolder(source)) {
      if (TEMPLATE_FILES.has(entry) || entry.endsWith('.hbs')) continue;
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
    write(join(target, '.gitignore'), 'output/\n.briefing-cache/\n');
    sink.info(sink.lang === 'zh'
      ? `已在 ${displayPath(target)} 创建项目（模板 ${name}）。下一步：cd ${displayPath(target)} && npx briefing build`
      : `created a ${name} project in ${displayPath(target)}; next: cd ${displayPath(target)} && npx briefing build`);
    return 0;
  } catch (e) {
    sink.fail(e);
    return e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1;
  }
}

/** Copy a file or folder of briefing's own (read through the gate) to `to`, keeping what `keep` accepts. */
function copyFolder(from: string, to: string, keep: (file: string) => boolean, write: (file: string, bytes: Uint8Array) => void): void {
  if (!keep(from)) return;
  if (!isFolder(from)) {
    write(to, readPackageFile(from));
    return;
  }
  for (const entry of listFolder(from)) copyFolder(join(from, entry), join(to, entry), keep, write);
}
