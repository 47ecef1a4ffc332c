#!/usr/bin/env node
// Runs @forge/lint's client-side linters as a library, offline. `forge lint` itself needs a login (it adds
// server-side linters and fetches the product API specs and feature flags from Atlassian); here:
//  - the product API specs come from scripts/forge-lint-stubs/ (USE_LOCAL_SWAGGER and the LOCAL_*_SWAGGER
//    variables the permission linter reads), holding exactly the operations of the outbound catalog;
//  - feature flags answer "unknown", which is what the Forge CLI's own flag client returns when offline.
// Two checks are added that `forge lint` cannot make for this app, because product calls go through one
// client with routes built from the catalog (not `requestJira(route\`...\`)` literals the linter can see):
//  - every catalog entry is checked by the permission linter's own product verifier against the manifest scopes;
//  - no Jira scope is declared that no catalog entry needs (least privilege, manifest.yml).
// Plain .mjs so that `npm run lint` works on a fresh clone without a build step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stubs = join(root, 'scripts', 'forge-lint-stubs');

// Read by PermissionLinter.bootstrap(); must be set before it runs.
Object.assign(process.env, {
  USE_LOCAL_SWAGGER: '1',
  LOCAL_JIRA_SWAGGER: join(stubs, 'jira-platform.json'),
  LOCAL_JSM_SWAGGER: join(stubs, 'jira-service-management.json'),
  LOCAL_JSW_SWAGGER: join(stubs, 'jira-software.json'),
  LOCAL_CONF_SWAGGER: join(stubs, 'confluence.json'),
  LOCAL_CONF_V2_SWAGGER: join(stubs, 'confluence-v2.json'),
  LOCAL_BB_SWAGGER: join(stubs, 'bitbucket.json'),
});
// The linters and the Forge config reader resolve manifest.yml and tsconfig.json from the working directory.
process.chdir(root);

const { getClientSideLintersOnly, parseSourceFile, tsParser, reportLintResults, problemCount, PermissionLinter } = require('@forge/lint');
const { ConfigFile, FileSystemReader, FileSystemWriter, StatsigReader } = require('@forge/cli-shared');

/** Feature flags, offline: every gate and dynamic config is unknown, so each caller uses its documented default. */
class OfflineFeatureFlags extends StatsigReader {
  async checkGate() {
    return null;
  }
  async getDynamicConfig() {
    return null;
  }
}

const logger = { info: (line) => console.info(line) };
const ENVIRONMENT = 'development';
const SOURCE = /\.(tsx?|jsx?)$/;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(relative(root, path));
  }
  return out;
}

/** The outbound catalog (src/adapters/outbound/catalog.ts has no runtime imports, so it transpiles alone). */
function loadCatalog() {
  const file = join(root, 'src', 'adapters', 'outbound', 'catalog.ts');
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputText)(module, module.exports, require);
  return module.exports.OUTBOUND_CATALOG;
}

const manifest = await new ConfigFile(new FileSystemReader(), new FileSystemWriter()).readConfig();
const linters = await getClientSideLintersOnly(manifest, ENVIRONMENT, logger, new OfflineFeatureFlags());

// The Forge CLI lints src/ (where UI Kit resources live too). It would skip every .ts file here, because it only
// parses TypeScript files it finds listed in tsconfig "include" file by file; parsing them all is what it means to do.
// The linters read syntax only, so each file is parsed on its own rather than through the whole tsconfig program
// (type errors are `npm run typecheck`'s job; this keeps the step from rebuilding the program per file).
const syntaxOnly = (code, file) => tsParser(code, file, { project: undefined, tsconfigRootDir: undefined });
const inputs = await Promise.all(sourceFiles(join(root, 'src')).map((file) => parseSourceFile(file, syntaxOnly)));
await Promise.all(linters.map((linter) => linter.bootstrap()));
const results = (await Promise.all(linters.map((linter) => linter.batchExecute(inputs)))).flat();

// --- The catalog against the scopes ----------------------------------------------------------------------------
const catalog = loadCatalog();
const permissionLinter = linters.find((linter) => linter instanceof PermissionLinter);
const jiraSpec = JSON.parse(readFileSync(process.env.LOCAL_JIRA_SWAGGER, 'utf8'));
const catalogProblems = [];
const neededScopes = new Set(['storage:app']);
for (const [id, entry] of Object.entries(catalog)) {
  // Calls to SIEM destinations leave Atlassian through egress (permissions.external.fetch), not a product API.
  if (entry.route.startsWith('https://')) continue;
  const path = entry.route.replace(/\?.*$/, '');
  const operation = jiraSpec.paths?.[path]?.[entry.method.toLowerCase()];
  if (!operation) {
    catalogProblems.push(`catalog entry ${id}: ${entry.method} ${path} is not in scripts/forge-lint-stubs/jira-platform.json; add it with its documented scopes`);
    continue;
  }
  for (const group of operation['x-atlassian-oauth2-scopes'] ?? []) group.scopes.forEach((scope) => neededScopes.add(scope));
  const call = { product: 'jira', type: 'PRODUCT', path: entry.route.replace(/\{\w+\}/g, 'x'), method: entry.method, line: 0, column: 0 };
  const rules = await permissionLinter.verifiers.jira.process([call]);
  const granular = (operation['x-atlassian-oauth2-scopes'] ?? []).filter((group) => group.state === 'Beta').flatMap((group) => group.scopes);
  const alternative = granular.length > 0 ? ` (or all of the granular scopes ${granular.join(', ')})` : '';
  for (const rule of rules) catalogProblems.push(`catalog entry ${id}: ${rule.message}${alternative}`);
}
for (const scope of manifest.permissions?.scopes ?? []) {
  const name = typeof scope === 'string' ? scope : scope.key;
  if (!neededScopes.has(name)) {
    catalogProblems.push(`manifest.yml permissions.scopes declares ${name}, which no outbound catalog entry needs (least privilege)`);
  }
}

reportLintResults(logger, results);
const { errors, warnings } = problemCount(results);
for (const problem of catalogProblems) console.error(`src/adapters/outbound/catalog.ts  error  ${problem}`);
if (errors > 0 || catalogProblems.length > 0) {
  console.error(`forge-lint-offline: ${errors + catalogProblems.length} error(s), ${warnings} warning(s)`);
  process.exitCode = 1;
} else {
  console.info(`forge-lint-offline: ${inputs.length} files and ${Object.keys(catalog).length} catalog entries pass (${warnings} warning(s))`);
}
