/**
 * Audit search cost (docs/performance.md): storage calls and wall time of one `audit/search` page (50
 * events) at 10k, 100k and 1M stored events, for each kind of filter, at 25 ms per storage call.
 * The figures must not grow with the number of events: every filter is answered from an index.
 *
 * Events are loaded through `@forge/kvs` batch writes (25 per call, the platform's limit) with no
 * emulated latency; each filter keeps the same selectivity at every size, so the rows compare.
 */
import { kvs } from '@forge/kvs';
import { ENTITY } from '../../src/adapters/kvs/names';
import { buildEvent } from '../../src/domain/audit/build-event';
import type { AuditActionId } from '../../src/domain/audit/model';
import { toRow, type AuditEventRow } from '../../src/domain/audit/row';
import type { AuditSearchPayload } from '../../src/shared/resolvers';
import type { BenchContext, BenchRow } from '../harness';

/** `AUDIT_BENCH_SIZES=10000,100000` runs fewer sizes (a quick look); the default is the docs/performance.md set. */
const SIZES = (process.env.AUDIT_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const EMULATED_MS = 25;
const PAGE = 50;
const BATCH = 25;
const IN_FLIGHT = 16;
/** One event every 10 s: a million span 116 days, inside the default 180-day retention. */
const SPACING_MS = 10_000;

const ACTIONS: AuditActionId[] = ['authSucceeded', 'tokenCreated', 'authFailed', 'appApiCall', 'permissionDenied', 'auditSettingsChanged'];
const USERS = 20;
const TOKENS = 100;
const BOTS = 5;

const QUERIES: Array<{ name: string; payload: AuditSearchPayload; selectivity: string }> = [
  { name: 'time only', payload: {}, selectivity: 'all' },
  { name: 'category', payload: { categories: ['Authentication'] }, selectivity: '1/2' },
  { name: 'author', payload: { authors: ['user-7'] }, selectivity: `1/${USERS}` },
  { name: 'affected object', payload: { affectedObject: { type: 'API token', id: 'tok-42' } }, selectivity: `1/${TOKENS}` },
  { name: 'author + category', payload: { authors: ['user-7'], categories: ['Token management'] }, selectivity: `1/${USERS * ACTIONS.length}` },
  { name: 'free text', payload: { search: 'bot-3' }, selectivity: `1/${BOTS}` },
];

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function row(i: number, newest: number): AuditEventRow {
  return toRow(
    buildEvent(
      {
        action: ACTIONS[i % ACTIONS.length],
        author: { id: `user-${i % USERS}`, name: `User ${i % USERS}`, type: 'user' },
        affectedObjects: [
          { type: 'API token', id: `tok-${i % TOKENS}`, name: `Deploy bot-${i % BOTS}` },
          { type: 'user', id: `user-${(i + 3) % USERS}`, name: 'Owner' },
        ],
        extraAttributes: [{ name: 'Request path', value: `/rest/api/3/issue/B-${i}` }],
        source: '198.51.100.7',
        method: 'Web trigger',
      },
      { id: `bench-${String(i).padStart(7, '0')}`, now: newest - i * SPACING_MS, system: 'bench' },
    ),
  );
}

/** Writes events `from` .. `to - 1` (older as i grows), 25 per batch, several batches in flight. */
async function load(from: number, to: number, newest: number): Promise<void> {
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + BATCH);
      const items = [];
      for (let i = start; i < next; i += 1) {
        const value = row(i, newest);
        items.push({ entityName: ENTITY.auditEvent, key: value.event.id, value });
      }
      const result = await kvs.batchSet(items);
      if (result.failedKeys.length > 0) throw new Error(`bench load failed: ${result.failedKeys[0].error.message}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

export async function rows(ctx: BenchContext): Promise<BenchRow[]> {
  const { host } = ctx;
  const out: BenchRow[] = [];
  const newest = Date.now() - 1000;
  let loaded = 0;
  for (const size of SIZES) {
    host.setLatency(0);
    const started = performance.now();
    await load(loaded, size, newest);
    loaded = size;
    const loadSeconds = (performance.now() - started) / 1000;
    // Loading keeps the event loop busy for seconds; let the overdue keep-alive timers close the
    // idle HTTP connection now, or the next invoke may be written to a socket the host just closed.
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const query of QUERIES) {
      const search = () => host.invoke<Result<{ entities: unknown[] }>>('audit-log', 'audit/search', { ...query.payload, limit: PAGE });
      // The same page without emulated latency: what the invocation costs besides storage.
      host.setLatency(0);
      const baseline = await ctx.measure(search, { iterations: 20, warmup: 2 });
      host.setLatency(EMULATED_MS);
      const measured = await ctx.measure(search, { iterations: 20, warmup: 2 });
      const last = measured.last as Result<{ entities: unknown[] }>;
      const got = last.ok ? `${last.data.entities.length} events` : `ERROR ${last.error.code}`;
      out.push({
        measure: `audit search page: ${query.name}`,
        setting: `${size.toLocaleString('en-US')} events, ${EMULATED_MS} ms`,
        storageCalls: measured.storageCallsPerOp,
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        notes:
          `${got} of ${PAGE}, selectivity ${query.selectivity}; p50 at 0 ms ${baseline.p50Ms.toFixed(1)}; ` +
          `docs/performance.md bound ${(measured.storageCallsPerOp * EMULATED_MS * 1.1).toFixed(1)} ms` +
          `${query === QUERIES[0] ? `; loaded in ${loadSeconds.toFixed(1)} s` : ''}`,
      });
    }
  }
  host.setLatency(0);
  return out;
}
