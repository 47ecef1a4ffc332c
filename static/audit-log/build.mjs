// Builds the audit-log Custom UI into build/: index.html, one hashed JS bundle and one hashed CSS file.
// Forge serves the folder as static files (manifest resource `audit-log-ui`); paths stay relative and
// the HTML has no inline script or style, so the default Custom UI content security policy holds.
//
// Every file is written to a temporary name and renamed into place, and the folder is never
// emptied first: a page served from build/ while another process rebuilds it (the local host
// during a test run) always finds a complete index.html and the bundle it names.
import { build } from 'esbuild';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'build');

// See src/api/bridge.ts: a deep import of one bridge module, past the package's "exports" map.
const bridgeOut = dirname(createRequire(join(here, 'package.json')).resolve('@forge/bridge'));
const bridgeModules = {
  name: 'forge-bridge-modules',
  setup(plugin) {
    plugin.onResolve({ filter: /^@forge\/bridge\/out\// }, (args) => ({
      path: join(bridgeOut, `${args.path.slice('@forge/bridge/out/'.length)}.js`),
    }));
  },
};

const result = await build({
  absWorkingDir: here,
  entryPoints: { app: join(here, 'src', 'index.tsx') },
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir,
  entryNames: '[name]-[hash]',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
  plugins: [bridgeModules],
});

const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
if (!js || !css || result.outputFiles.length !== 2) throw new Error('audit-log build: expected one .js and one .css output');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit log</title>
<link rel="stylesheet" href="./${basename(css.path)}">
</head>
<body>
<div id="root"></div>
<script src="./${basename(js.path)}"></script>
</body>
</html>
`;

async function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
}

await mkdir(outdir, { recursive: true });
// The bundles first, then the page that names them.
await writeAtomically(js.path, js.contents);
await writeAtomically(css.path, css.contents);
await writeAtomically(join(outdir, 'index.html'), html);

// Bundles of earlier builds go once the new page is in place, but only when a few minutes old: a
// build of other sources running at the same moment may still be about to name its own bundle.
const current = new Set([basename(js.path), basename(css.path), 'index.html']);
const staleBefore = Date.now() - 5 * 60_000;
for (const name of await readdir(outdir)) {
  if (current.has(name)) continue;
  const path = join(outdir, name);
  const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
  if (mtimeMs < staleBefore) await rm(path, { force: true });
}

// The size report is for `npm run build` (and running this file by hand); `npm start`, `npm test`
// and the other scripts that build first stay quiet (local/build.mjs says which through the env).
const report = process.env.AUDIT_LOG_SIZE_REPORT !== '0';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const file of [js, css]) {
  if (report) console.log(`audit-log ${basename(file.path)}: ${kb(file.contents.length)} minified, ${kb(gzipSync(file.contents).length)} gzip`);
}

// Where the bytes go, so a new dependency's cost is visible at every build.
const byPackage = new Map();
for (const [input, { bytesInOutput }] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs).find((path) => path.endsWith('.js'))].inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  const owner = match ? match[1] : input.startsWith('src/') ? 'static/audit-log/src' : input.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
  byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
}
const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8);
if (report) console.log(`  largest parts: ${top.map(([owner, bytes]) => `${owner} ${kb(bytes)}`).join(', ')}`);
