/**
 * `npm run package` (scripts/forge-package.cjs) runs the packaging half of `forge deploy` offline, with the
 * Forge CLI's own classes: webpack and ts-loader build the runtime bundle and the UI Kit pages, and every
 * resource is zipped and checked as the CLI checks it before an upload. These tests run it once and hold
 * what `forge deploy` needs:
 *  - the classes are where the script looks for them (an upgrade of @forge/cli or @forge/bundler that moves
 *    one fails here, naming it);
 *  - every handler of manifest.yml is an exported function of the Forge-built bundle;
 *  - every resource zip passes the CLI's own checks;
 *  - the Forge-built bundle, not the esbuild one, runs a smoke scenario in the local host: verify-token
 *    with a token made through a resolver, a resolver, the scheduled trigger.
 * Webpack takes a minute or more on two busy cores, hence the long timeout of the packaging run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startHost, type TestHost } from '../support/host';
import { extractZip, readZip } from './zip';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'forge-package.cjs');
const PACKAGING_TIMEOUT_MS = 15 * 60_000;
const run = promisify(execFile);

interface ForgeClass {
  name: string;
  module: string;
}
interface ForgePackageScript {
  FORGE_CLASSES: ForgeClass[];
  loadForgeClasses(list?: ForgeClass[]): Record<string, new (...args: unknown[]) => unknown>;
}
interface Summary {
  forge: { cli: string; bundler: string; webpack: string };
  handlers: string[];
  runtime: { zip: string; bytes: number };
  resources: Record<string, { zip: string; path: string; type: 'nativeUI' | 'customUI' }>;
}
interface Manifest {
  modules: { function: { key: string; handler: string }[] };
  resources: { key: string; path: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script, loaded as `npm run package` runs it
const script = require(SCRIPT) as ForgePackageScript;
const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

describe('the Forge CLI classes npm run package uses', () => {
  it('are all where scripts/forge-package.cjs looks for them in the installed @forge/cli and @forge/bundler', () => {
    // On a failure the thrown message names each moved class and the installed versions.
    expect(Object.keys(script.loadForgeClasses()).sort()).toEqual(script.FORGE_CLASSES.map((c) => c.name).sort());
  });

  it('fail with a message naming the class and the versions when an upgrade moved one', () => {
    const moved = [...script.FORGE_CLASSES, { name: 'AppPackagerMovedAway', module: '@forge/bundler' }];
    expect(() => script.loadForgeClasses(moved)).toThrow(/no longer provides AppPackagerMovedAway \(not exported by @forge\/bundler\)/);
    expect(() => script.loadForgeClasses(moved)).toThrow(/@forge\/cli@\d+\.\d+\.\d+, @forge\/bundler@\d+\.\d+\.\d+/);
  });
});

describe('npm run package', () => {
  let work: string;
  let summary: Summary;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'forge-package-'));
    const out = path.join(work, 'out');
    try {
      await run(process.execPath, [SCRIPT, '--out', out], { cwd: ROOT, timeout: PACKAGING_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run package failed, as \`forge deploy\` would:\n${stderr}\n${stdout}`);
    }
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
  }, PACKAGING_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('bundles with the pinned webpack, the one that keeps the UI Kit pages whole', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { overrides: Record<string, string> };
    expect(summary.forge.webpack).toBe(pkg.overrides.webpack);
  });

  it('exports every manifest handler as a function from the Forge-built runtime bundle', async () => {
    const dir = path.join(work, 'runtime');
    const files = extractZip(summary.runtime.zip, dir).map((file) => path.relative(dir, file));
    // What the runtime archive holds besides the bundle: the manifest and the dependency files.
    expect(files).toEqual(expect.arrayContaining(['manifest.yml', 'package.json', 'package-lock.json', '__forge__.cjs']));

    const handlers = manifest.modules.function.map((fn) => fn.handler);
    expect(summary.handlers.sort()).toEqual([...handlers].sort());
    const byFile = new Map<string, string[]>();
    for (const handler of handlers) {
      const [file, exportName] = handler.split('.');
      byFile.set(file, [...(byFile.get(file) ?? []), exportName]);
    }
    for (const [file, exportNames] of byFile) {
      expect(files).toContain(`${file}.cjs`);
      // In a plain Node process, as the Forge runtime loads it (not through Jest's module registry).
      const { stdout } = await run(process.execPath, [
        '-e',
        'const m = require(process.argv[1]); console.log(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]))))',
        path.join(dir, `${file}.cjs`),
      ]);
      const exported = JSON.parse(stdout) as Record<string, string>;
      expect(Object.fromEntries(exportNames.map((name) => [name, exported[name]]))).toEqual(
        Object.fromEntries(exportNames.map((name) => [name, 'function'])),
      );
    }
  });

  it('zips every resource of the manifest, and each zip passes the CLI checks', async () => {
    expect(Object.keys(summary.resources).sort()).toEqual(manifest.resources.map((r) => r.key).sort());
    const cli = script.loadForgeClasses();
    const { BridgeScriptService, IframeResizerScriptService } = cli as unknown as Record<string, new () => { [method: string]: (...args: unknown[]) => unknown }>;
    const bridgeTag = new BridgeScriptService().createBridgeCoreScriptTag() as string;
    const resizerTag = new IframeResizerScriptService().createIframeResizerScriptTag() as string;

    for (const [key, resource] of Object.entries(summary.resources)) {
      const files = readZip(resource.zip);
      const html = files.get('index.html')?.toString('utf8');
      expect({ key, hasIndexHtml: html !== undefined }).toEqual({ key, hasIndexHtml: true });
      const page = html ?? '';
      // The check that stopped `forge deploy` (issue 10): the page keeps its <html> root element.
      expect({ key, htmlRoot: /<html[\s>]/i.test(page) }).toEqual({ key, htmlRoot: true });
      // ResourcePackagingService injected the bridge and the iframe resizer, which it does only after its checks pass.
      expect({ key, bridge: page.includes(bridgeTag), resizer: page.includes(resizerTag) }).toEqual({ key, bridge: true, resizer: true });
      // Forge's default CSP allows no inline script or style: every script has a src, no <style>, no style="".
      const inlineScripts = [...page.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc=/i.test(m[1]));
      expect({ key, inlineScripts: inlineScripts.length, styleTags: /<style\b/i.test(page), styleAttributes: /\sstyle=/i.test(page) }).toEqual({
        key,
        inlineScripts: 0,
        styleTags: false,
        styleAttributes: false,
      });
      // Every file the page names is in the zip.
      for (const [, ref] of page.matchAll(/\s(?:src|href)="(?!https?:)\.?\/?([^"]+)"/gi)) {
        expect({ key, ref, inZip: files.has(ref) }).toEqual({ key, ref, inZip: true });
      }
    }
  });

  describe('the Forge-built runtime bundle in the local host', () => {
    let host: TestHost;
    type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

    beforeAll(async () => {
      const dir = path.join(work, 'host-runtime');
      extractZip(summary.runtime.zip, dir);
      jest.spyOn(console, 'info').mockImplementation(() => undefined);
      host = await startHost({ app: { manifestPath: path.join(ROOT, 'manifest.yml'), appEntry: path.join(dir, 'index.cjs') } });
    });

    afterAll(async () => {
      jest.restoreAllMocks();
      await host?.stop();
    });

    it('answers a resolver, verifies a token made through a resolver, and runs the scheduled trigger', async () => {
      const bootstrap = await host.invoke<Result<unknown>>('api-token-admin', 'admin/bootstrap', {});
      expect(bootstrap.ok).toBe(true);

      const created = await host.invoke<Result<{ secret: string; token: { id: string } }>>('api-token-admin', 'tokens/create', {
        description: 'Forge bundle smoke',
        scope: 'read-only',
        expiresAt: null,
        ownerAccountId: 'alice',
      });
      if (!created.ok) throw new Error(`tokens/create failed in the Forge-built bundle: ${created.error.code} ${created.error.message}`);
      const request = JSON.stringify({ method: 'GET', path: '/rest/api/3/myself' });
      const verify = (secret: string) =>
        host.webtrigger('verify-token', { headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: request });
      const valid = await verify(created.data.secret);
      expect({ status: valid.status, valid: valid.json().valid }).toEqual({ status: 200, valid: true });
      const wrong = await verify(`${created.data.secret.slice(0, -4)}AAAA`);
      expect({ status: wrong.status, valid: wrong.json().valid }).toEqual({ status: 401, valid: false });

      await host.resetStats();
      await host.runScheduled('daily-housekeeping');
      expect((await host.stats()).total).toBeGreaterThan(0);

      // Product calls made by the Forge-built bundle carry their catalog sentence too.
      const calls = await host.outbound();
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((call) => !call.headers['x-audit-log-description'])).toEqual([]);
    });
  });
});
