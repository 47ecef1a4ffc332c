#!/usr/bin/env node
// Validates manifest.yml offline, the way `forge lint` and `forge deploy` would before uploading:
//  1. @forge/manifest's full validation (schema, modules, resources, permissions, storage, display conditions,
//     handler files, runtime...), the same processor the Forge CLI runs;
//  2. what that validation cannot see from YAML alone: every function handler names an exported function of its
//     module, every entity and index name in src/adapters/kvs/names.ts is declared, and the platform's limit of
//     indexes per entity holds.
// Plain .mjs so that `npm run lint` works on a fresh clone without a build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { validate } from '@forge/manifest';
import ts from 'typescript';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'manifest.yml');
/** Forge's documented limit of indexes per custom entity. */
const MAX_INDEXES_PER_ENTITY = 7;

const problems = [];
const report = (message, line) => problems.push(line ? `manifest.yml:${line}  ${message}` : `manifest.yml  ${message}`);

/**
 * A Custom UI resource is a build output (git-ignored). On a fresh clone it does not exist yet, and the Forge
 * validator would (rightly) report it missing; build it first, as `forge deploy` expects it built.
 */
function buildMissingCustomUi(manifest) {
  for (const resource of manifest.resources ?? []) {
    const target = join(root, resource.path);
    if (existsSync(target) || !resource.path.startsWith('static/')) continue;
    const packageDir = join(root, resource.path.split('/').slice(0, 2).join('/'));
    if (!existsSync(join(packageDir, 'build.mjs'))) continue;
    console.info(`lint-manifest: building ${relative(root, packageDir)} (resource ${resource.key} is not built yet)`);
    const result = spawnSync(process.execPath, [join(packageDir, 'build.mjs')], { cwd: packageDir, stdio: 'inherit' });
    if (result.status !== 0) report(`building ${resource.path} failed (exit ${result.status}); the resource check below will fail`);
  }
}

/** Names exported by the module a handler points at, with whether each is callable. */
function exportedFunctions(moduleFile) {
  const program = ts.createProgram([moduleFile], {
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(moduleFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const exports = new Map();
  if (!moduleSymbol) return exports;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    const type = declaration ? checker.getTypeOfSymbolAtLocation(target, declaration) : undefined;
    exports.set(symbol.getName(), Boolean(type && type.getCallSignatures().length > 0));
  }
  return exports;
}

function checkHandlers(manifest) {
  const byModule = new Map();
  for (const fn of manifest.modules?.function ?? []) {
    const match = /^(.+)\.([A-Za-z_$][\w$]*)$/.exec(fn.handler ?? '');
    if (!match) continue; // @forge/manifest already reports a malformed handler
    const [, modulePath, exportName] = match;
    const file = ['ts', 'tsx', 'js', 'jsx'].map((ext) => join(root, 'src', `${modulePath}.${ext}`)).find((f) => existsSync(f));
    if (!file) continue; // reported by @forge/manifest (handler file does not exist)
    if (!byModule.has(file)) byModule.set(file, exportedFunctions(file));
    const exported = byModule.get(file);
    if (!exported.has(exportName)) report(`function ${fn.key}: ${relative(root, file)} does not export ${exportName}`);
    else if (!exported.get(exportName)) report(`function ${fn.key}: ${exportName} exported by ${relative(root, file)} is not a function`);
  }
}

/** Loads src/adapters/kvs/names.ts (plain constants, no imports) without a build. */
function loadStorageNames() {
  const file = join(root, 'src', 'adapters', 'kvs', 'names.ts');
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputText)(module, module.exports, require);
  return module.exports;
}

function checkStorageNames(manifest) {
  const entities = new Map((manifest.app?.storage?.entities ?? []).map((entity) => [entity.name, entity]));
  for (const entity of entities.values()) {
    const count = entity.indexes?.length ?? 0;
    if (count > MAX_INDEXES_PER_ENTITY) report(`entity ${entity.name} declares ${count} indexes; Forge allows at most ${MAX_INDEXES_PER_ENTITY}`);
  }
  const names = loadStorageNames();
  for (const [constant, entityName] of Object.entries(names.ENTITY ?? {})) {
    if (!entities.has(entityName)) report(`kvs/names.ts ENTITY.${constant} = '${entityName}' is not declared in app.storage.entities`);
  }
  // Index constants are grouped per entity: TOKEN_INDEX → token, AUDIT_INDEX → audit-event, <X>_INDEX → ENTITY.<x>.
  const indexGroups = Object.entries(names).filter(([key]) => key.endsWith('_INDEX'));
  for (const [group, indexes] of indexGroups) {
    const entityKey = group === 'AUDIT_INDEX' ? 'auditEvent' : camel(group.slice(0, -'_INDEX'.length));
    const entity = entities.get(names.ENTITY?.[entityKey]);
    if (!entity) {
      report(`kvs/names.ts ${group}: no entity ENTITY.${entityKey} to hold these indexes`);
      continue;
    }
    const declared = new Set((entity.indexes ?? []).map((index) => (typeof index === 'string' ? index : index.name)));
    for (const [constant, indexName] of Object.entries(indexes)) {
      if (!declared.has(indexName)) report(`kvs/names.ts ${group}.${constant} = '${indexName}' is not an index of entity ${entity.name}`);
    }
  }
}

const camel = (upperSnake) => upperSnake.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());

const manifest = parse(readFileSync(manifestPath, 'utf8'));
buildMissingCustomUi(manifest);

const result = await validate(false, manifestPath);
for (const error of result.errors ?? []) {
  const line = `manifest.yml:${error.line}:${error.column}  ${error.level}  ${error.message}  (${error.reference})`;
  if (error.level === 'error') problems.push(line);
  else console.warn(line);
}
for (const check of [checkHandlers, checkStorageNames]) {
  try {
    check(manifest);
  } catch (error) {
    report(`${check.name} could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\nlint-manifest: ${problems.length} problem(s) in manifest.yml`);
  process.exitCode = 1;
} else {
  console.info('lint-manifest: manifest.yml passes @forge/manifest full validation and the handler and storage-name checks');
}
