import { createHash } from 'node:crypto';
import Handlebars, { handlebarsCompiler } from './handlebars.js';
import { BriefingError } from '../errors/briefing-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { checkAttributes, checkChild } from '../markup/check-element.js';
import { vocabulary } from '../markup/vocabulary.js';
import { precompiledData } from '../project/precompiled-code.js';
import type { TemplatePack } from '../template/template-pack.js';

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

/**
 * Static checks on every template file of a pack, before any data is rendered, so mistakes are
 * reported at their template line: syntax, unknown partials and helpers, unknown markup elements
 * and attributes written literally in the template.
 */
export function checkTemplatePack(pack: TemplatePack, helperNames: ReadonlySet<string>): Map<string, hbs.AST.Program> {
  const asts = new Map<string, hbs.AST.Program>();
  const files = [pack.entry, ...pack.partials.values()];
  for (const { file, source } of files) {
    const ast = parseTemplate(file, source);
    asts.set(file, ast);
    walk(ast, (node) => checkNode(node, file, pack, helperNames));
    checkLiteralMarkup(file, source);
  }
  return asts;
}

/** Where the keys of packs checked when briefing was built are kept (dist/precompiled/checked-packs/). */
export const CHECKED_PACKS = 'checked-packs';

/**
 * What a pack's checks depend on: its files' text and partial names, the helpers, the markup
 * vocabulary and Handlebars' parser. Not its folder: a copy made by `briefing init` is the same pack.
 */
export function packCheckKey(pack: TemplatePack, helperNames: ReadonlySet<string>): string {
  const hash = createHash('sha256').update(`handlebars ${Handlebars.VERSION}\n${JSON.stringify([...helperNames].sort())}\n${JSON.stringify(vocabulary)}\n`);
  hash.update(JSON.stringify([pack.entry.source, ...[...pack.partials].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, p]) => [name, p.source])]));
  return hash.digest('hex').slice(0, 40);
}

/**
 * checkTemplatePack, unless the pack is one of the bundled ones, checked when briefing was built
 * (scripts/precompile.mjs): parsing every file of a pack only to check it is ~20 ms of a cold start.
 */
export function checkTemplatePackOnce(pack: TemplatePack, helperNames: ReadonlySet<string>): void {
  if (precompiledData(CHECKED_PACKS, packCheckKey(pack, helperNames)) === undefined) checkTemplatePack(pack, helperNames);
}

function parseTemplate(file: string, source: string): hbs.AST.Program {
  try {
    return handlebarsCompiler().parse(source);
  } catch (e) {
    const message = (e as Error).message;
    const line = /line (\d+)/.exec(message);
    const reason = message.split('\n').filter((l) => /^(Expecting|Parse error|.*doesn't match)/.test(l)).pop() ?? message.split('\n')[0]!;
    const pointer = /\n(-*)\^/.exec(message);
    throw new BriefingError('E_TEMPLATE_SYNTAX', { reason: reason.replace(/^Parse error on line \d+:\s*/, ''), reasonZh: handlebarsReasonZh(message) },
      { file, line: line ? Number(line[1]) : undefined, column: pointer ? pointer[1]!.length + 1 : undefined });
  }
}

/** Handlebars' parse errors in Chinese, from the token it stopped at. */
function handlebarsReasonZh(message: string): string {
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return `{{#${mismatch[1]}}} 用 {{/${mismatch[2]}}} 结束，两者不一致`;
  const got = /got '(\w+)'/.exec(message)?.[1];
  if (got === 'EOF') return '模板意外结束（是否少了 {{/if}}、{{/each}} 之类的结束标记？）';
  if (got === 'OPEN_ENDBLOCK') return '多出了一个结束标记 {{/…}}，或它前面的块写错了';
  if (got === 'CLOSE' || got === 'CLOSE_UNESCAPED') return '}} 之前缺少名称，或花括号的个数不配对';
  if (got === 'INVALID') return '{{ 之后的内容无法识别';
  return `此处的写法无法识别${got ? `（${got}）` : ''}`;
}

function checkNode(node: Node, file: string, pack: TemplatePack, helperNames: ReadonlySet<string>): void {
  const at = { file, line: node.loc?.start.line, column: node.loc ? node.loc.start.column + 1 : undefined };
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
    const name = (node as hbs.AST.PartialStatement).name;
    if (name.type === 'PathExpression' && !pack.partials.has(name.original)) {
      const known = [...pack.partials.keys()];
      throw new BriefingError('E_PARTIAL_MISSING', { name: name.original, known: known.join(', ') || '(none)', knownZh: known.join('、') || '无',
        ...didYouMean(name.original, known) }, at);
    }
  }
  if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
    const call = node as hbs.AST.MustacheStatement;
    const takesArgs = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
    if (takesArgs && call.path.type === 'PathExpression') {
      const name = (call.path as hbs.AST.PathExpression).original;
      if (!helperNames.has(name)) {
        const known = [...helperNames].sort();
        throw new BriefingError('E_HELPER_MISSING', { name, known: known.join(', '), knownZh: known.join('、'), ...didYouMean(name, known) }, at);
      }
    }
  }
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  const n = node as Node & Record<string, unknown>;
  if (typeof n.type === 'string') visit(n);
  for (const key of ['body', 'program', 'inverse', 'params', 'hash', 'pairs', 'value', 'path']) {
    if (key in n) walk(n[key], visit);
  }
}

const HOLE = '\u0001';

/**
 * Check tags written literally in the template. Mustaches are first replaced by HOLE characters
 * (newlines kept, so positions stay true); an attribute value with a hole is only known at render time.
 */
function checkLiteralMarkup(file: string, source: string): void {
  const blanked = source.replace(/\{\{\{?[\s\S]*?\}?\}\}/g, (m) => m.replace(/[^\n]/g, HOLE));
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
  for (let m = tag.exec(blanked); m; m = tag.exec(blanked)) {
    const [, closing, name, rest] = m;
    const at = { file, ...lineColumn(blanked, m.index) };
    if (!vocabulary[name!]) checkChild('document', name!, at);
    if (closing) continue;
    const attrs: Record<string, string> = {};
    const attr = /([A-Za-z_:][\w:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>/]+))?/g;
    for (let a = attr.exec(rest!); a; a = attr.exec(rest!)) {
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '');
      // A value built from a mustache is unknown until render time; check only the name then.
      attrs[a[1]!] = value.includes(HOLE) ? literalPlaceholder(vocabulary[name!]!.attrs[a[1]!]) : value;
    }
    checkAttributes(name!, attrs, at);
  }
}

function literalPlaceholder(type: string | undefined): string {
  if (type === 'number' || type === 'length' || type === 'extent') return '0';
  if (type === 'boolean') return 'true';
  if (type?.startsWith('enum:')) return type.slice(5).split(',')[0]!;
  return '';
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
