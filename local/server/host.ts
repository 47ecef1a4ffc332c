/**
 * Starts the local Forge host: reads the manifest, opens the store, installs the Forge globals
 * the SDK packages call, loads the app's handlers and serves HTTP on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { JiraSwitches } from '../jira/switches';
import { createProductBackend } from '../jira/product-backend';
import { OutboundLog } from '../jira/outbound-log';
import { loadManifest } from '../manifest';
import { advanceClock } from '../runtime/clock';
import { createEgressPolicy, parseLocalAllow } from '../runtime/egress';
import { installForgeGlobals } from '../runtime/forge-globals';
import { StorageEngine, type StoreLocation } from '../storage/engine';
import { createAppLoader } from './app-loader';
import { readAppModules } from './app-modules';
import { webTriggerUrlResponse } from './graphql';
import { currentAccountId, invocationContext } from './invocation';
import { Invoker } from './invoker';
import { PAGE_HANDLERS } from './pages';
import { QueueBroker } from './queues';
import { createRequestListener } from './router';
import type { HostParts, HostServices, StorageControls } from './services';

export interface LocalHostOptions {
  /** Project root; default: the working directory. */
  rootDir?: string;
  /** Default `<rootDir>/manifest.yml`; resource paths are relative to the manifest's folder. */
  manifestPath?: string;
  /**
   * The module `handler: index.x` refers to. Default: `src/index.ts` under Jest (ts-jest
   * transforms it), otherwise the esbuild bundle `local/dist/app/index.js`.
   */
  appEntry?: string;
  /** Built UI Kit page bundles (`<resource-key>.js`); default `<rootDir>/local/dist/pages`. */
  pagesDir?: string;
  store?: StoreLocation;
  latencyMs?: number;
  failRate?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Multiplies async event delays and retry waits (default `LOCAL_QUEUE_TIME_SCALE` or 1). */
  queueTimeScale?: number;
  /** `host:port` entries app code may fetch besides the manifest's egress; default `LOCAL_EGRESS_ALLOW`. */
  egressAllow?: string[];
  hostname?: string;
}

export interface LocalHost extends HostParts {
  url: string;
  port: number;
  webTriggerUrl(key: string): string;
  pageUrl(moduleKey: string): string;
  stop(): Promise<void>;
}

function defaultAppEntry(rootDir: string): string {
  return process.env.JEST_WORKER_ID !== undefined
    ? path.join(rootDir, 'src', 'index.ts')
    : path.join(rootDir, 'local', 'dist', 'app', 'index.js');
}

function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const manifestPath = path.resolve(rootDir, options.manifestPath ?? 'manifest.yml');
  const manifest = loadManifest(manifestPath);
  const modules = readAppModules(manifest);
  const outbound = new OutboundLog();
  const jira = new JiraSwitches();
  const engine = new StorageEngine({
    entities: manifest.entities,
    store: options.store ?? 'memory',
    latencyMs: options.latencyMs ?? 0,
    failRate: options.failRate ?? 0,
  });
  const storage: StorageControls = {
    stats: () => engine.getStats(),
    resetStats: () => engine.resetStats(),
    setLatency: (ms) => engine.setLatency(ms),
    setFailRate: (rate) => engine.setFailRate(rate),
    inspect: (prefix) => engine.inspect(prefix),
    direct: (operation, body) => engine.direct(operation, body),
  };

  let baseUrl = '';
  // The broker needs the invoker, which needs the globals installed first.
  const late: { broker?: QueueBroker } = {};
  installForgeGlobals(
    {
      storage: engine,
      product: createProductBackend({ log: outbound, invocationAccountId: currentAccountId, switches: jira }),
      graphql: async (body) => webTriggerUrlResponse(body, modules, () => baseUrl),
      queue: async (queuePath, init) => (late.broker ? late.broker.handle(queuePath, init) : Response.json({ errorMessage: 'The host is starting.' }, { status: 503 })),
    },
    {
      scopes: manifest.scopes,
      appCodeDir: path.dirname(manifestPath),
      hostContext: invocationContext(manifest.appId, {}),
      egress: createEgressPolicy(manifest.egressBackend, options.egressAllow ?? parseLocalAllow(process.env.LOCAL_EGRESS_ALLOW)),
    },
  );

  const invoker = new Invoker(modules, createAppLoader(modules, options.appEntry ?? defaultAppEntry(rootDir)));
  const queues = new QueueBroker(modules, invoker, options.queueTimeScale ?? Number(process.env.LOCAL_QUEUE_TIME_SCALE ?? 1));
  late.broker = queues;
  const parts: HostParts = { modules, invoker, outbound, jira, storage, queues };
  const services: HostServices = {
    ...parts,
    rootDir,
    manifestDir: path.dirname(manifestPath),
    advanceClock,
    baseUrl: () => baseUrl,
    pagesDir: options.pagesDir ?? path.join(rootDir, 'local', 'dist', 'pages'),
    distDir: path.join(rootDir, 'local', 'dist'),
  };
  const server = createServer(createRequestListener(services, PAGE_HANDLERS));
  const hostname = options.hostname ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, hostname);
  } catch (error) {
    engine.close(); // e.g. EADDRINUSE: release the store for the next attempt
    throw error;
  }
  baseUrl = `http://${hostname}:${port}`;

  return {
    ...parts,
    url: baseUrl,
    port,
    webTriggerUrl: (key) => `${baseUrl}/x1/${encodeURIComponent(key)}`,
    pageUrl: (moduleKey) => `${baseUrl}/pages/${encodeURIComponent(moduleKey)}`,
    async stop() {
      queues.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      engine.close();
    },
  };
}
