import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { INLINE_ELEMENTS, suggestElement, vocabulary, type AttrType } from './vocabulary.js';

const BLOCK_ONLY_PARENTS: Record<string, string> = { rows: 'tr', cells: 'th or td', items: 'li', recipients: 'to or copies', figures: 'kpi' };

/** May `child` (an element name, or '#text') stand inside `parent`? Throws a located error if not. */
export function checkChild(parent: string, child: string, at: SourceLocation, text?: string): void {
  // hasOwn, not a lookup: <constructor> or <toString> must not find Object.prototype's members.
  if (child !== '#text' && !Object.hasOwn(vocabulary, child)) {
    const near = suggestElement(child);
    throw new BriefingError('E_MARKUP_UNKNOWN_ELEMENT', { name: child, suggestion: near ? `did you mean <${near}>? ` : '', suggestionZh: near ? `您是否要写 <${near}>？` : '' }, at);
  }
  if (parent === '#root') {
    if (child === '#text' && text!.trim() === '') return;
    if (child === 'document') return;
    throw new BriefingError('E_MARKUP_NESTING', { ...describe(child, text), parent: '' }, at);
  }
  const content = vocabulary[parent]!.content;
  const spec = child === '#text' ? undefined : vocabulary[child];
  if (spec?.parents && !spec.parents.includes(parent)) {
    throw new BriefingError('E_MARKUP_NESTING', { ...describe(child), parent }, at);
  }
  if (child === '#text') {
    if (content === 'inline' || text!.trim() === '') return;
    throw new BriefingError('E_MARKUP_NESTING', { ...describe(child, text), parent }, at);
  }
  const ok =
    content === 'inline' ? INLINE_ELEMENTS.has(child)
    : content === 'blocks' ? !INLINE_ELEMENTS.has(child) && !spec!.parents && child !== 'document'
    : content === 'empty' ? false
    : BLOCK_ONLY_PARENTS[content]!.split(' or ').includes(child);
  if (!ok) throw new BriefingError('E_MARKUP_NESTING', { ...describe(child), parent }, at);
}

/** What stands in the wrong place, as the `what` / `whatZh` parameters. */
function describe(child: string, text?: string): { what: string; whatZh: string } {
  if (child !== '#text') return { what: `<${child}>`, whatZh: `<${child}>` };
  const t = text!.trim();
  const shown = t.length > 12 ? `${t.slice(0, 12)}…` : t;
  return { what: `the text "${shown}"`, whatZh: `文字“${shown}”` };
}

export function checkAttributes(element: string, attrs: Record<string, string>, at: SourceLocation): void {
  const spec = vocabulary[element]!;
  for (const [name, value] of Object.entries(attrs)) {
    const type = Object.hasOwn(spec.attrs, name) ? spec.attrs[name] : undefined;
    if (!type) {
      const known = Object.keys(spec.attrs);
      throw new BriefingError('E_MARKUP_UNKNOWN_ATTRIBUTE', { element, name, known: known.join(', ') || '(none)', knownZh: known.join('、') || '无', ...didYouMean(name, known) }, at);
    }
    const problem = attributeProblem(type, value);
    if (problem) throw new BriefingError('E_MARKUP_ATTRIBUTE_VALUE', { element, name, value, reason: problem[0], reasonZh: problem[1] }, at);
  }
}

/** What is wrong with an attribute's value, in English and Chinese; undefined when nothing is. */
function attributeProblem(type: AttrType, value: string): [string, string] | undefined {
  if (type === 'number') return value.trim() === '' || Number.isNaN(Number(value)) ? ['expected a number', '应为数字'] : undefined;
  if (type === 'boolean') return ['', 'true', 'false'].includes(value) ? undefined : ['expected true or false', '应为 true 或 false'];
  if (type === 'length') return /^\s*\d+(\.\d+)?\s*(mm|cm|pt)?\s*$/.test(value) ? undefined : ['expected a length such as 40mm or 120pt', '应为长度，如 40mm 或 120pt'];
  if (type === 'extent') {
    return /^\s*\d+(\.\d+)?\s*(mm|cm|pt|%)?\s*$/.test(value) ? undefined
      : ['expected a length such as 40mm, or a share of the width such as 50%', '应为长度（如 40mm）或占宽度的比例（如 50%）'];
  }
  if (type.startsWith('enum:')) {
    const allowed = type.slice(5).split(',');
    return allowed.includes(value) ? undefined : [`expected one of ${allowed.join(', ')}`, `应为以下之一：${allowed.join('、')}`];
  }
  return undefined;
}
