/**
 * The local host for tests: a real HTTP server in the Jest process on an ephemeral port, running
 * the app's real handlers from manifest.yml against the real @forge/* SDK packages.
 * Each call to startHost installs the Forge globals afresh, so test files (and restarts within
 * one file, for persistence tests) each get their own host; stop() one before starting the next.
 */
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import type { JiraFault } from '../../local/jira/switches';
import type { OutboundCall } from '../../local/jira/outbound-log';
import { advanceClock, resetClock } from '../../local/runtime/clock';
import { startLocalHost } from '../../local/server/host';
import { recordOutboundForSuite } from './outbound-check';

const ROOT = path.resolve(__dirname, '..', '..');

export interface StartHostOptions {
  store?: 'memory' | { dir: string };
  latencyMs?: number;
  failRate?: number;
  port?: number;
  /** Another app than the product (the host's own tests use test/fixtures/app). */
  app?: { manifestPath: string; appEntry: string; pagesDir?: string };
}

export interface WebTriggerCall {
  method?: string;
  /** Extra path after `/x1/<key>` (the platform's `userPath`), e.g. `/events`. */
  path?: string;
  headers?: Record<string, string | string[]>;
  query?: Record<string, string | string[]>;
  body?: string;
  /**
   * The loopback address to connect from (default 127.0.0.1). The host appends it to
   * `X-Forwarded-For` as the platform's edge does, so a test can play a trusted gateway
   * (127.0.0.2, see test/integration/support/verification.ts) or a direct caller.
   */
  from?: string;
}

export interface WebTriggerReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience, as the contract says
  json<T = any>(): T;
}

export type RecordedCall = Pick<OutboundCall, 'descriptor' | 'method' | 'path' | 'headers' | 'status'> & Partial<OutboundCall>;

export interface TestHost {
  url: string;
  invoke<T = unknown>(moduleKey: string, functionKey: string, payload?: unknown, opts?: { accountId?: string }): Promise<T>;
  webtrigger(key: string, req?: WebTriggerCall): Promise<WebTriggerReply>;
  webtriggerUrl(key: string): string;
  /** How many times the web trigger's function ran (the platform's invocation count). */
  webtriggerInvocations(key: string): number;
  runScheduled(key: string): Promise<void>;
  stats(): Promise<{ storage: Record<string, number>; total: number }>;
  resetStats(): Promise<void>;
  outbound(): Promise<RecordedCall[]>;
  setLatency(ms: number): void;
  setFailRate(rate: number): void;
  /** The next product calls get a canned failure (see local/jira/switches.ts); null clears it. */
  setJiraFault(fault: JiraFault | null): void;
  /** Delay before every product call is answered. */
  setJiraLatency(ms: number): void;
  /** Deactivates (false) or reactivates (true) a local person in the Jira stand-in. */
  setAccountActive(accountId: string, active: boolean): Promise<void>;
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

/** The fixture app under test/fixtures/app, for tests of the host itself. */
export const FIXTURE_APP = {
  manifestPath: path.join(ROOT, 'test', 'fixtures', 'app', 'manifest.yml'),
  appEntry: path.join(ROOT, 'test', 'fixtures', 'app', 'src', 'index.ts'),
  pagesDir: path.join(ROOT, 'local', 'dist', 'fixtures', 'app', 'pages'),
};

class HostCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message} (HTTP ${status})`);
    this.name = 'HostCallError';
  }
}

async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string };
    throw new HostCallError(response.status, error.code ?? 'HOST_ERROR', error.message ?? text);
  }
  return body as T;
}

/** Over node:http rather than fetch, so that repeated headers stay separate lines on the wire. */
function sendRaw(url: URL, method: string, headers: Record<string, string | string[]>, body: string | undefined, from?: string): Promise<WebTriggerReply> {
  return new Promise((resolve, reject) => {
    // Node frames a body only for methods that have one by default; say its length so that a GET
    // or DELETE with a body reaches the host whole, as any HTTP client would send it.
    const framed = Object.keys(headers).some((name) => ['content-length', 'transfer-encoding'].includes(name.toLowerCase()));
    const sent = body === undefined || framed ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(url, { method, headers: sent, ...(from ? { localAddress: from } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: flat, body: text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Registers the `beforeAll` that starts a host and the `afterAll` that stops it, in the describe
 * block (or file) it is called in, and returns that host: every call on it goes to the host the
 * `beforeAll` started (a test file restarting its host calls startHost itself instead).
 */
export function useHost(options: StartHostOptions = {}): TestHost {
  let started: TestHost | undefined;
  beforeAll(async () => {
    started = await startHost(options);
  });
  afterAll(async () => {
    await started?.stop();
    started = undefined;
  });
  return new Proxy({} as TestHost, {
    get(_target, name) {
      if (started === undefined) throw new Error(`host.${String(name)}: the host is not started; use it in a test or a beforeAll after useHost's`);
      return Reflect.get(started, name) as unknown;
    },
  });
}

export async function startHost(options: StartHostOptions = {}): Promise<TestHost> {
  // A fresh host starts at real time; a clock moved by an earlier host does not leak into it.
  resetClock();
  const host = await startLocalHost({
    rootDir: ROOT,
    store: options.store ?? 'memory',
    latencyMs: options.latencyMs ?? 0,
    failRate: options.failRate ?? 0,
    port: options.port ?? 0,
    ...(options.app ?? { appEntry: path.join(ROOT, 'src', 'index.ts') }),
  });

  return {
    url: host.url,
    invoke: <T>(moduleKey: string, functionKey: string, payload?: unknown, opts: { accountId?: string } = {}) =>
      api<T>(`${host.url}/api/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-account-id': opts.accountId ?? 'local-admin' },
        body: JSON.stringify({ moduleKey, functionKey, payload }),
      }),
    webtrigger(key, req = {}) {
      const url = new URL(`${host.webTriggerUrl(key)}${req.path ?? ''}`);
      for (const [name, values] of Object.entries(req.query ?? {})) {
        for (const value of Array.isArray(values) ? values : [values]) url.searchParams.append(name, value);
      }
      return sendRaw(url, req.method ?? 'POST', req.headers ?? {}, req.body, req.from);
    },
    webtriggerUrl: (key) => host.webTriggerUrl(key),
    webtriggerInvocations: (key) => host.invoker.webTriggerInvocations(key),
    runScheduled: async (key) => {
      await api(`${host.url}/api/scheduled/${encodeURIComponent(key)}`, { method: 'POST' });
    },
    stats: () => api(`${host.url}/api/stats`),
    resetStats: async () => {
      await api(`${host.url}/api/stats/reset`, { method: 'POST' });
    },
    outbound: () => api(`${host.url}/api/outbound`),
    setLatency: (ms) => host.storage.setLatency(ms),
    setFailRate: (rate) => host.storage.setFailRate(rate),
    setJiraFault: (fault) => host.jira.setFault(fault),
    setJiraLatency: (ms) => host.jira.setLatency(ms),
    setAccountActive: async (accountId, active) => {
      await api(`${host.url}/api/accounts/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId, active }),
      });
    },
    advanceClock: (ms) => advanceClock(ms),
    async stop() {
      // The product's calls feed the suite-wide catalog check (test/support/outbound-check.ts);
      // other apps (the host's own fixture) send whatever headers their tests need.
      if (!options.app) recordOutboundForSuite(host.outbound.list());
      await host.stop();
    },
  };
}
