import type { MarkupNode } from '../markup/markup-tree.js';
import { parseFontSize } from './units.js';
import type { Inline } from './doc-definition.js';
import type { StyleSheet, TextStyle } from './style.js';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[\uD840-\uD87F][\uDC00-\uDFFF]/;

/**
 * Markup line breaks are layout of the template, not text: a newline next to a CJK character (or
 * at the start or end) disappears, between two Latin words it becomes one space. Runs of spaces
 * collapse to one.
 */
function normalizeSpace(text: string): string {
  return text
    .replace(/[ \t]*[\r\n]+[ \t\r\n]*/g, (m, offset: number, all: string) => {
      const before = all[offset - 1] ?? '';
      const after = all[offset + m.length] ?? '';
      return before === '' || after === '' || CJK.test(before) || CJK.test(after) ? '' : ' ';
    })
    .replace(/[ \t]{2,}/g, ' ');
}

/** Flatten inline markup (text, strong, em, span, br) into styled runs. */
export function inlineRuns(nodes: MarkupNode[], style: TextStyle, sheet: StyleSheet): Inline[] {
  const runs: Inline[] = [];
  const visit = (node: MarkupNode, s: TextStyle) => {
    if (node.kind === 'text') {
      const text = normalizeSpace(node.text);
      if (text) runs.push(toInline(text, s));
      return;
    }
    switch (node.name) {
      case 'br':
        runs.push(toInline('\n', s));
        return;
      case 'strong':
        node.children.forEach((c) => visit(c, { ...s, bold: true }));
        return;
      case 'em':
        node.children.forEach((c) => visit(c, { ...s, ...pick(sheet.elements.em) }));
        return;
      case 'span': {
        const a = node.attrs;
        const next = { ...s, font: a.font ?? s.font, color: a.color ?? s.color, size: parseFontSize(a.size) ?? s.size, bold: a.bold === undefined ? s.bold : a.bold !== 'false' };
        node.children.forEach((c) => visit(c, next));
        return;
      }
    }
  };
  nodes.forEach((n) => visit(n, style));
  trimEdges(runs);
  return runs;
}

export function toInline(text: string, s: TextStyle): Inline {
  const run: Inline = { text, font: s.font, fontSize: s.size, bold: s.bold, color: s.color, leading: s.leading };
  if (s.letterSpacing) {
    run.characterSpacing = s.letterSpacing;
    // Letter spacing follows every character, the run's last one too (typeset/layout/set-text.ts).
    run.trailingSpacing = true;
  }
  return run;
}

/** Emphasis changes the face and colour only (楷体 in Chinese print), never size or spacing. */
function pick(s: TextStyle | undefined): Partial<TextStyle> {
  return s ? { font: s.font, color: s.color } : {};
}

/**
 * Drop the template's layout whitespace around a block's text: ASCII spaces and line breaks only.
 * A full-width space (U+3000) is the data's own, and at a line's start it means indentation
 * (　其中：高技术制造业 is a sub-item in a statistics table), so it stays.
 */
function trimEdges(runs: Inline[]): void {
  while (runs.length && (runs[0]!.text = runs[0]!.text.replace(/^[ \t\r\n\f\v]+/, '')) === '') runs.shift();
  while (runs.length && (runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.replace(/[ \t\r\n\f\v]+$/, '')) === '') runs.pop();
}
