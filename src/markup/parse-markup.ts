import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';
import { lineIndex } from '../load/read-text.js';
import type { MarkupElement, MarkupNode } from './markup-tree.js';
import { checkAttributes, checkChild } from './check-element.js';
import { htmlParser } from './html-parser.js';

const Parser = htmlParser();

/**
 * Parse rendered markup into a tree, refusing unknown elements, attributes and misplaced children.
 * `origin` names what produced the markup, for error messages (the entry template).
 */
export function parseMarkup(markup: string, origin: { file: string }): MarkupElement {
  const root: MarkupElement = { kind: 'element', name: '#root', attrs: {}, children: [], at: { line: 1, column: 1 } };
  const stack: MarkupElement[] = [root];
  let failure: BriefingError | undefined;
  const selfClosed = new WeakSet<MarkupElement>();
  const positionOf = lineIndex(markup);
  const where = (offset: number): SourceLocation => ({ file: `${origin.file} (rendered markup)`, ...positionOf(offset) });

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (failure) return;
        const at = where(parser.startIndex);
        const parent = stack[stack.length - 1]!;
        try {
          checkChild(parent.name, name, at);
          checkAttributes(name, attrs, at);
        } catch (e) {
          failure = e as BriefingError;
          return;
        }
        const el: MarkupElement = { kind: 'element', name, attrs: { ...attrs }, children: [], at: { line: at.line!, column: at.column! } };
        parent.children.push(el);
        stack.push(el);
        if (markup[parser.endIndex - 1] === '/') selfClosed.add(el);
      },
      ontext(text) {
        if (failure) return;
        const parent = stack[stack.length - 1]!;
        try {
          // Point at the text itself, not at the line break before it.
          checkChild(parent.name, '#text', where(parser.startIndex + text.length - text.trimStart().length), text);
        } catch (e) {
          failure = e as BriefingError;
          return;
        }
        const last = parent.children[parent.children.length - 1];
        if (last?.kind === 'text') last.text += text;
        else parent.children.push({ kind: 'text', text });
      },
      onclosetag(name, isImplied) {
        if (failure) return;
        const open = stack[stack.length - 1]!;
        if (isImplied && !selfClosed.has(open)) {
          failure = new BriefingError('E_MARKUP_SYNTAX', { reason: `<${name}> opened at line ${open.at.line} is never closed`, reasonZh: `第 ${open.at.line} 行开始的 <${name}> 没有结束标记` }, where(parser.startIndex));
          return;
        }
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(markup);
  if (failure) throw failure;
  const top = root.children.filter((n) => n.kind === 'element');
  const doc = top[0];
  if (top.length !== 1 || doc?.kind !== 'element' || doc.name !== 'document') {
    throw new BriefingError('E_MARKUP_SYNTAX', { reason: 'the template must render exactly one <document> element at the top', reasonZh: '模板的最外层必须恰好是一个 <document> 元素' }, { file: origin.file });
  }
  return doc;
}

export type { MarkupNode };
