#!/usr/bin/env node
// `npm run package`: the packaging half of `forge deploy`, offline, on the working tree.
//
// It builds the same objects `forge deploy` builds (@forge/cli out/command-line/dependency-injection.js) and
// runs the same command, PackageUploadDeployCommand, with the manifest's handlers and resources read by the
// CLI's own ConfigFile (as DeployController does):
//   AppPackager(RuntimeBundler(makeArchiver, getNodeBundler(...)), NativeUIBundler)  → runtime zip (webpack + ts-loader)
//   ResourcePackagingService.zipResources                                             → one zip per resource, with
//                                                                                        the CLI's own checks
// Stubbed, and only these, because they need a login or the network:
//   - the uploader and the deployer: they would send the zips to Atlassian; here they record the zip paths;
//   - analytics (AppPackager's analytics client): nothing is reported;
//   - feature flags (Statsig, which needs the login): every gate off, the CLI's default path: webpack (not the
//     TypeScript bundler preview), separate runtime and resource uploads, no runtime loader;
//   - the Node runtime wrapper (`__forge__.cjs`), which `forge deploy` downloads from Atlassian's CDN: a
//     placeholder stands in for it (the platform's wrapper is what loads the bundle; the app does not ship it).
// `forge lint`, which `forge deploy` runs first, is `npm run lint` here (scripts/forge-lint-offline.mjs).
//
// Usage: node scripts/forge-package.cjs [--out <dir>]   (default: .forge-package/)
// Writes runtime.zip, one <resource-key>.zip per resource and summary.json to that folder, and prints it.
// Exits non-zero with the CLI's own error message when bundling or a resource check fails.
// CommonJS, not .mjs: @forge/bundler's webpack config needs `require.main`, which an ES module entry lacks.
'use strict';
const { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

/**
 * Where each class lives in the installed Forge CLI. An upgrade of @forge/cli or @forge/bundler that moves or
 * renames one fails here, naming it, rather than at deploy time.
 */
const FORGE_CLASSES = [
  { name: 'AppPackager', module: '@forge/cli/out/deploy/packager/packager.js' },
  { name: 'makeArchiver', module: '@forge/cli/out/deploy/packager/archiver.js' },
  { name: 'RuntimeBundler', module: '@forge/cli/out/deploy/packager/runtime-bundler.js' },
  { name: 'PackageUploadDeployCommand', module: '@forge/cli/out/deploy/package-upload-deploy.js' },
  { name: 'ResourcePackagingService', module: '@forge/cli/out/service/resource-packaging-service.js' },
  { name: 'getNodeBundler', module: '@forge/bundler' },
  { name: 'NativeUIBundler', module: '@forge/bundler' },
  { name: 'ConfigFile', module: '@forge/cli-shared' },
  { name: 'FileSystemReader', module: '@forge/cli-shared' },
  { name: 'FileSystemWriter', module: '@forge/cli-shared' },
  { name: 'CommandLineUI', module: '@forge/cli-shared' },
  { name: 'BridgeScriptService', module: '@forge/cli-shared' },
  { name: 'IframeResizerScriptService', module: '@forge/cli-shared' },
  { name: 'I18nResourceBundlingService', module: '@forge/cli-shared' },
];

/**
 * Loads FORGE_CLASSES (or the given list) from the installed @forge/cli, with its own copies of @forge/bundler
 * and @forge/cli-shared; throws one error naming every class that is not where the list says.
 */
function loadForgeClasses(list = FORGE_CLASSES) {
  const fromApp = createRequire(join(root, 'package.json'));
  // @forge/bundler and @forge/cli-shared as @forge/cli resolves them, so that its instanceof checks hold.
  const fromCli = createRequire(fromApp.resolve('@forge/cli/package.json'));
  const classes = {};
  const missing = [];
  for (const { name, module } of list) {
    let exported;
    try {
      exported = (module.startsWith('@forge/cli/') ? fromApp : fromCli)(module)[name];
    } catch (error) {
      missing.push(`${name} (${module}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      continue;
    }
    if (typeof exported !== 'function') missing.push(`${name} (not exported by ${module})`);
    else classes[name] = exported;
  }
  if (missing.length > 0) {
    const versions = ['@forge/cli', '@forge/bundler']
      .map((pkg) => {
        try {
          return `${pkg}@${fromCli(`${pkg}/package.json`).version}`;
        } catch {
          return `${pkg} (not found)`;
        }
      })
      .join(', ');
    throw new Error(
      `forge-package: the installed Forge CLI (${versions}) no longer provides ${missing.join('; ')}. ` +
        'An upgrade moved or renamed the classes `forge deploy` packages with: read its ' +
        'out/command-line/dependency-injection.js and update FORGE_CLASSES in scripts/forge-package.cjs.',
    );
  }
  return classes;
}

/** Feature flags and analytics, offline: every gate off, which is the CLI's default packaging path. */
const offlineStatsig = {
  isCombinedArtifactUploadEnabled: async () => false,
  isTypescriptBundlerEnabled: async () => false,
  testForgeCliBundleRuntimeLoaderGate: async () => false,
};
const offlineAnalytics = { reportAppPackaged: async () => undefined };

/** Stands in for the runtime wrapper `forge deploy` downloads from Atlassian's CDN (NetworkWrapperProvider). */
const PLACEHOLDER_WRAPPER =
  "// Placeholder written by scripts/forge-package.cjs: `forge deploy` puts the Forge Node runtime's wrapper here.\n";
const offlineWrapperProvider = {
  getNodeRuntimeWrapper: async () => ({ script: PLACEHOLDER_WRAPPER, source: 'offline placeholder', version: 'offline' }),
  getNodeRuntimeLoader: async () => undefined,
};

const OUTPUT_FILE = /^(.+\.zip|summary\.json)$/;

/** Creates outDir, or empties it of an earlier run's files; refuses a folder that holds anything else. */
function prepareOutDir(outDir) {
  mkdirSync(outDir, { recursive: true });
  const names = readdirSync(outDir);
  const foreign = names.filter((name) => !OUTPUT_FILE.test(name));
  if (foreign.length > 0) {
    throw new Error(`forge-package: ${outDir} holds other files (${foreign.slice(0, 3).join(', ')}); choose an empty folder with --out`);
  }
  for (const name of names) rmSync(join(outDir, name));
}

/**
 * Runs the packaging of `forge deploy` and copies the zips to outDir.
 * @param {{ outDir: string, verbose?: boolean }} options
 */
async function packageApp({ outDir, verbose = false }) {
  const forge = loadForgeClasses();
  // The CLI reads manifest.yml, tsconfig.json and the sources relative to the working directory.
  process.chdir(root);

  const ui = new forge.CommandLineUI(() => verbose);
  const fileReader = new forge.FileSystemReader();
  const configFile = new forge.ConfigFile(fileReader, new forge.FileSystemWriter());
  const archiverFactory = () => forge.makeArchiver(ui);

  const nodeBundler = forge.getNodeBundler(ui, offlineWrapperProvider, configFile, offlineStatsig);
  const nativeUiBundler = new forge.NativeUIBundler(ui);
  // Seconds spent in each webpack step, for the summary (the objects are otherwise used as built).
  const seconds = {};
  const timed = (name, object, method) => {
    const original = object[method].bind(object);
    object[method] = async (...args) => {
      const started = Date.now();
      try {
        return await original(...args);
      } finally {
        seconds[name] = Math.round((Date.now() - started) / 100) / 10;
      }
    };
  };
  timed('runtime', nodeBundler, 'bundle');
  timed('nativeUI', nativeUiBundler, 'bundleResources');
  const runtimeBundler = new forge.RuntimeBundler(archiverFactory, ui, nodeBundler, fileReader, configFile);
  const appPackager = new forge.AppPackager(runtimeBundler, nativeUiBundler, ui, offlineAnalytics);
  const resourcePackagingService = new forge.ResourcePackagingService(
    archiverFactory,
    fileReader,
    process.cwd(),
    new forge.BridgeScriptService(),
    new forge.IframeResizerScriptService(),
  );

  // The uploader and the deployer are where `forge deploy` goes online: record instead.
  const uploaded = { runtime: undefined, resources: undefined, deployed: false };
  const recordingUploader = {
    uploadArchive: async (archivePath) => {
      uploaded.runtime = archivePath;
      return 'offline://runtime.zip';
    },
    uploadHostedResources: async (archives) => {
      uploaded.resources = archives;
      return 'offline-upload';
    },
    uploadCombinedArtifact: async () => {
      throw new Error('forge-package: combined artifact upload is off in offline packaging');
    },
  };
  const recordingDeployer = {
    deploy: async () => {
      uploaded.deployed = true;
    },
  };
  const command = new forge.PackageUploadDeployCommand(
    appPackager,
    recordingUploader,
    recordingDeployer,
    resourcePackagingService,
    new forge.I18nResourceBundlingService(),
    offlineStatsig,
  );

  // As DeployController.deploy reads them.
  const handlers = await configFile.getAppHandlers();
  const resources = await configFile.getResources();
  const config = await configFile.readConfig();
  const started = Date.now();
  await command.execute({
    handlers,
    resources,
    environmentKey: 'development',
    environmentType: 'DEVELOPMENT',
    packageConfig: config.app?.package,
    modules: config.modules,
    i18nConfig: config.translations,
  });
  if (!uploaded.runtime || !uploaded.resources) throw new Error('forge-package: the CLI produced no archives');

  prepareOutDir(outDir);
  const runtimeZip = join(outDir, 'runtime.zip');
  copyFileSync(uploaded.runtime, runtimeZip);
  const resourceZips = {};
  for (const [key, archive] of Object.entries(uploaded.resources)) {
    const zip = join(outDir, `${key}.zip`);
    copyFileSync(archive.zipPath, zip);
    resourceZips[key] = { zip, zipSize: archive.zipSize, rawSize: archive.rawSize, fileCount: archive.fileCount };
  }
  const summary = {
    forge: loadVersions(),
    seconds: { total: Math.round((Date.now() - started) / 100) / 10, ...seconds },
    handlers: handlers.map(({ module, func }) => `${module}.${func}`),
    runtime: { zip: runtimeZip, bytes: statSync(runtimeZip).size },
    resources: Object.fromEntries(
      resources.map((r) => [r.key, { ...resourceZips[r.key], path: r.path, type: r.resourceType }]),
    ),
  };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function loadVersions() {
  const fromApp = createRequire(join(root, 'package.json'));
  const fromCli = createRequire(fromApp.resolve('@forge/cli/package.json'));
  return {
    cli: fromApp('@forge/cli/package.json').version,
    bundler: fromCli('@forge/bundler/package.json').version,
    webpack: createRequire(fromCli.resolve('@forge/bundler/package.json'))('webpack/package.json').version,
  };
}

module.exports = { FORGE_CLASSES, loadForgeClasses, packageApp };

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, '.forge-package'));
  try {
    const summary = await packageApp({ outDir, verbose: args.includes('--verbose') });
    const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
    const { forge, seconds } = summary;
    console.info(
      `Packaged as \`forge deploy\` does (@forge/cli ${forge.cli}, @forge/bundler ${forge.bundler}, webpack ${forge.webpack}) ` +
        `in ${seconds.total} s (runtime bundle ${seconds.runtime} s, UI Kit bundles ${seconds.nativeUI} s):`,
    );
    console.info(`  runtime        ${mb(summary.runtime.bytes).padStart(8)}  ${summary.handlers.length} handlers: ${summary.handlers.join(', ')}`);
    for (const [key, r] of Object.entries(summary.resources)) {
      console.info(`  ${key.padEnd(14)} ${r.zipSize.padStart(8)}  ${r.type}, ${r.fileCount} files`);
    }
    console.info(`Zips written to ${outDir}`);
  } catch (error) {
    console.error(`forge-package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
