// @ts-check
/**
 * The printed sheets: every page of the PDF drawn by pdf.js on a canvas with its text layer over
 * it, and a thumbnail of each. A new PDF replaces the old one in place: the pages the reader is
 * looking at are drawn first, off screen, then swapped in at the same page and position.
 */

/** @typedef {import('pdfjs-dist').PDFDocumentProxy} PdfDocument */
/** @typedef {import('pdfjs-dist').PDFPageProxy} PdfPage */
/** @typedef {ReturnType<PdfPage['getViewport']>} Viewport */

/**
 * @typedef {object} TextClick
 * @property {number} page 1-based
 * @property {string} text the span clicked
 * @property {string} line the spans at the same height, left to right
 * @property {number} spanStart where `text` starts in `line`
 * @property {number | undefined} charIndex which character of `text` was clicked
 * @property {number} x PDF points from the page's left edge
 * @property {number} y PDF points from the page's top edge
 * @property {HTMLElement} span the span clicked, to mark
 */

/**
 * @typedef {object} Sheet
 * @property {number} number
 * @property {HTMLDivElement} el
 * @property {HTMLCanvasElement} canvas
 * @property {HTMLDivElement} text
 * @property {HTMLButtonElement} thumb
 * @property {PdfPage} page
 * @property {Viewport} viewport
 * @property {Promise<void> | undefined} written its text layer, once
 * @property {Promise<void> | undefined} painted its canvas and thumbnail (after the text), once
 */

// @ts-ignore -- served by the preview server from the installed pdfjs-dist (web-assets.ts)
const pdfjs = /** @type {typeof import('pdfjs-dist')} */ (await import('/pdfjs/pdf.mjs'));
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.mjs';

const THUMB_WIDTH = 100;
/** Longer documents are drawn as the reader scrolls near each page. */
const PAINT_ALL_UP_TO = 40;

export class Sheets {
  /** @type {Sheet[]} */
  #sheets = [];
  /** @type {PdfDocument | undefined} */
  #pdf;
  #generation = 0;
  #url = '';
  #current = 1;
  /** @type {IntersectionObserver | undefined} */
  #nearby;

  /**
   * @param {{ pages: HTMLElement, thumbs: HTMLElement, label: (n: number) => string, onText: (click: TextClick) => void, onPage?: (n: number) => void }} opts
   */
  constructor(opts) {
    this.opts = opts;
    opts.pages.addEventListener('click', (e) => this.#click(e));
    opts.pages.addEventListener('scroll', () => this.#trackPage(), { passive: true });
    let resizing = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => this.#url && void this.show(this.#url), 200);
    });
  }

  get count() {
    return this.#sheets.length;
  }

  get current() {
    return this.#current;
  }

  /** Forget the document shown (another one was chosen). */
  clear() {
    this.#generation++;
    this.#nearby?.disconnect();
    this.#sheets = [];
    this.#url = '';
    this.#current = 1;
    this.opts.pages.replaceChildren();
    this.opts.thumbs.replaceChildren();
    void this.#pdf?.destroy();
    this.#pdf = undefined;
  }

  /**
   * Show the PDF at `url` in place of the one shown, at the reader's page and position. Resolves
   * once the pages in view are on screen; the others are drawn after.
   * @param {string} url
   */
  async show(url) {
    const generation = ++this.#generation;
    // Fetched whole: a preview PDF is local and small, and pdf.js then needs no range requests.
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const data = new Uint8Array(await response.arrayBuffer());
    if (generation !== this.#generation) return;
    const pdf = await pdfjs.getDocument({
      data,
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
      wasmUrl: '/pdfjs/wasm/',
      // The page's security policy allows no eval; pdf.js then draws glyphs without compiling them.
      isEvalSupported: false,
    }).promise;
    if (generation !== this.#generation) {
      void pdf.destroy();
      return;
    }
    const keep = this.#position();
    const pages = await Promise.all(Array.from({ length: pdf.numPages }, (_, i) => pdf.getPage(i + 1)));
    const scale = this.#fitScale(pages[0]);
    const sheets = pages.map((page, i) => this.#makeSheet(page, i + 1, scale));
    // The pages in view are drawn before the swap, so the reader never sees a blank sheet.
    const first = Math.min(keep.page, sheets.length);
    await Promise.all(sheets.slice(first - 1, first + 1).map((s) => this.#paint(s)));
    if (generation !== this.#generation) {
      void pdf.destroy();
      return;
    }
    const old = this.#pdf;
    const firstTime = this.#sheets.length === 0;
    this.#pdf = pdf;
    this.#sheets = sheets;
    this.#url = url;
    this.opts.pages.replaceChildren(...sheets.map((s) => s.el));
    this.opts.thumbs.replaceChildren(...sheets.map((s) => s.thumb));
    if (firstTime) this.opts.pages.scrollTop = 0;
    else this.#restore({ page: first, within: keep.within });
    void old?.destroy();
    void this.#paintRest(sheets, generation);
  }

  /**
   * The pages out of view, after the swap: for an ordinary document every text layer (quick, and
   * what find and clicks use), then every canvas; for a long one only the pages scrolled near.
   * A newer PDF stops this.
   * @param {Sheet[]} sheets @param {number} generation
   */
  async #paintRest(sheets, generation) {
    this.#nearby?.disconnect();
    if (sheets.length > PAINT_ALL_UP_TO) {
      const observer = new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting || generation !== this.#generation) continue;
          observer.unobserve(e.target);
          const s = sheets[Number(/** @type {HTMLElement} */ (e.target).dataset.page) - 1];
          if (s) void this.#paint(s);
        }
      }, { root: this.opts.pages, rootMargin: '1500px 0px' });
      this.#nearby = observer;
      for (const s of sheets) if (!s.painted) observer.observe(s.el);
      return;
    }
    for (const draw of [(/** @type {Sheet} */ s) => this.#writeText(s), (/** @type {Sheet} */ s) => this.#paint(s)]) {
      for (const s of sheets) {
        if (generation !== this.#generation) return;
        await draw(s);
      }
    }
  }

  /** Bring page `n` to the top of the view. @param {number} n */
  goTo(n) {
    const s = this.#sheets[n - 1];
    if (s) this.opts.pages.scrollTop = s.el.offsetTop - 20;
  }

  /** Mark the text last clicked; unmark the previous. @param {HTMLElement} span */
  mark(span) {
    for (const el of this.opts.pages.querySelectorAll('.picked')) el.classList.remove('picked');
    span.classList.add('picked');
  }

  /** @param {PdfPage} page */
  #fitScale(page) {
    const width = page.getViewport({ scale: 1 }).width;
    const room = this.opts.pages.clientWidth - 48;
    return Math.max(0.5, Math.min(2, room / width));
  }

  /** @param {PdfPage} page @param {number} number @param {number} scale @returns {Sheet} */
  #makeSheet(page, number, scale) {
    const viewport = page.getViewport({ scale });
    const el = document.createElement('div');
    el.className = 'sheet';
    el.dataset.page = String(number);
    el.style.width = `${viewport.width}px`;
    el.style.height = `${viewport.height}px`;
    el.setAttribute('aria-label', this.opts.label(number));
    const canvas = document.createElement('canvas');
    const text = document.createElement('div');
    text.className = 'textLayer';
    text.style.setProperty('--total-scale-factor', String(scale));
    el.append(canvas, text);
    const thumb = document.createElement('button');
    thumb.type = 'button';
    thumb.className = number === this.#current ? 'thumb current' : 'thumb';
    thumb.dataset.page = String(number);
    const small = document.createElement('canvas');
    small.width = THUMB_WIDTH;
    small.height = Math.round((THUMB_WIDTH * viewport.height) / viewport.width);
    thumb.append(small, String(number));
    thumb.title = this.opts.label(number);
    thumb.addEventListener('click', () => this.goTo(number));
    return { number, el, canvas, text, thumb, page, viewport, written: undefined, painted: undefined };
  }

  /** A sheet's text layer: what can be selected, searched and clicked. @param {Sheet} s */
  #writeText(s) {
    s.written ??= new pdfjs.TextLayer({ textContentSource: s.page.streamTextContent(), container: s.text, viewport: s.viewport }).render();
    return s.written;
  }

  /** Draw a sheet: text layer, canvas, thumbnail. @param {Sheet} s */
  #paint(s) {
    s.painted ??= (async () => {
      await this.#writeText(s);
      const ratio = window.devicePixelRatio || 1;
      s.canvas.width = Math.floor(s.viewport.width * ratio);
      s.canvas.height = Math.floor(s.viewport.height * ratio);
      await s.page.render({ canvas: s.canvas, viewport: s.viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
      const small = /** @type {HTMLCanvasElement} */ (s.thumb.firstChild);
      small.getContext('2d')?.drawImage(s.canvas, 0, 0, small.width, small.height);
      s.el.dataset.rendered = 'true';
    })();
    return s.painted;
  }

  /** Which page is at the top of the view, and how far down it the view starts. */
  #position() {
    const top = this.opts.pages.scrollTop;
    const s = this.#sheets.find((x) => x.el.offsetTop + x.el.offsetHeight > top) ?? this.#sheets[0];
    if (!s) return { page: 1, within: 0 };
    return { page: s.number, within: Math.max(0, (top - s.el.offsetTop) / s.el.offsetHeight) };
  }

  /** @param {{ page: number, within: number }} at */
  #restore(at) {
    const s = this.#sheets[at.page - 1];
    if (s) this.opts.pages.scrollTop = s.el.offsetTop + at.within * s.el.offsetHeight;
    this.#trackPage();
  }

  #trackPage() {
    const middle = this.opts.pages.scrollTop + this.opts.pages.clientHeight / 3;
    const s = this.#sheets.find((x) => x.el.offsetTop + x.el.offsetHeight > middle) ?? this.#sheets[this.#sheets.length - 1];
    if (!s || s.number === this.#current) return;
    this.#current = s.number;
    for (const x of this.#sheets) x.thumb.classList.toggle('current', x.number === s.number);
    s.thumb.scrollIntoView({ block: 'nearest' });
    this.opts.onPage?.(s.number);
  }

  /** A click on printed text: which span, its line, and the character under the pointer. @param {MouseEvent} e */
  #click(e) {
    if (!(e.target instanceof HTMLElement) || !window.getSelection()?.isCollapsed) return;
    const span = e.target.closest('.textLayer span:not(.markedContent)');
    const sheet = e.target.closest('.sheet');
    if (!(span instanceof HTMLElement) || !(sheet instanceof HTMLElement) || !span.textContent) return;
    const s = this.#sheets[Number(sheet.dataset.page) - 1];
    if (!s) return;
    const box = span.getBoundingClientRect();
    const middle = (box.top + box.bottom) / 2;
    /** @type {HTMLElement[]} */
    const spans = [...s.text.querySelectorAll('span:not(.markedContent)')]
      .filter((x) => x instanceof HTMLElement && !!x.textContent)
      .map((x) => /** @type {HTMLElement} */ (x))
      .filter((x) => {
        const r = x.getBoundingClientRect();
        return r.top <= middle && middle <= r.bottom;
      })
      .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
    let line = '';
    let spanStart = 0;
    for (const x of spans) {
      if (x === span) spanStart = line.length;
      line += x.textContent;
    }
    const page = s.el.getBoundingClientRect();
    const scale = s.viewport.scale;
    this.opts.onText({
      page: s.number,
      text: span.textContent,
      line,
      spanStart,
      charIndex: caretIndex(e.clientX, e.clientY, span),
      x: (e.clientX - page.left) / scale,
      y: (e.clientY - page.top) / scale,
      span,
    });
  }
}

/**
 * The index of the character under the pointer within `span`'s text, where the browser can tell.
 * @param {number} x @param {number} y @param {HTMLElement} span
 */
function caretIndex(x, y, span) {
  const doc = /** @type {Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node, offset: number } | null }} */ (document);
  const at = doc.caretPositionFromPoint?.(x, y);
  if (at && span.contains(at.offsetNode)) return at.offset;
  const range = document.caretRangeFromPoint?.(x, y);
  if (range && span.contains(range.startContainer)) return range.startOffset;
  return undefined;
}
