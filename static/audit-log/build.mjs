// Builds the audit-log Custom UI into build/: index.html, one hashed JS bundle and one hashed CSS file.
// Forge serves the folder as static files (manifest resource `audit-log-ui`); paths stay relative and
// the HTML has no inline script or style, so the default Custom UI content security policy holds.
import { build } from 'esbuild';
import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'build');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

// See src/api/bridge.ts: deep imports of single bridge modules, past the package's "exports" map.
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
  logLevel: 'warning',
  plugins: [bridgeModules],
});

const outputs = Object.keys(result.metafile.outputs).map((path) => join(here, path));
const js = outputs.find((path) => path.endsWith('.js'));
const css = outputs.find((path) => path.endsWith('.css'));
if (!js || !css) throw new Error('audit-log build: expected one .js and one .css output');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit log</title>
<link rel="stylesheet" href="./${basename(css)}">
</head>
<body>
<div id="root"></div>
<script src="./${basename(js)}"></script>
</body>
</html>
`;
await writeFile(join(outdir, 'index.html'), html);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const file of [js, css]) {
  const content = await readFile(file);
  console.log(`audit-log ${basename(file)}: ${kb(content.length)} minified, ${kb(gzipSync(content).length)} gzip`);
}

// Where the bytes go, so a new dependency's cost is visible at every build.
const byPackage = new Map();
for (const [input, { bytesInOutput }] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs).find((path) => path.endsWith('.js'))].inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  const owner = match ? match[1] : input.startsWith('src/') ? 'static/audit-log/src' : input.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
  byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
}
const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(`  largest parts: ${top.map(([owner, bytes]) => `${owner} ${kb(bytes)}`).join(', ')}`);
