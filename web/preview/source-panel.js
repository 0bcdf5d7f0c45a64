// @ts-check
/** The side panel that says where clicked text came from, and the list of build warnings. */

/** @typedef {import('../../src/preview/protocol.js').SourceAnswer} SourceAnswer */
/** @typedef {import('../../src/preview/protocol.js').SourceView} SourceView */
/** @typedef {import('../../src/preview/protocol.js').ProblemView} ProblemView */
/** @typedef {import('./strings.js').Strings} Strings */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {string} [className] @param {(string | Node)[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, className, ...children) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}

/** @param {HTMLElement} panel @param {Strings} t */
export function showSourceHelp(panel, t) {
  panel.replaceChildren(h('p', 'help', t.sourceHelp));
}

/** @param {HTMLElement} panel @param {Strings} t */
export function showSourceAsking(panel, t) {
  panel.replaceChildren(h('p', 'help', t.sourceAsking));
}

/** @param {HTMLElement} panel @param {SourceAnswer} answer @param {string} clicked @param {Strings} t */
export function showSource(panel, answer, clicked, t) {
  if (!answer.hit) {
    panel.replaceChildren(h('blockquote', 'clicked', clicked), h('p', 'help', t.sourceNone));
    return;
  }
  const parts = [place(answer.hit, t, true)];
  if (answer.others.length) {
    parts.push(h('p', 'others', t.alsoAt), ...answer.others.map((o) => place(o, t, false)));
  }
  panel.replaceChildren(...parts);
}

/** @param {SourceView} p @param {Strings} t @param {boolean} main */
function place(p, t, main) {
  const where = `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
  const el = h('div', main ? 'place hit' : 'place', h('div', 'kind', t.kind[p.kind]), h('div', 'where', where));
  if (p.dataPath) el.append(h('div', '', `${t.dataPath}: `, h('code', 'path', p.dataPath)));
  if (main) el.append(h('blockquote', '', p.excerpt));
  return el;
}

/** @param {HTMLElement} list @param {ProblemView[]} warnings @param {Strings} t */
export function showWarnings(list, warnings, t) {
  if (!warnings.length) {
    list.replaceChildren(h('li', 'help', t.noWarnings));
    return;
  }
  list.replaceChildren(...warnings.map((w) => h('li', '', h('pre', '', w.text))));
}
