#!/usr/bin/env node
/**
 * Run by `npm run build` after tsc. Generates, into dist/precompiled/ (or the folder given as the
 * first argument, for tests), the code a cold start would
 * otherwise generate every time (src/project/precompiled-code.ts):
 *   validators/  briefing's own settings schemas (style.yaml, briefing.config.yaml) and the bundled
 *                templates' schema.json, as ajv standalone validators (~200 ms of ajv a run);
 *   templates/   the bundled templates' entry and partial files, compiled by Handlebars;
 *   settings/    the bundled templates' style.yaml, parsed and checked, as JSON;
 *   checked-packs/  a key per bundled template whose files passed checkTemplatePack.
 *
 * Generated at build time rather than checked in: each file is named by the content it was made
 * from (and ajv's or Handlebars' version and options), so a file that is missing or stale is
 * simply not found and the code is generated at run time as before. Nothing can go out of date
 * in a way that changes a result.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { compileValidator, schemaKey } = await dist('validate/schema-compiler.js');
const { VALIDATORS } = await dist('validate/schema-validator.js');
const { checkSettings, settingsSchemasChecked } = await dist('validate/validate-data.js');
const { settingsKey, settingsLoaded, SETTINGS } = await dist('validate/load-settings.js');
const { loadData } = await dist('load/load-data.js');
const { utf8Text } = await dist('load/read-text.js');
const { templateKey, templateModuleSource, TEMPLATES } = await dist('render/template-specs.js');
const { checkTemplatePack, packCheckKey, CHECKED_PACKS } = await dist('render/check-template.js');
const { templateHelperNames } = await dist('render/render-template.js');
const { precompiledRoot } = await dist('project/precompiled-code.js');
const { loadStyle } = await dist('document/style.js');
const { loadConfig } = await dist('project/load-config.js');
const { loadTemplatePack } = await dist('template/template-pack.js');
const { createCaches } = await dist('host/caches.js');
const { createHost } = await dist('host/host.js');

const templatesDir = join(root, 'templates');
const packs = readdirSync(templatesDir)
  .filter((name) => existsSync(join(templatesDir, name, 'template.yaml')))
  .map((name) => loadTemplatePack(join(templatesDir, name)));

// The settings schemas are whatever checkSettings is handed: load every bundled style and a
// minimal config through hosts sharing one set of caches, and take the schemas they saw.
const caches = createCaches();
for (const pack of packs) loadStyle(pack.styleFile, { host: createHost({ projectRoot: dirname(pack.styleFile), caches }) });
const scratch = mkdtempSync(join(tmpdir(), 'briefing-precompile-'));
try {
  writeFileSync(join(scratch, 'briefing.config.yaml'), 'jobs: []\n');
  loadConfig(join(scratch, 'briefing.config.yaml'), createHost({ projectRoot: scratch, caches }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
// The bundled style sheets are parsed and checked afresh (not taken from an older build's
// settings/), which also hands checkSettings the style schema.
const checkedSettings = [];
for (const { file, schema, code } of settingsLoaded(caches).filter((s) => !relative(templatesDir, s.file).startsWith('..'))) {
  const loaded = loadData(file);
  checkSettings(loaded, schema, code, caches);
  // Only what JSON keeps exactly (no -0, no .inf): anything else is parsed at run time.
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(loaded.data)), loaded.data)) {
    checkedSettings.push({ key: settingsKey(utf8Text(readFileSync(file), file), schema), data: loaded.data });
  }
}
if (checkedSettings.length < packs.length) throw new Error(`expected every bundled style.yaml checked, found ${checkedSettings.length}`);
const settings = settingsSchemasChecked(caches);
if (settings.length < 2) throw new Error(`expected the style and config schemas, found ${settings.length}`);

const target = process.argv[2] ? resolve(process.argv[2]) : precompiledRoot;
// Written aside, then swapped in whole: a concurrent run never sees half a folder.
const staging = `${target}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
const written = { [VALIDATORS]: new Set(), [TEMPLATES]: new Set(), [SETTINGS]: new Set(), [CHECKED_PACKS]: new Set() };
const write = (kind, key, source, ext = 'cjs') => {
  if (written[kind].has(key)) return;
  mkdirSync(join(staging, kind), { recursive: true });
  writeFileSync(join(staging, kind, `${key}.${ext}`), source);
  written[kind].add(key);
};

for (const schema of [...settings, ...packs.map((p) => JSON.parse(readFileSync(p.schemaFile, 'utf8')))]) {
  const { source } = compileValidator(schema);
  if (!source) throw new Error('ajv could not write a standalone validator');
  write(VALIDATORS, schemaKey(schema), source);
}
for (const pack of packs) {
  for (const { source } of [pack.entry, ...pack.partials.values()]) write(TEMPLATES, templateKey(source), templateModuleSource(source));
  // Throws for a bundled template with a mistake: the build fails rather than ship it.
  checkTemplatePack(pack, templateHelperNames());
  write(CHECKED_PACKS, packCheckKey(pack, templateHelperNames()), JSON.stringify({ pack: pack.name }), 'json');
}

for (const { key, data } of checkedSettings) write(SETTINGS, key, JSON.stringify(data), 'json');

rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`precompiled ${written[VALIDATORS].size} schema validators, ${written[TEMPLATES].size} template files (${written[CHECKED_PACKS].size} packs checked) and ${written[SETTINGS].size} style sheets into ${relative(process.cwd(), target) || '.'}/`);

// tsc writes files 644; npm fixes a bin's mode only when it links it, which `npx` in a fresh clone
// does not always do. The bin is made executable here, on every build.
const bin = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
