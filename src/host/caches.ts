/**
 * Everything briefing keeps between builds — style sheets, compiled templates, validators, opened
 * fonts, set paragraphs — lives in one of these, owned by a host (host.ts), never at module level.
 * Whoever runs builds decides how long it lives: one build (a plain `buildBriefing` call), one batch
 * (`build` with many documents), one session (`watch`, `preview`), one pool thread. Two hosts with
 * their own caches share nothing, so a file changed between them is always read anew.
 *
 * A stage names its cache with a slot declared next to the code that uses it (so the host knows no
 * stage's types) and asks the host's caches for it; the slot's `make` gives the empty cache the
 * first time. docs/architecture.md lists the slots and the few process-wide exceptions.
 */
export interface CacheSlot<T> {
  /** What it holds, for people: docs/architecture.md and `names()`. */
  readonly name: string;
  readonly make: () => T;
  /** Gives back what the cache holds open (font files); called once, by `close()`. */
  readonly close?: (value: T) => void;
}

/** A slot for `get`. Declared once per cache, at module level: the slot is a key and holds nothing. */
export function cacheSlot<T>(name: string, make: () => T, close?: (value: T) => void): CacheSlot<T> {
  return Object.freeze({ name, make, ...(close ? { close } : {}) });
}

export interface Caches {
  /** The slot's cache, made empty on first use. */
  get<T>(slot: CacheSlot<T>): T;
  /** The names of the caches made so far. */
  names(): string[];
  /** Close what the caches hold open and forget everything; a later `get` starts empty. */
  close(): void;
}

export function createCaches(): Caches {
  // Keyed by the slot itself: two slots never share a cache, whatever their names.
  type AnySlot = CacheSlot<never>;
  const made = new Map<AnySlot, unknown>();
  return {
    get<T>(slot: CacheSlot<T>): T {
      const key = slot as unknown as AnySlot;
      if (!made.has(key)) made.set(key, slot.make());
      return made.get(key) as T;
    },
    names: () => [...made.keys()].map((s) => s.name),
    close() {
      const all = [...made];
      made.clear();
      for (const [slot, value] of all) slot.close?.(value as never);
    },
  };
}
