#!/usr/bin/env node
/**
 * Run by `npm run build` after tsc. Generates, into dist/precompiled/ (or the folder given as the
 * first argument, for tests), the code a cold start would
 * otherwise generate every time (src/project/precompiled-code.ts):
 *   validators/  briefing's own settings schemas (style.yaml, briefing.config.yaml) and the bundled
 *                templates' schema.json, as ajv standalone validators (~200 ms of ajv a run);
 *   templates/   the bundled templates' entry and partial files, compiled by Handlebars.
 *
 * Generated at build time rather than checked in: each file is named by the content it was made
 * from (and ajv's or Handlebars' version and options), so a file that is missing or stale is
 * simply not found and the code is generated at run time as before. Nothing can go out of date
 * in a way that changes a result.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { compileValidator, schemaKey } = await dist('validate/schema-compiler.js');
const { VALIDATORS } = await dist('validate/schema-validator.js');
const { settingsSchemasChecked } = await dist('validate/validate-data.js');
const { templateKey, templateModuleSource, TEMPLATES } = await dist('render/template-specs.js');
const { precompiledRoot } = await dist('project/precompiled-code.js');
const { loadStyle } = await dist('document/style.js');
const { loadConfig } = await dist('project/load-config.js');
const { loadTemplatePack } = await dist('template/template-pack.js');

const templatesDir = join(root, 'templates');
const packs = readdirSync(templatesDir)
  .filter((name) => existsSync(join(templatesDir, name, 'template.yaml')))
  .map((name) => loadTemplatePack(join(templatesDir, name)));

// The settings schemas are whatever checkSettings is handed: load every bundled style and a
// minimal config, and take the schemas it saw.
for (const pack of packs) loadStyle(pack.styleFile);
const scratch = mkdtempSync(join(tmpdir(), 'briefing-precompile-'));
try {
  writeFileSync(join(scratch, 'briefing.config.yaml'), 'jobs: []\n');
  loadConfig(join(scratch, 'briefing.config.yaml'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const settings = settingsSchemasChecked();
if (settings.length < 2) throw new Error(`expected the style and config schemas, found ${settings.length}`);

const target = process.argv[2] ? resolve(process.argv[2]) : precompiledRoot;
// Written aside, then swapped in whole: a concurrent run never sees half a folder.
const staging = `${target}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
const written = { [VALIDATORS]: new Set(), [TEMPLATES]: new Set() };
const write = (kind, key, source) => {
  if (written[kind].has(key)) return;
  mkdirSync(join(staging, kind), { recursive: true });
  writeFileSync(join(staging, kind, `${key}.cjs`), source);
  written[kind].add(key);
};

for (const schema of [...settings, ...packs.map((p) => JSON.parse(readFileSync(p.schemaFile, 'utf8')))]) {
  const { source } = compileValidator(schema);
  if (!source) throw new Error('ajv could not write a standalone validator');
  write(VALIDATORS, schemaKey(schema), source);
}
for (const pack of packs) {
  for (const { source } of [pack.entry, ...pack.partials.values()]) write(TEMPLATES, templateKey(source), templateModuleSource(source));
}

rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`precompiled ${written[VALIDATORS].size} schema validators and ${written[TEMPLATES].size} template files into ${relative(process.cwd(), target) || '.'}/`);
