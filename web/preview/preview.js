// @ts-check
/**
 * The preview page: follows one document's builds over server-sent events, shows its pages
 * (sheets.js), an overlay over them while the latest build has failed, the warnings, and where
 * clicked text came from.
 */
import { Sheets } from './sheets.js';
import { h, showSource, showSourceAsking, showSourceHelp, showWarnings } from './source-panel.js';
import { strings } from './strings.js';

/** @typedef {import('../../src/preview/protocol.js').SessionInfo} SessionInfo */
/** @typedef {import('../../src/preview/protocol.js').DocumentState} DocumentState */
/** @typedef {import('../../src/preview/protocol.js').SourceAnswer} SourceAnswer */
/** @typedef {import('../../src/preview/protocol.js').SourceQuery} SourceQuery */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const session = /** @type {SessionInfo} */ (await (await fetch('/api/session')).json());
const t = strings(session.lang);
document.documentElement.lang = session.lang === 'zh' ? 'zh-CN' : 'en';
document.title = t.title;
for (const el of document.querySelectorAll('[data-t]')) {
  const text = t[/** @type {keyof typeof t} */ (/** @type {HTMLElement} */ (el).dataset.t)];
  if (typeof text === 'string') el.textContent = text;
}
$('thumbs').setAttribute('aria-label', t.thumbs);

const sheets = new Sheets({
  pages: $('pages'),
  thumbs: $('thumbs'),
  label: t.page,
  onText: (click) => void findSource(click),
});

/** The document shown and its last state. */
let doc = pickDocument();
/** @type {DocumentState | undefined} */
let latest;
/** The build on screen: its PDF address and time (a restarted server counts versions from 1 again). */
let shown = '';
let rendering = Promise.resolve();
/** @type {EventSource | undefined} */
let events;

const select = /** @type {HTMLSelectElement} */ ($('doc'));
select.replaceChildren(...session.documents.map((d) => {
  const option = h('option', '', d.label);
  option.value = d.id;
  option.selected = d.id === doc;
  return option;
}));
select.disabled = session.documents.length < 2;
select.addEventListener('change', () => {
  doc = select.value;
  const url = new URL(location.href);
  url.searchParams.set('doc', doc);
  history.replaceState(null, '', url);
  shown = '';
  latest = undefined;
  sheets.clear();
  showSourceHelp($('source'), t);
  follow();
});

showSourceHelp($('source'), t);
follow();

function pickDocument() {
  const asked = new URL(location.href).searchParams.get('doc');
  return session.documents.find((d) => d.id === asked)?.id ?? session.documents[0]?.id ?? '';
}

/** Listen to the chosen document's state; the browser reconnects by itself after a break. */
function follow() {
  events?.close();
  const source = new EventSource(`/events?doc=${encodeURIComponent(doc)}`);
  events = source;
  source.addEventListener('state', (e) => {
    const state = /** @type {DocumentState} */ (JSON.parse(/** @type {MessageEvent} */ (e).data));
    if (state.doc !== doc) return;
    latest = state;
    $('status').classList.remove('offline');
    // States are shown in order; a newer one waits for the pages of the one before.
    rendering = rendering.then(() => show(state)).catch((err) => console.error(err));
  });
  source.addEventListener('error', () => {
    if (source !== events) return;
    const status = $('status');
    status.textContent = t.disconnected;
    status.classList.add('offline');
    status.classList.remove('busy');
  });
}

/** @param {DocumentState} state */
async function show(state) {
  if (state !== latest) return; // a newer state is queued behind this one
  const build = state.build;
  // Words first: an error appears, or goes, the moment the server knows; new pages follow.
  showStatus(state);
  showOverlay(state);
  showWarnings($('warnings'), build?.warnings ?? [], t);
  if (build && `${build.pdf} ${build.builtAt}` !== shown) {
    await sheets.show(build.pdf);
    shown = `${build.pdf} ${build.builtAt}`;
    document.body.dataset.version = String(build.version);
  }
  if (!build && !sheets.count) $('pages').replaceChildren(...(state.errors ? [] : [h('p', 'empty', t.firstBuild)]));
}

/** @param {DocumentState} state */
function showStatus(state) {
  const status = $('status');
  const b = state.build;
  const parts = b ? [t.pages(b.pages), t.took(b.ms), t.builtAt(new Date(b.builtAt).toLocaleTimeString(session.lang === 'zh' ? 'zh-CN' : 'en-GB'))] : [];
  if (state.building) parts.unshift(t.building);
  status.textContent = parts.join(' · ');
  status.classList.toggle('busy', state.building);
  $('output').textContent = b ? `${t.output}: ${b.output}` : '';
}

/** The failed build's errors as the CLI prints them, over the last good pages. @param {DocumentState} state */
function showOverlay(state) {
  const overlay = $('overlay');
  if (!state.errors?.length) {
    overlay.hidden = true;
    $('overlay-errors').replaceChildren();
    return;
  }
  $('overlay-title').textContent = state.build ? t.overlayTitle : t.overlayNoPages;
  $('overlay-errors').replaceChildren(...state.errors.map((e) => {
    const pre = h('pre', 'problem', e.text);
    pre.dataset.code = e.code;
    if (e.line) pre.dataset.line = String(e.line);
    return pre;
  }));
  $('overlay-hint').textContent = t.overlayHint;
  overlay.hidden = false;
}

/** Ask the server where the clicked text came from. @param {import('./sheets.js').TextClick} click */
async function findSource(click) {
  sheets.mark(click.span);
  const panel = $('source');
  showSourceAsking(panel, t);
  /** @type {SourceQuery} */
  const query = { doc, page: click.page, text: click.text, line: click.line, spanStart: click.spanStart, charIndex: click.charIndex, x: click.x, y: click.y };
  const res = await fetch('/api/source', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
  if (!res.ok) return showSourceHelp(panel, t);
  showSource(panel, /** @type {SourceAnswer} */ (await res.json()), click.text, t);
}
