// Builds everything the local host runs and serves, with esbuild (a second or two):
//   the app entry for Node (real SDK packages stay external, so they run unchanged),
//   every UI Kit resource of manifest.yml (and of the test fixture app) for the browser,
//   the preview renderer and bridge shim, the host itself, the bench and scripts, and the Custom UI build.
// Quiet unless something fails (the Custom UI's bundle-size report only under `npm run build` or
// with --report); exits non-zero on any error.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'local', 'dist');
const at = (...parts) => path.join(root, ...parts);

const nodeOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

const browserOptions = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  sourcemap: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  logLevel: 'warning',
};

/** UI Kit resources (`render: native`) of one manifest: resource key → absolute entry path. */
function uiKitResources(manifestPath) {
  const manifest = parse(readFileSync(manifestPath, 'utf8')) ?? {};
  const paths = new Map((manifest.resources ?? []).map((resource) => [resource.key, resource.path]));
  const entries = new Map();
  for (const modules of Object.values(manifest.modules ?? {})) {
    for (const module of Array.isArray(modules) ? modules : []) {
      if (module?.render !== 'native' || !module.resource || !paths.has(module.resource)) continue;
      const entry = path.resolve(path.dirname(manifestPath), paths.get(module.resource));
      if (existsSync(entry)) entries.set(module.resource, entry);
      else console.warn(`build: UI Kit resource ${module.resource} (${entry}) does not exist yet; skipped.`);
    }
  }
  return entries;
}

function pageBuilds(manifestPath, outDir) {
  if (!existsSync(manifestPath)) return [];
  return [...uiKitResources(manifestPath)].map(([key, entry]) =>
    build({ ...browserOptions, entryPoints: [entry], outfile: path.join(outDir, `${key}.js`) }),
  );
}

const tsFilesIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => path.join(dir, name)) : []);

const builds = [
  build({ ...nodeOptions, entryPoints: [at('src', 'index.ts')], outfile: path.join(dist, 'app', 'index.js') }),
  ...pageBuilds(at('manifest.yml'), path.join(dist, 'pages')),
  ...pageBuilds(at('test', 'fixtures', 'app', 'manifest.yml'), path.join(dist, 'fixtures', 'app', 'pages')),
];
if (existsSync(at('local', 'main.ts'))) {
  builds.push(build({ ...nodeOptions, entryPoints: [at('local', 'main.ts')], outfile: path.join(dist, 'main.js') }));
}
// The preview's own browser bundles: the UI Kit renderer (with the bridge), the Custom UI bridge
// shim, and the header script of the index page.
const previewEntries = {
  renderer: at('local', 'preview', 'renderer', 'index.tsx'),
  bridge: at('local', 'preview', 'custom-ui-bridge.ts'),
  header: at('local', 'preview', 'header-entry.ts'),
};
builds.push(build({ ...browserOptions, entryPoints: previewEntries, outdir: path.join(dist, 'preview') }));
if (existsSync(at('bench', 'run.ts'))) {
  // Row providers are separate files so that run.js finds whatever bench/rows/ holds.
  const entryPoints = [at('bench', 'run.ts'), ...tsFilesIn(at('bench', 'rows'))];
  builds.push(build({ ...nodeOptions, entryPoints, outbase: at('bench'), outdir: path.join(dist, 'bench') }));
}
const scripts = tsFilesIn(at('scripts'));
if (scripts.length > 0) {
  builds.push(build({ ...nodeOptions, entryPoints: scripts, outdir: path.join(dist, 'scripts') }));
}

const results = await Promise.allSettled(builds);
let failed = results.filter((result) => result.status === 'rejected').length;

const customUiBuild = at('static', 'audit-log', 'build.mjs');
if (existsSync(customUiBuild)) {
  try {
    // Its bundle-size report belongs to `npm run build`, not to `npm start`, `npm test` or the other scripts that build first.
    const report = process.env.npm_lifecycle_event === 'build' || process.argv.includes('--report') ? '1' : '0';
    execFileSync(process.execPath, [customUiBuild], { cwd: root, stdio: 'inherit', env: { ...process.env, AUDIT_LOG_SIZE_REPORT: report } });
  } catch {
    failed += 1;
  }
}

if (failed > 0) {
  console.error(`build: ${failed} build step(s) failed.`);
  process.exit(1);
}
