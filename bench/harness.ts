/**
 * The benchmark harness behind `npm run bench`: starts the local host (memory store) running the
 * built app, hands each row provider a context to drive it, and prints one markdown table.
 * Row providers are the files of bench/rows/ (built to local/dist/bench/rows/); each exports
 * `rows(ctx)`. Wall times are measured here and only reported, never asserted.
 */
import { existsSync, readdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { advanceClock, resetClock } from '../local/runtime/clock';
import { startLocalHost, type LocalHost } from '../local/server/host';

export interface BenchRow {
  measure: string;
  setting: string;
  /** Storage calls per operation (mean over the measured iterations). */
  storageCalls: number;
  p50Ms: number;
  p99Ms: number;
  notes?: string;
}

export interface HttpReply {
  status: number;
  body: string;
}

export interface BenchHost {
  url: string;
  invoke<T = unknown>(moduleKey: string, functionKey: string, payload?: unknown, opts?: { accountId?: string }): Promise<T>;
  webtrigger(key: string, req?: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<HttpReply>;
  webtriggerUrl(key: string): string;
  /** How many times the web trigger's function ran: the platform's invocation count. */
  webtriggerInvocations(key: string): number;
  runScheduled(key: string): Promise<void>;
  stats(): { storage: Record<string, number>; total: number };
  resetStats(): void;
  setLatency(ms: number): void;
  setFailRate(rate: number): void;
  advanceClock(ms: number): void;
}

export interface Measurement {
  iterations: number;
  p50Ms: number;
  p99Ms: number;
  storageCallsPerOp: number;
  /** What the last iteration returned, so a row can check it measured the intended path. */
  last: unknown;
}

export interface MeasureOptions {
  iterations?: number;
  /** Unmeasured runs first (JIT, caches); default 5. */
  warmup?: number;
}

export interface BenchContext {
  host: BenchHost;
  measure(operation: () => Promise<unknown>, options?: MeasureOptions): Promise<Measurement>;
}

export type RowProvider = (ctx: BenchContext) => Promise<BenchRow[]>;

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * One HTTP exchange with the host over a keep-alive connection. node:http rather than fetch: undici's
 * fetch costs about a millisecond more per request in this process, which is the client's cost, not
 * the app's, and would blur the latency rows.
 */
function exchange(agent: Agent, url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const sent = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(url, { method, headers: sent, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function benchHost(host: LocalHost, agent: Agent): BenchHost {
  return {
    url: host.url,
    async invoke<T>(moduleKey: string, functionKey: string, payload?: unknown, opts: { accountId?: string } = {}): Promise<T> {
      const reply = await exchange(
        agent,
        `${host.url}/api/invoke`,
        'POST',
        { 'content-type': 'application/json', 'x-local-account-id': opts.accountId ?? 'local-admin' },
        JSON.stringify({ moduleKey, functionKey, payload }),
      );
      if (reply.status !== 200) throw new Error(`invoke ${moduleKey}/${functionKey}: HTTP ${reply.status} ${reply.body}`);
      return JSON.parse(reply.body) as T;
    },
    webtrigger(key, req = {}) {
      return exchange(agent, `${host.webTriggerUrl(key)}${req.path ?? ''}`, req.method ?? 'POST', req.headers ?? {}, req.body);
    },
    webtriggerUrl: (key) => host.webTriggerUrl(key),
    webtriggerInvocations: (key) => host.invoker.webTriggerInvocations(key),
    async runScheduled(key) {
      await host.invoker.scheduled(key);
    },
    stats: () => host.storage.stats(),
    resetStats: () => host.storage.resetStats(),
    setLatency: (ms) => host.storage.setLatency(ms),
    setFailRate: (rate) => host.storage.setFailRate(rate),
    advanceClock,
  };
}

function context(host: BenchHost): BenchContext {
  return {
    host,
    async measure(operation, options = {}) {
      const iterations = options.iterations ?? 50;
      for (let i = 0; i < (options.warmup ?? 5); i += 1) await operation();
      host.resetStats();
      const samples: number[] = [];
      let last: unknown;
      for (let i = 0; i < iterations; i += 1) {
        const started = performance.now();
        last = await operation();
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      return { iterations, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), storageCallsPerOp: host.stats().total / iterations, last };
    },
  };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['measure', 'setting', 'storage calls', 'p50 ms', 'p99 ms', 'notes'];
  const cells = rows.map((row) => [row.measure, row.setting, formatNumber(row.storageCalls), formatNumber(row.p50Ms), formatNumber(row.p99Ms), row.notes ?? '']);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/**
 * Row providers built next to this file (local/dist/bench/rows/*.js) whose source still exists, in name
 * order; `BENCH_ROWS=audit-search,pages` keeps only the named ones.
 */
function rowProviders(): Array<{ name: string; rows: RowProvider }> {
  const dir = path.join(__dirname, 'rows');
  const wanted = process.env.BENCH_ROWS ? new Set(process.env.BENCH_ROWS.split(',').map((name) => name.trim())) : null;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') && existsSync(path.join(ROOT, 'bench', 'rows', name.replace(/\.js$/, '.ts'))))
    .filter((name) => wanted === null || wanted.has(name.replace(/\.js$/, '')))
    .sort()
    .map((name) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- providers are discovered at run time
      const loaded = require(path.join(dir, name)) as { rows?: RowProvider };
      if (typeof loaded.rows !== 'function') throw new Error(`bench/rows/${name} does not export rows(ctx)`);
      return { name: name.replace(/\.js$/, ''), rows: loaded.rows };
    });
}

/** The app logs every verification; thousands of lines would bury the table, so they are counted instead. */
function muteAppLogs(): { count: () => number; restore: () => void } {
  const methods = ['log', 'info', 'warn', 'debug'] as const;
  const saved = methods.map((method) => console[method]);
  let lines = 0;
  for (const method of methods) console[method] = (): void => void (lines += 1);
  return {
    count: () => lines,
    restore: () => methods.forEach((method, index) => (console[method] = saved[index] ?? console[method])),
  };
}

/** Runs every provider against its own fresh host and returns all rows. */
export async function runBench(log: (line: string) => void = () => undefined): Promise<BenchRow[]> {
  const all: BenchRow[] = [];
  for (const provider of rowProviders()) {
    resetClock();
    const host = await startLocalHost({ rootDir: ROOT, appEntry: path.join(ROOT, 'local', 'dist', 'app', 'index.js'), store: 'memory' });
    const started = performance.now();
    const logs = muteAppLogs();
    const agent = new Agent({ keepAlive: true });
    try {
      all.push(...(await provider.rows(context(benchHost(host, agent)))));
    } finally {
      logs.restore();
      agent.destroy();
      await host.stop();
    }
    log(`bench: ${provider.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s (${logs.count()} app log lines muted)`);
  }
  return all;
}
