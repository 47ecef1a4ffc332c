/**
 * SIEM streaming (product.md §9, §12): throughput of a backlog delivered to one healthy receiver,
 * and the lag of a new event (stored → received) when a run is started for it, both with 25 ms
 * emulated per storage call. The receiver is a local HTTP server let through egress by
 * LOCAL_EGRESS_ALLOW (set when this file loads, before the bench starts the host).
 */
import { createServer } from 'node:http';
import { kvs } from '@forge/kvs';
import { ENTITY } from '../../src/adapters/storage-names';
import { buildEvent } from '../../src/domain/audit/build-event';
import { toRow } from '../../src/domain/audit/row';
import type { BenchContext, BenchRow } from '../harness';

const PORT = Number(process.env.BENCH_SIEM_PORT ?? 18_088);
process.env.LOCAL_EGRESS_ALLOW = [process.env.LOCAL_EGRESS_ALLOW, `127.0.0.1:${PORT}`].filter(Boolean).join(',');

const BACKLOG = 3_000;
const LATENCY_MS = 25;

async function seed(count: number, newest: number): Promise<void> {
  for (let i = 0; i < count; i += 25) {
    const entries = [];
    for (let k = i; k < Math.min(count, i + 25); k += 1) {
      const event = buildEvent(
        { action: 'authSucceeded', author: { id: 'alice', name: 'alice', type: 'user' }, affectedObjects: [{ type: 'API token', id: `tok-${k % 7}`, name: 'bench' }], method: 'Web trigger' },
        { id: `bench-${String(k).padStart(7, '0')}`, now: newest - (count - k) * 10, system: 'bench' },
      );
      entries.push({ entityName: ENTITY.auditEvent, key: event.id, value: toRow(event) });
    }
    await kvs.batchSet(entries);
  }
}

export async function rows(ctx: BenchContext): Promise<BenchRow[]> {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const at = performance.now();
      for (const line of body.split('\n')) if (line) received.set((JSON.parse(line) as { event: { id: string } }).event.id, at);
      res.end('{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  const drain = (): Promise<Response> => fetch(`${ctx.host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 600_000 }) });
  try {
    await seed(BACKLOG, Date.now() - 10_000);
    ctx.host.setLatency(LATENCY_MS);
    ctx.host.resetStats();
    const started = performance.now();
    const saved = await ctx.host.invoke<{ ok: boolean; error?: { message: string } }>('api-token-admin', 'destinations/save', {
      destination: { kind: 'splunk-hec', name: 'bench', url: `http://127.0.0.1:${PORT}`, credential: 'bench-token' },
    });
    if (!saved.ok) throw new Error(`destinations/save: ${saved.error?.message}`);
    await drain();
    const backlogMs = Math.max(...[...received.values()]) - started;
    const delivered = [...received.keys()].filter((id) => id.startsWith('bench-')).length;
    const calls = ctx.host.stats().total;
    const perMinute = Math.round((delivered / backlogMs) * 60_000);

    // Lag: a new event, stored now; the run the scheduled tick starts (every 5 min) or a save/resume starts.
    const lags: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const id = `lag-${i}`;
      const event = buildEvent({ action: 'authSucceeded', author: { id: 'bob', name: 'bob', type: 'user' }, method: 'Web trigger' }, { id, now: Date.now(), system: 'bench' });
      const stored = performance.now();
      await kvs.entity(ENTITY.auditEvent).set(id, toRow(event));
      // Delivery leaves events younger than 3 s for the next step (writes in flight).
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      await ctx.host.runScheduled('siem-delivery-tick');
      await drain();
      lags.push((received.get(id) ?? Number.NaN) - stored);
    }
    lags.sort((a, b) => a - b);
    return [
      {
        measure: 'SIEM delivery: backlog to one destination',
        setting: `${BACKLOG} events, ${LATENCY_MS} ms/storage call`,
        storageCalls: Math.round((calls / Math.max(1, delivered)) * 100) / 100,
        p50Ms: Math.round(backlogMs),
        p99Ms: Math.round(backlogMs),
        notes: `${delivered} delivered, ${perMinute} events/min per destination (storage calls per event delivered; times are for the whole backlog)`,
      },
      {
        measure: 'SIEM delivery: lag of a new event',
        setting: `run started by the tick, ${LATENCY_MS} ms/storage call`,
        storageCalls: 0,
        p50Ms: Math.round(lags[1]),
        p99Ms: Math.round(lags[2]),
        notes: 'stored → received, including the 3 s settle; the tick itself runs every 5 minutes, so worst case adds up to 5 min (target §9: 2 min)',
      },
    ];
  } finally {
    ctx.host.setLatency(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
