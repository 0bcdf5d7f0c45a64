import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { BriefingError, userErrorsOf } from '../errors/briefing-error.js';
import { buildBriefing, type BuildRequest, type BuildResult } from '../orchestrate/build-briefing.js';
import { createCaches } from '../host/caches.js';
import { createHost } from '../host/host.js';
import { loadData } from '../load/load-data.js';
import { findProjectRoot } from '../project/project-root.js';
import { findTemplateDir, loadTemplatePack } from '../template/template-pack.js';
import type { BuildView, DocumentState, ProblemView } from './protocol.js';
import type { SourceLookup } from './source-lookup.js';
import { textSourceLookup } from './text-source-lookup.js';

/** One document the preview can show: its build request and how the page names it. */
export interface PreviewDocument {
  id: string;
  label: string;
  request: BuildRequest;
}

/** How the CLI turns problems and paths into what people read; the session stays free of printing. */
export interface Presenter {
  problem(e: unknown, severity: 'error' | 'warning'): ProblemView;
  path(file: string): string;
  /** Told of every finished build, to echo it in the terminal. */
  built(doc: PreviewDocument, outcome: { result: BuildResult } | { error: unknown }): void;
}

export interface PreviewSessionOptions {
  documents: PreviewDocument[];
  present: Presenter;
  /** briefing.config.* of the project: a change to it rebuilds every document. */
  configFile?: string;
}

type Listener = (state: DocumentState) => void;

interface GoodBuild {
  pdf: Buffer;
  view: BuildView;
  lookup: SourceLookup;
}

interface DocRecord {
  doc: PreviewDocument;
  version: number;
  good?: GoodBuild;
  errors?: ProblemView[];
  building: boolean;
  /** Never built, or a file it read changed since. */
  stale: boolean;
  /** What the last build read (what a failed build got to, plus what the last good one read). */
  inputs: Set<string>;
  listeners: Set<Listener>;
}

/** Saves often come as several events in a burst; wait this long for the burst to end. */
const SETTLE_MS = 60;

/**
 * The documents being previewed and their latest builds. A document is built when a page first
 * asks for it and rebuilt, while any page shows it, whenever a file its build read changes; the
 * others are only marked stale and built when chosen again. Builds run one at a time in this
 * process, with the session's caches, so a rebuild reuses the fonts and templates already loaded.
 */
export class PreviewSession {
  readonly #records = new Map<string, DocRecord>();
  readonly #caches = createCaches();
  readonly #present: Presenter;
  readonly #configFile?: string;
  readonly #queue: DocRecord[] = [];
  #working = false;
  #watcher?: FSWatcher;
  #watched = new Set<string>();
  #changed = new Set<string>();
  #settle?: NodeJS.Timeout;
  #closed = false;
  #idle?: Promise<void>;

  constructor(opts: PreviewSessionOptions) {
    for (const doc of opts.documents) {
      this.#records.set(doc.id, { doc, version: 0, building: false, stale: true, inputs: new Set([resolve(doc.request.cwd ?? process.cwd(), doc.request.dataFile)]), listeners: new Set() });
    }
    this.#present = opts.present;
    this.#configFile = opts.configFile;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  state(id: string): DocumentState {
    const r = this.#record(id);
    return { doc: id, building: r.building || (r.stale && r.listeners.size > 0), build: r.good?.view, errors: r.errors };
  }

  /** The last good PDF of a document, if it has one. */
  pdf(id: string): Buffer | undefined {
    return this.#records.get(id)?.good?.pdf;
  }

  lookup(id: string): SourceLookup | undefined {
    return this.#records.get(id)?.good?.lookup;
  }

  /** Follow a document's state; it is built (or rebuilt, if stale) now. Returns the unsubscribe. */
  subscribe(id: string, listener: Listener): () => void {
    const r = this.#record(id);
    r.listeners.add(listener);
    if (r.stale) this.#enqueue(r);
    listener(this.state(id));
    return () => r.listeners.delete(listener);
  }

  /** Build a document before any page asks, so the first page opens on finished pages. */
  warm(id: string): void {
    const r = this.#record(id);
    if (r.stale) this.#enqueue(r);
  }

  /** Resolves when no build is queued or running (tests, and a clean exit). */
  async idle(): Promise<void> {
    while (this.#working || this.#queue.length) await this.#idle;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#settle);
    this.#queue.length = 0;
    await this.idle();
    await this.#watcher?.close();
    for (const r of this.#records.values()) r.listeners.clear();
    this.#caches.close();
  }

  #record(id: string): DocRecord {
    const r = this.#records.get(id);
    if (!r) throw new Error(`no document ${id}`);
    return r;
  }

  #notify(r: DocRecord): void {
    const state = this.state(r.doc.id);
    for (const l of r.listeners) l(state);
  }

  #enqueue(r: DocRecord): void {
    if (this.#closed || this.#queue.includes(r)) return;
    this.#queue.push(r);
    if (!this.#working) this.#idle = this.#drain();
  }

  async #drain(): Promise<void> {
    this.#working = true;
    try {
      for (let r = this.#queue.shift(); r && !this.#closed; r = this.#queue.shift()) await this.#build(r);
    } finally {
      this.#working = false;
    }
  }

  async #build(r: DocRecord): Promise<void> {
    r.stale = false;
    r.building = true;
    this.#notify(r);
    // Let the "building" state reach the page before typesetting holds the event loop.
    await new Promise((done) => setTimeout(done, 0));
    try {
      const result = await buildBriefing({ ...r.doc.request, force: true }, this.#caches);
      const pdf = readFileSync(result.output);
      const lookup = makeLookup(r.doc.request);
      r.version++;
      r.good = { pdf, lookup, view: this.#view(r, result) };
      r.errors = undefined;
      r.inputs = new Set(result.inputs);
      this.#present.built(r.doc, { result });
    } catch (e) {
      r.errors = (userErrorsOf(e) ?? [e]).map((err) => this.#present.problem(err, 'error'));
      // A failed build knows only the files it got to read: keep watching the rest too, so fixing
      // a template after a data error is still seen.
      this.#present.built(r.doc, { error: e });
    }
    // Watching first: a save made the moment the page shows the build is not missed.
    await this.#watch();
    r.building = false;
    this.#notify(r);
  }

  #view(r: DocRecord, result: BuildResult): BuildView {
    return {
      version: r.version,
      pdf: `/pdf/${encodeURIComponent(r.doc.id)}?v=${r.version}`,
      output: this.#present.path(result.output),
      pages: result.pages,
      ms: result.ms,
      builtAt: new Date().toISOString(),
      warnings: result.warnings.map(({ code, params, message: _m, ...where }) => this.#present.problem(new BriefingError(code, params, where), 'warning')),
    };
  }

  /** Watch the union of what every document's last build read, plus the project config. */
  async #watch(): Promise<void> {
    if (this.#closed) return;
    const next = new Set([...this.#records.values()].flatMap((r) => [...r.inputs]));
    if (this.#configFile) next.add(this.#configFile);
    if (!this.#watcher) {
      // Loaded on the first build: listing commands never pay for the watcher.
      const { watch } = await import('chokidar');
      const watcher = watch([...next], { ignoreInitial: true });
      watcher.on('all', (_event, path) => this.#onChange(resolve(path)));
      await new Promise<void>((ready) => watcher.once('ready', () => ready()));
      this.#watcher = watcher;
    } else {
      this.#watcher.unwatch([...this.#watched].filter((f) => !next.has(f)));
      this.#watcher.add([...next].filter((f) => !this.#watched.has(f)));
    }
    this.#watched = next;
  }

  #onChange(file: string): void {
    this.#changed.add(file);
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      const changed = this.#changed;
      this.#changed = new Set();
      for (const r of this.#records.values()) {
        if (!(changed.has(this.#configFile ?? '') || [...changed].some((f) => r.inputs.has(f)))) continue;
        r.stale = true;
        if (r.listeners.size) this.#enqueue(r);
      }
    }, SETTLE_MS);
  }
}

/**
 * The source lookup for the build that just finished: its data and template, read again. A file
 * saved again in between (broken, say) leaves this build without one; the next build brings it.
 */
function makeLookup(req: BuildRequest): SourceLookup {
  try {
    const cwd = req.cwd ?? process.cwd();
    const { root } = findProjectRoot(cwd);
    const host = createHost({ projectRoot: root });
    const loaded = loadData(resolve(cwd, req.dataFile), { host, typed: true });
    const name = req.template ?? (typeof loaded.data.template === 'string' ? loaded.data.template : '');
    return textSourceLookup(loaded, loadTemplatePack(findTemplateDir(name, host, { typed: !!req.template, cwd }), host), host);
  } catch {
    return { find: () => [] };
  }
}
