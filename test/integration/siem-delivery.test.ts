/**
 * Streaming to SIEM destinations (docs/audit-events.md) through the local host: the real @forge/events
 * queue and consumer, real egress (receivers allowed through LOCAL_EGRESS_ALLOW), real storage.
 * Receivers check each product's documented request format; totals are compared with the store.
 */
import { FOLD_SETTLE_MS } from '../../src/domain/audit/fold-tallies';
import { seedAuditRows } from '../support/audit-seed';
import { startHost, type TestHost } from '../support/host';
import { syntheticRows } from './support/audit';
import { startReceiver, type ProductFormat, type Receiver } from './support/siem-receiver';
import { changeSettings, createToken, verify, withAudit } from './support/verification';

const PRODUCTS: ProductFormat[] = ['splunk-hec', 'datadog', 'elastic', 'https'];
const saved = { allow: process.env.LOCAL_EGRESS_ALLOW, scale: process.env.LOCAL_QUEUE_TIME_SCALE };
let host: TestHost;
const receivers = new Map<ProductFormat, Receiver>();

interface Result<T> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}
interface DestinationView {
  id: string;
  kind: string;
  hasCredential: boolean;
  lag: number;
  state: { status: string; delivered: number; lastDeliveryAt: number | null; lastError: { status: number | null; message: string } | null };
  credential?: unknown;
}

function call<T>(functionKey: string, payload: unknown): Promise<Result<T>> {
  return host.invoke<Result<T>>('api-token-admin', functionKey, payload);
}

async function drain(): Promise<void> {
  const response = await fetch(`${host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 60_000 }) });
  expect(response.status).toBe(200);
}

async function storedIds(): Promise<string[]> {
  const listing = (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { entities: Array<{ entity: string; key: string; value: { ts: number; event: { id: string } } }> };
  return listing.entities.filter((e) => e.entity === 'audit-event' && e.value.ts < Date.now() - 3_000).map((e) => e.value.event.id);
}

async function addDestination(kind: ProductFormat, receiver: Receiver): Promise<DestinationView> {
  const url = kind === 'https' ? `${receiver.url}/dataCollectionRules/dcr-1/streams/Custom-ApiTokenAudit?api-version=2023-01-01` : receiver.url;
  const saved = await call<{ destination: DestinationView }>('destinations/save', { destination: { kind, name: `${kind} receiver`, url, credential: `secret-${kind}-credential` } });
  expect(saved.ok).toBe(true);
  return saved.data.destination;
}

beforeAll(async () => {
  for (const product of PRODUCTS) receivers.set(product, await startReceiver(product));
  process.env.LOCAL_EGRESS_ALLOW = [...receivers.values()].map((r) => r.hostPort).join(',');
  process.env.LOCAL_QUEUE_TIME_SCALE = '0.01';
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await seedAuditRows(syntheticRows(1_234, { now: Date.now(), prefix: 'siem', newestAgoMs: 10_000 }));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await host.stop();
  for (const receiver of receivers.values()) await receiver.close();
  process.env.LOCAL_EGRESS_ALLOW = saved.allow;
  process.env.LOCAL_QUEUE_TIME_SCALE = saved.scale;
});

describe('SIEM destinations', () => {
  it('refuses a URL outside the declared egress domains with a clear error, and a new destination without a credential', async () => {
    const outside = await call('destinations/save', { destination: { kind: 'splunk-hec', name: 'x', url: 'https://splunk.evil.example', credential: 'c' } });
    expect(outside).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('not a domain this app may send to') } });
    const plain = await call('destinations/save', { destination: { kind: 'splunk-hec', name: 'x', url: 'http://acme.splunkcloud.com:8088', credential: 'c' } });
    expect(plain).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
    const noSecret = await call('destinations/save', { destination: { kind: 'datadog', name: 'x', url: 'https://http-intake.logs.datadoghq.eu' } });
    expect(noSecret).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await call('destinations/save', { destination: { kind: 'splunk-hec', name: 'x', url: 'https://acme.splunkcloud.com:8088', credential: 'c', extra: 1 } })).ok).toBe(false);
  });

  it('streams every stored event to each product in its documented format, batches of at most 500 with each event id, never returning a credential', async () => {
    for (const product of PRODUCTS) await addDestination(product, receivers.get(product) as Receiver);
    await drain();
    const stored = await storedIds();
    expect(stored.length).toBeGreaterThanOrEqual(1_234);
    for (const product of PRODUCTS) {
      const receiver = receivers.get(product) as Receiver;
      expect({ product, ids: [...receiver.acceptedIds()].sort() }).toEqual({ product, ids: [...stored].sort() });
      for (const request of receiver.requests) {
        expect(request.method).toBe('POST');
        expect(request.ids.length).toBeLessThanOrEqual(500);
        expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(1024 * 1024 + 4096);
        expect(request.headers['x-audit-log-description']).toEqual(expect.stringContaining('SIEM destination'));
      }
      const first = receiver.requests[0];
      if (product === 'splunk-hec') {
        expect(first.path).toBe('/services/collector/event');
        expect(first.headers.authorization).toBe('Splunk secret-splunk-hec-credential');
      } else if (product === 'datadog') {
        expect(first.path).toBe('/api/v2/logs');
        expect(first.headers['dd-api-key']).toBe('secret-datadog-credential');
      } else if (product === 'elastic') {
        expect(first.path).toBe('/_bulk');
        expect(first.headers.authorization).toBe('ApiKey secret-elastic-credential');
        expect(first.headers['content-type']).toBe('application/x-ndjson');
      } else {
        expect(first.path).toBe('/dataCollectionRules/dcr-1/streams/Custom-ApiTokenAudit?api-version=2023-01-01');
        expect(first.headers.authorization).toBe('Bearer secret-https-credential');
      }
      // Oldest first, the order the trail was stored in (synthetic row n is n seconds older than row 0).
      const order = receiver.acceptedIds().filter((id) => id.startsWith('siem-')).map((id) => Number(id.slice('siem-'.length)));
      expect(order).toEqual(Array.from({ length: 1_234 }, (_, i) => 1_233 - i));
    }
    const listed = await call<{ destinations: DestinationView[] }>('destinations/list', {});
    expect(listed.data.destinations).toHaveLength(4);
    for (const destination of listed.data.destinations) {
      expect(destination).toMatchObject({ hasCredential: true, lag: 0, state: { status: 'active', delivered: expect.any(Number), lastDeliveryAt: expect.any(Number), lastError: null } });
    }
    expect(JSON.stringify(listed)).not.toContain('secret-');
  });

  it('keeps totals exact through 429 with Retry-After, 500 and dropped connections: duplicates only after a failed attempt', async () => {
    const receiver = receivers.get('splunk-hec') as Receiver;
    const before = receiver.requests.length;
    receiver.failNext({ status: 429, retryAfter: '1' }, { status: 500 }, { drop: true }, { status: 503 });
    // New events, stored after everything delivered so far (synthetic rows are 1 s apart, newest first).
    await seedAuditRows(syntheticRows(700, { now: Date.now() + 705_000, prefix: 'outage', newestAgoMs: 0 }));
    host.advanceClock(710_000);
    // The scheduled tick starts a run for every destination (it runs every five minutes).
    await host.runScheduled('siem-delivery-tick');
    await drain();
    const stored = await storedIds();
    const accepted = receiver.acceptedIds();
    expect(new Set(accepted)).toEqual(new Set(stored));
    // Every id accepted twice was in a request that failed first.
    const failedIds = new Set(receiver.requests.slice(before).filter((r) => !r.accepted).flatMap((r) => r.ids));
    const counts = new Map<string, number>();
    for (const id of accepted) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, count] of counts) if (count > 1) expect(failedIds.has(id)).toBe(true);
    expect(receiver.requests.slice(before).filter((r) => !r.accepted)).toHaveLength(4);
  });

  it('stops and flags a destination on 401, and Resume continues from where it stopped, skipping nothing', async () => {
    const receiver = receivers.get('datadog') as Receiver;
    receiver.failNext({ status: 401 });
    await seedAuditRows(syntheticRows(50, { now: Date.now() + 55_000, prefix: 'denied', newestAgoMs: 0 }));
    host.advanceClock(60_000);
    const [datadog] = (await call<{ destinations: DestinationView[] }>('destinations/list', {})).data.destinations.filter((d) => d.kind === 'datadog');
    await host.runScheduled('siem-delivery-tick');
    await drain();
    const stopped = (await call<{ destinations: DestinationView[] }>('destinations/list', {})).data.destinations.find((d) => d.id === datadog.id) as DestinationView;
    expect(stopped.state).toMatchObject({ status: 'stopped', lastError: { status: 401 } });
    expect(stopped.lag).toBeGreaterThan(0);
    await call('destinations/resume', { destinationId: datadog.id });
    await drain();
    expect(new Set(receiver.acceptedIds())).toEqual(new Set(await storedIds()));
    const resumed = (await call<{ destinations: DestinationView[] }>('destinations/list', {})).data.destinations.find((d) => d.id === datadog.id) as DestinationView;
    expect(resumed).toMatchObject({ lag: 0, state: { status: 'active' } });
  });

  it('streams the aggregated success event of a window once the fold has written it, with the exact Count', async () => {
    const receiver = receivers.get('splunk-hec') as Receiver;
    await changeSettings(host, (s) => ({ ...withAudit({ successfulAuthentication: true })(s), successAggregation: { enabled: true, windowSeconds: 60 } }));
    host.advanceClock(10_001);
    const { token, secret } = await createToken(host);
    const replies = await Promise.all(Array.from({ length: 8 }, () => verify(host, secret)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    host.advanceClock(60_000 + FOLD_SETTLE_MS);
    await host.runScheduled('siem-delivery-tick');
    host.advanceClock(5_000);
    await drain();
    const listing = (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { entities: Array<{ entity: string; value: { count?: number; event?: { id: string; affectedObjects: Array<{ id: string }> } } }> };
    const aggregated = listing.entities.filter((e) => e.entity === 'audit-event' && e.value.event?.id.startsWith('agg-') && e.value.event.affectedObjects[0]?.id === token.id);
    expect(aggregated.reduce((sum, e) => sum + (e.value.count ?? 0), 0)).toBe(8);
    const accepted = new Set(receiver.acceptedIds());
    for (const e of aggregated) expect(accepted.has(e.value.event?.id ?? '')).toBe(true);
  });

  it('sends one test event on "Send test event", and removes a destination with its credential', async () => {
    const receiver = receivers.get('elastic') as Receiver;
    const [elastic] = (await call<{ destinations: DestinationView[] }>('destinations/list', {})).data.destinations.filter((d) => d.kind === 'elastic');
    const before = receiver.requests.length;
    const tested = await call<{ delivered: boolean }>('destinations/test', { destinationId: elastic.id });
    expect(tested).toMatchObject({ ok: true, data: { delivered: true } });
    expect(receiver.requests.slice(before).map((r) => r.ids.length)).toEqual([1]);
    expect((await call('destinations/remove', { destinationId: elastic.id })).ok).toBe(true);
    const listing = (await (await fetch(`${host.url}/api/store?prefix=siem-`)).json()) as { keys: Array<{ key: string }>; secrets: string[] };
    expect(listing.secrets.some((key) => key.includes(elastic.id))).toBe(false);
  });

  it('refuses destinations resolvers to a non-admin', async () => {
    const reply = await host.invoke<Result<unknown>>('api-token-admin', 'destinations/list', {}, { accountId: 'alice' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
