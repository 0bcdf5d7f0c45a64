import module from 'node:module';

/**
 * Node 22.1+ can keep the code it compiles on disk (by default under the system temp folder, or
 * where NODE_COMPILE_CACHE says) and reuse it on the next run, so a cold start skips most of the
 * parsing and compiling of briefing's modules and its libraries'. Imported first, so everything
 * loaded after it benefits. Node 20 has no such cache: there this does nothing.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
