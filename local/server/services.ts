/** What the HTTP routes work with: one object per running host. */
import type { JiraSwitches } from '../jira/switches';
import type { OutboundLog } from '../jira/outbound-log';
import type { StorageStats } from '../storage/stats';
import type { AppModules } from './app-modules';
import type { Invoker } from './invoker';
import type { QueueBroker } from './queues';

/** The storage engine's test and benchmark switches, as the routes use them. */
export interface StorageControls {
  stats(): StorageStats;
  resetStats(): void;
  setLatency(ms: number): void;
  setFailRate(rate: number): void;
  /** Live items whose key starts with `prefix` (`GET /api/store`). */
  inspect(prefix: string): Array<{ ns: string; key: string; value: unknown }>;
  /** One storage operation behind the app's back (`PUT /api/store`). */
  direct(path: string, body: unknown): { status: number; body?: unknown };
}

/** The running parts of a host: what its HTTP routes and its owner (tests, benches, the CLI) both reach. */
export interface HostParts {
  modules: AppModules;
  invoker: Invoker;
  outbound: OutboundLog;
  /** Test-only latency and canned failures for product calls. */
  jira: JiraSwitches;
  storage: StorageControls;
  queues: QueueBroker;
}

export interface HostServices extends HostParts {
  rootDir: string;
  /** Resource paths in the manifest are relative to this folder. */
  manifestDir: string;
  advanceClock(ms: number): void;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
  /** Built UI Kit page bundles, `<resource-key>.js`. */
  pagesDir: string;
  /** Where `local/build.mjs` puts its output (`preview/renderer.js` among it). */
  distDir: string;
}
