import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder briefing is installed in (holds templates/ and fonts/), from src/ or dist/ alike. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const builtinTemplatesDir = resolve(packageRoot, 'templates');
export const bundledFontsDir = resolve(packageRoot, 'fonts');
