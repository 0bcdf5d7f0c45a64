import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Sink } from '../output-sink.js';
import { displayPath } from '../report-error.js';
import { BriefingError } from '../../errors/briefing-error.js';
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
    if (!existsSync(join(source, 'template.yaml'))) {
      throw new BriefingError('E_TEMPLATE_NOT_FOUND', { name, available: listTemplateNames(target).join(', ') });
    }
    if (existsSync(target) && readdirSync(target).length && !flags.force) {
      throw new BriefingError('E_USAGE', { detail: `${displayPath(target)} is not empty; choose an empty folder or pass --force` });
    }
    mkdirSync(join(target, 'data'), { recursive: true });
    cpSync(source, join(target, 'templates', name), { recursive: true, filter: (f) => !f.endsWith('sample.yaml') });
    for (const entry of readdirSync(source)) {
      if (TEMPLATE_FILES.has(entry) || entry.endsWith('.hbs')) continue;
      cpSync(join(source, entry), join(target, 'data', entry), { recursive: true });
    }
    const sample = readFileSync(join(source, 'sample.yaml'), 'utf8').replace(/\$schema=\S+/, `$schema=../templates/${name}/schema.json`);
    writeFileSync(join(target, 'data', `${name}.yaml`), sample);
    writeFileSync(join(target, 'briefing.config.yaml'), [
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
    writeFileSync(join(target, '.gitignore'), 'output/\n.briefing-cache/\n');
    sink.info(sink.lang === 'zh'
      ? `已在 ${displayPath(target)} 创建项目（模板 ${name}）。下一步：cd ${displayPath(target)} && npx briefing build`
      : `created a ${name} project in ${displayPath(target)}; next: cd ${displayPath(target)} && npx briefing build`);
    return 0;
  } catch (e) {
    sink.fail(e);
    return e instanceof BriefingError && e.code === 'E_USAGE' ? 2 : 1;
  }
}
