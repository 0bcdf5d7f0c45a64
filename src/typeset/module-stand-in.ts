import { Module } from 'node:module';

/**
 * Answering a CommonJS `require` from the module cache before the real module is loaded: how
 * briefing keeps pdfkit from loading libraries a briefing never uses (fontkit for fonts briefing
 * serves itself, the encryption and hashing libraries for PDFs it never encrypts, the line
 * breaker of pdfkit's own text layout, which briefing does not use).
 */
export function putStandIn(require: NodeJS.Require, path: string, exports: unknown): void {
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports;
  require.cache[path] = module;
}

/** The real module at `path`, loaded past its stand-in (which stays in the cache). */
export function loadBehindStandIn<T>(require: NodeJS.Require, path: string): T {
  const standIn = require.cache[path];
  delete require.cache[path];
  try {
    return require(path) as T;
  } finally {
    if (standIn) require.cache[path] = standIn;
  }
}

/** A stand-in that loads the real module the first time anything of it is used. */
export function deferLoading(require: NodeJS.Require, path: string): void {
  if (require.cache[path]) return;
  let real: object | undefined;
  const load = () => (real ??= loadBehindStandIn<object>(require, path));
  // A function target, so a module that is itself a function (js-md5) can still be called.
  const proxy = new Proxy(function deferred() {}, {
    get: (_t, key): unknown => Reflect.get(load(), key),
    has: (_t, key) => Reflect.has(load(), key),
    apply: (_t, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    // A module that is a class (linebreak, png-js): `new` makes an instance of the real one.
    construct: (_t, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args),
  });
  putStandIn(require, path, proxy);
}
