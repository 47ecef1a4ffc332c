/**
 * Streaming survives a host restart mid-stream (docs/audit-events.md): the position is in storage, so
 * the next run continues where the last accepted batch ended. The batch in flight when the host
 * stopped may be sent again (its position write never happened): the only duplicates are ids the
 * stopped host had sent.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedAuditRows } from '../support/audit-seed';
import { startHost, type TestHost } from '../support/host';
import { syntheticRows } from './support/audit';
import { startReceiver, type Receiver } from './support/siem-receiver';

const saved = { allow: process.env.LOCAL_EGRESS_ALLOW, scale: process.env.LOCAL_QUEUE_TIME_SCALE };
let receiver: Receiver;
let host: TestHost | null = null;

beforeAll(async () => {
  receiver = await startReceiver('splunk-hec');
  process.env.LOCAL_EGRESS_ALLOW = receiver.hostPort;
  process.env.LOCAL_QUEUE_TIME_SCALE = '0.01';
});

afterAll(async () => {
  await host?.stop();
  await receiver.close();
  process.env.LOCAL_EGRESS_ALLOW = saved.allow;
  process.env.LOCAL_QUEUE_TIME_SCALE = saved.scale;
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the receiver has had no new request for half a second. */
async function quiet(): Promise<void> {
  let seen = -1;
  while (seen !== receiver.requests.length) {
    seen = receiver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

it('delivers every event after a restart in the middle of a stream, repeating at most the batch in flight', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'siem-restart-'));
  host = await startHost({ store: { dir } });
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await seedAuditRows(syntheticRows(2_600, { now: Date.now(), prefix: 'restart', newestAgoMs: 10_000 }));
  receiver.setDelay(300);
  const result = await host.invoke<{ ok: boolean }>('api-token-admin', 'destinations/save', {
    destination: { kind: 'splunk-hec', name: 'restart', url: receiver.url, credential: 'hec-token' },
  });
  expect(result.ok).toBe(true);
  // Stop the host while the second batch is at the receiver.
  await until(() => receiver.requests.length >= 2);
  await host.stop();
  host = null;
  receiver.setDelay(0);
  // host.stop() does not end a run already in flight (the platform would freeze it): let it finish
  // what it had started, so that every batch the stopped host sent is counted as its.
  await quiet();
  const sentBeforeRestart = receiver.requests.length;

  host = await startHost({ store: { dir } });
  // The stopped run's lease lasts a minute; then the tick's run continues from the stored position.
  host.advanceClock(61_000);
  await host.runScheduled('siem-delivery-tick');
  const drained = await fetch(`${host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 60_000 }) });
  expect(drained.status).toBe(200);

  const accepted = receiver.acceptedIds();
  const expected = Array.from({ length: 2_600 }, (_, i) => `restart-${String(i).padStart(7, '0')}`);
  expect(new Set(accepted.filter((id) => id.startsWith('restart-')))).toEqual(new Set(expected));
  const counts = new Map<string, number>();
  for (const id of accepted) counts.set(id, (counts.get(id) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  // Only what the stopped host had sent (the batch in flight, or one whose position write the stop
  // cut off) can come twice.
  const sentByStoppedHost = new Set(receiver.requests.slice(0, sentBeforeRestart).flatMap((request) => request.ids));
  expect(repeated.filter((id) => !sentByStoppedHost.has(id))).toEqual([]);
  expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
});
