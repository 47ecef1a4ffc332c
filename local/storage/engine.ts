/**
 * The storage engine the local host puts behind `@forge/kvs`: routes each request path to its
 * handler, commits the handler's mutations (log first, then memory), and adds the switches tests
 * and benchmarks need: latency, injected failures and call statistics.
 *
 * Atomicity: after the optional latency delay, a request runs to completion synchronously —
 * validation, condition checks, the log write and the in-memory apply — so no other request can
 * interleave. The JavaScript event loop is the single lock every request passes through; that is
 * what makes 50 concurrent conditional writers produce exactly one winner.
 */
import type { EntityDefinition } from '../manifest';
import { batchHandlers } from './batch-ops';
import { badRequest, internalError, StorageError } from './errors';
import { itemHandlers } from './item-ops';
import type { OperationHandler } from './operation';
import { StorePersistence } from './persistence';
import { queryHandlers } from './query-ops';
import { seededRandom } from './rng';
import { StatsCounter, type StorageStats } from './stats';
import { isExpired, StoreState, type Mutation } from './store-state';
import { transactionHandlers } from './transaction-ops';

export interface StorageResponse {
  status: number;
  /** JSON body; `undefined` means an empty body. */
  body?: unknown;
}

/** What the runtime bridge needs from a storage backend. */
export interface StorageEngineLike {
  handle(path: string, body: unknown): Promise<StorageResponse>;
}

export type StoreLocation = 'memory' | { dir: string };

export interface StorageEngineOptions {
  entities: readonly EntityDefinition[];
  /** Default: memory. */
  store?: StoreLocation;
  /** Epoch milliseconds; TTL uses it. Default: `Date.now()` (which the local clock can shift). */
  now?: () => number;
  latencyMs?: number;
  failRate?: number;
  /** Seed of the fault-injection random source. Default 1. */
  seed?: number;
  fsync?: boolean;
  compactAfterBytes?: number;
  /** How often expired items are removed in the background; 0 turns the timer off. Default 60 s. */
  sweepIntervalMs?: number;
}

const HANDLERS: Record<string, OperationHandler> = {
  ...itemHandlers,
  ...queryHandlers,
  ...batchHandlers,
  ...transactionHandlers,
};

/** `/api/v1/entity/get` → `entity.get`; the operation names of the statistics. */
export function operationName(path: string): string {
  const cached = operationNames.get(path);
  if (cached !== undefined) return cached;
  const bare = path.split('?')[0].replace(/^\/+/, '').replace(/^api\//, '').replace(/^v1\//, '');
  const name = bare.replace(/\/+$/, '').split('/').join('.');
  if (operationNames.size < 1000) operationNames.set(path, name);
  return name;
}

const operationNames = new Map<string, string>();

/** Defaults from `LOCAL_STORE` (`memory` or a directory; default `.local/store`), `LOCAL_STORAGE_LATENCY_MS`, `LOCAL_STORAGE_FAIL_RATE`. */
export function storageOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Required<Pick<StorageEngineOptions, 'store' | 'latencyMs' | 'failRate'>> {
  const store = env.LOCAL_STORE === 'memory' ? 'memory' : { dir: env.LOCAL_STORE || '.local/store' };
  const latencyMs = Number(env.LOCAL_STORAGE_LATENCY_MS ?? 0);
  const failRate = Number(env.LOCAL_STORAGE_FAIL_RATE ?? 0);
  return {
    store,
    latencyMs: Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0,
    failRate: Number.isFinite(failRate) ? Math.min(Math.max(failRate, 0), 1) : 0,
  };
}

/**
 * Waits `ms` as closely as the event loop allows. A bare `setTimeout` fires up to a millisecond late
 * (timer granularity, a busy loop), which would add ~4% to every emulated 25 ms round trip; the last
 * stretch is waited out in `setImmediate` turns, which still let other requests run.
 */
export async function emulatedDelay(ms: number): Promise<void> {
  const end = performance.now() + ms;
  const coarse = ms - 2;
  if (coarse > 0) await new Promise((resolve) => setTimeout(resolve, coarse));
  while (performance.now() < end) await new Promise((resolve) => setImmediate(resolve));
}

function handlerOf(path: string): OperationHandler | undefined {
  const operation = operationName(path);
  return Object.prototype.hasOwnProperty.call(HANDLERS, operation) ? HANDLERS[operation] : undefined;
}

function unknownOperation(path: string): StorageResponse {
  return errorResponse(badRequest(`Unknown storage operation ${path}`));
}

export class StorageEngine implements StorageEngineLike {
  private readonly state: StoreState;
  private readonly persistence: StorePersistence | undefined;
  private readonly now: () => number;
  private readonly stats = new StatsCounter();
  private latencyMs: number;
  private failRate: number;
  private random: () => number;
  private sweepTimer: NodeJS.Timeout | undefined;

  /** Opens the store (replaying its directory when persistent). */
  constructor(options: StorageEngineOptions) {
    this.state = new StoreState(options.entities);
    this.now = options.now ?? ((): number => Date.now());
    this.latencyMs = 0;
    this.failRate = 0;
    this.random = seededRandom(options.seed ?? 1);
    this.setLatency(options.latencyMs ?? 0);
    this.setFailRate(options.failRate ?? 0);
    const store = options.store ?? 'memory';
    if (store !== 'memory') {
      this.persistence = new StorePersistence({
        dir: store.dir,
        fsync: options.fsync,
        compactAfterBytes: options.compactAfterBytes,
      });
      this.persistence.open((mutations) => this.state.apply(mutations));
      if (this.persistence.shouldCompact()) this.persistence.compact(this.state.entries());
    }
    const sweepMs = options.sweepIntervalMs ?? 60_000;
    if (sweepMs > 0) {
      this.sweepTimer = setInterval(() => this.sweepExpired(), sweepMs);
      this.sweepTimer.unref();
    }
  }

  /**
   * Every live item whose key starts with `prefix`, read directly (the host's `GET /api/store`):
   * not an SDK request, so not counted, delayed or failed.
   */
  inspect(prefix: string): Array<{ ns: string; key: string; value: unknown }> {
    const now = this.now();
    const found: Array<{ ns: string; key: string; value: unknown }> = [];
    for (const { ns, key, item } of this.state.entries()) {
      if (item && key.startsWith(prefix) && !isExpired(item, now)) found.push({ ns, key, value: item.value });
    }
    return found.sort((a, b) => (a.ns === b.ns ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.ns < b.ns ? -1 : 1));
  }

  /**
   * Runs one storage operation behind the app's back (the host's `PUT /api/store`): the same
   * validation, indexes and persistence as an SDK request, without counting it, its latency or
   * injected failures.
   */
  direct(path: string, body: unknown): StorageResponse {
    const handler = handlerOf(path);
    return handler ? this.execute(handler, body) : unknownOperation(path);
  }

  /** One operation against the state; nothing awaits, so it is atomic with respect to all others. */
  private execute(handler: OperationHandler, body: unknown): StorageResponse {
    try {
      const result = handler({ state: this.state, now: this.now() }, body);
      if (result.mutations.length > 0) this.commit(result.mutations);
      return { status: result.status, body: result.body };
    } catch (error) {
      if (error instanceof StorageError) return errorResponse(error);
      return errorResponse(internalError(error instanceof Error ? error.message : String(error)));
    }
  }

  async handle(path: string, body: unknown): Promise<StorageResponse> {
    const handler = handlerOf(path);
    if (!handler) return unknownOperation(path);
    this.stats.count(operationName(path));
    if (this.latencyMs > 0) await emulatedDelay(this.latencyMs);
    if (this.failRate > 0 && this.random() < this.failRate) {
      return errorResponse(internalError('Injected storage failure (LOCAL_STORAGE_FAIL_RATE)'));
    }
    return this.execute(handler, body);
  }

  setLatency(ms: number): void {
    this.latencyMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  /** Fraction (0..1) of calls answered with a 500; a seed makes the sequence of failures repeatable. */
  setFailRate(rate: number, seed?: number): void {
    this.failRate = Number.isFinite(rate) ? Math.min(Math.max(rate, 0), 1) : 0;
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  getStats(): StorageStats {
    return this.stats.snapshot();
  }

  resetStats(): void {
    this.stats.reset();
  }

  /** Number of stored items, expired or not yet swept included. */
  get itemCount(): number {
    return this.state.itemCount;
  }

  /** Removes items whose TTL has passed (they already behave as absent); returns how many. */
  sweepExpired(): number {
    const expired = this.state.expiredMutations(this.now());
    if (expired.length > 0) this.commit(expired);
    return expired.length;
  }

  /** Folds the log into a fresh snapshot now (persistent stores only). */
  compact(): void {
    this.persistence?.compact(this.state.entries());
  }

  close(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.persistence?.close();
  }

  private commit(mutations: Mutation[]): void {
    // Log before memory: if the write fails, the request fails and memory is untouched.
    this.persistence?.append(mutations);
    this.state.apply(mutations);
    if (this.persistence?.shouldCompact()) this.persistence.compact(this.state.entries());
  }
}

function errorResponse(error: StorageError): StorageResponse {
  return { status: error.status, body: { code: error.code, message: error.message } };
}
