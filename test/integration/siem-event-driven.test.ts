/**
 * Event-driven SIEM delivery (docs/performance.md: a stored event reaches a healthy destination within
 * 2 minutes, without waiting for a scheduled run). The scheduled tick is never fired here: every
 * delivery below is started by the events themselves through the `siem-delivery` queue. Counts,
 * not times: queue pushes per burst, storage calls per verification, events received.
 */
import { startHost, type TestHost } from '../support/host';
import { startReceiver, type Receiver } from './support/siem-receiver';
import { changeSettings, createToken, describeRequest, verify, withAudit, type CreatedToken } from './support/verification';

const saved = { allow: process.env.LOCAL_EGRESS_ALLOW, scale: process.env.LOCAL_QUEUE_TIME_SCALE };
let host: TestHost;
let receiver: Receiver;
let token: CreatedToken;

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
interface QueueListing {
  jobs: Array<{ queue: string; events: Array<{ body: unknown }> }>;
}

async function deliveryJobs(): Promise<number> {
  const listing = (await (await fetch(`${host.url}/api/queues`)).json()) as QueueListing;
  return listing.jobs.filter((job) => job.queue === 'siem-delivery').length;
}

async function drain(): Promise<void> {
  const response = await fetch(`${host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 60_000 }) });
  expect(response.status).toBe(200);
}

async function storedEventIds(): Promise<string[]> {
  const listing = (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { entities: Array<{ entity: string; value: { event?: { id: string } } }> };
  return listing.entities.filter((e) => e.entity === 'audit-event' && e.value.event).map((e) => (e.value.event as { id: string }).id);
}

async function storageCallsOfOneVerification(): Promise<number> {
  await host.resetStats();
  const reply = await verify(host, token.secret, { body: describeRequest('GET') });
  expect(reply.status).toBe(200);
  return (await host.stats()).total;
}

beforeAll(async () => {
  receiver = await startReceiver('splunk-hec');
  process.env.LOCAL_EGRESS_ALLOW = receiver.hostPort;
  // Real queue delays: the run a stored event asks for comes after the events have settled.
  delete process.env.LOCAL_QUEUE_TIME_SCALE;
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await changeSettings(host, withAudit({ successfulAuthentication: true }));
  token = await createToken(host, { scope: 'read-only' });
  host.advanceClock(10_001);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await host.stop();
  await receiver.close();
  process.env.LOCAL_EGRESS_ALLOW = saved.allow;
  process.env.LOCAL_QUEUE_TIME_SCALE = saved.scale;
});

describe('event-driven SIEM delivery (no scheduled tick)', () => {
  let withoutDestination = 0;

  it('pushes nothing to the queue while no destination exists', async () => {
    withoutDestination = await storageCallsOfOneVerification();
    for (let i = 0; i < 5; i += 1) expect((await verify(host, token.secret, { body: describeRequest('GET') })).status).toBe(200);
    expect(await deliveryJobs()).toBe(0);
  });

  it('delivers a burst of verification events to the receiver with a bounded number of queue pushes, at no extra storage call per verification', async () => {
    const saved = await host.invoke<Result<unknown>>('api-token-admin', 'destinations/save', {
      destination: { kind: 'splunk-hec', name: 'event-driven', url: receiver.url, credential: 'hec-token' },
    });
    expect(saved.ok).toBe(true);
    await drain();
    const jobsBefore = await deliveryJobs();

    expect(await storageCallsOfOneVerification()).toBe(withoutDestination);
    const burst = await Promise.all(Array.from({ length: 40 }, () => verify(host, token.secret, { body: describeRequest('GET') })));
    expect(burst.every((reply) => reply.status === 200)).toBe(true);
    const pushes = (await deliveryJobs()) - jobsBefore;
    expect(pushes).toBeGreaterThanOrEqual(1);

    await drain();
    const stored = await storedEventIds();
    expect(stored.length).toBeGreaterThanOrEqual(41 + 6);
    expect(new Set(receiver.acceptedIds())).toEqual(new Set(stored));
    // 41 events, one instance: one push per NUDGE_DELAY_SECONDS window and at most a follow-up or
    // a recheck each, however many events the window stored.
    expect((await deliveryJobs()) - jobsBefore).toBeLessThanOrEqual(6);
  });

  it('delivers the event of an admin action (a token created) the same way', async () => {
    const created = await createToken(host, { description: 'Created while streaming' });
    await drain();
    const received = receiver.requests.filter((r) => r.accepted).map((r) => r.body);
    expect(received.some((body) => body.includes(created.token.id) && body.includes('Token created'))).toBe(true);
    expect(new Set(receiver.acceptedIds())).toEqual(new Set(await storedEventIds()));
  });

  it('stops pushing once the last destination is removed', async () => {
    const listed = await host.invoke<Result<{ destinations: Array<{ id: string }> }>>('api-token-admin', 'destinations/list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    for (const { id } of listed.data.destinations) expect((await host.invoke<Result<unknown>>('api-token-admin', 'destinations/remove', { destinationId: id })).ok).toBe(true);
    await drain();
    const jobsBefore = await deliveryJobs();
    host.advanceClock(10_001);
    for (let i = 0; i < 5; i += 1) expect((await verify(host, token.secret, { body: describeRequest('GET') })).status).toBe(200);
    expect(await deliveryJobs()).toBe(jobsBefore);
    expect(await storageCallsOfOneVerification()).toBe(withoutDestination);
  });
});
