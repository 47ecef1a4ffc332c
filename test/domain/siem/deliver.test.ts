import type { AuditEvent } from '../../../src/domain/audit/model';
import { deliverStep, FOLLOW_UP_SECONDS, SETTLE_MS, type DeliveryPorts, type LeasedState, type SendOutcome } from '../../../src/domain/siem/deliver';
import { initialState, type Destination } from '../../../src/domain/siem/destination';
import type { SiemRequest } from '../../../src/domain/siem/request-format';
import { event, T0 } from '../../fakes/audit-events';

const DESTINATION: Destination = { id: 'd1', kind: 'https', name: 'receiver', url: 'https://x.ingest.monitor.azure.com/streams', createdAt: T0 };

/** In-memory ports: versioned state with compare-and-set, a list of stored events, a scripted receiver. */
function fakePorts(options: { events: AuditEvent[]; now: number; owner?: string; answers?: SendOutcome[]; own?: (event: AuditEvent) => boolean }) {
  const store = { state: { ...initialState(0) } as LeasedState };
  const sent: SiemRequest[] = [];
  const clock = { now: options.now };
  const ports: DeliveryPorts = {
    readState: async () => ({ ...store.state }),
    writeState: async (_id, next, expected) => {
      if (store.state.version !== expected) return false;
      store.state = { ...next };
      return true;
    },
    readEvents: async (after, until, limit) =>
      options.events
        .filter((e) => Date.parse(e.timestamp) >= after.t && Date.parse(e.timestamp) <= until && !(Date.parse(e.timestamp) === after.t && after.ids.includes(e.id)))
        .slice(0, limit),
    credential: async () => 'secret',
    send: async (request) => {
      sent.push(request);
      return options.answers?.shift() ?? { status: 200, retryAfterSeconds: null, message: 'Delivered.' };
    },
    causesRun: (e) => !(options.own?.(e) ?? false),
    now: () => clock.now,
    owner: options.owner ?? 'run-1',
  };
  return { ports, store, sent, clock };
}

describe('deliverStep', () => {
  it('sends the settled events and leaves those younger than the settle time for a later step', async () => {
    const now = T0 + 60_000;
    const events = [event({ id: 'old', at: now - 10_000 }), event({ id: 'young', at: now - 1_000 })];
    const { ports, store, sent } = fakePorts({ events, now });
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'sent', count: 1, more: true });
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain('"old"');
    expect(sent[0].body).not.toContain('"young"');
    expect(store.state.position).toEqual({ t: now - 10_000, ids: ['old'] });
  });

  it('asks for one follow-up run when only settling events are left, and not again while that one is pending', async () => {
    const now = T0 + 60_000;
    const { ports, store, sent, clock } = fakePorts({ events: [event({ id: 'young', at: now - 1_000 })], now });
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'idle', followUpSeconds: FOLLOW_UP_SECONDS });
    expect(store.state.followUpAt).toBe(now + FOLLOW_UP_SECONDS * 1000);
    expect(store.state.lease).toBeNull();

    clock.now = now + 500;
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'idle', followUpSeconds: null });
    expect(sent).toHaveLength(0);

    // The follow-up, once due, finds the event settled and sends it.
    clock.now = now + FOLLOW_UP_SECONDS * 1000;
    expect(FOLLOW_UP_SECONDS * 1000).toBeGreaterThan(SETTLE_MS);
    expect(await deliverStep(ports, DESTINATION)).toMatchObject({ kind: 'sent', count: 1 });
  });

  it('asks for no follow-up for settling events the delivery caused itself, nor when nothing is stored', async () => {
    const now = T0 + 60_000;
    const own = fakePorts({ events: [event({ id: 'app-call', at: now - 500 })], now, own: (e) => e.id === 'app-call' });
    expect(await deliverStep(own.ports, DESTINATION)).toEqual({ kind: 'idle', followUpSeconds: null });
    const empty = fakePorts({ events: [], now });
    expect(await deliverStep(empty.ports, DESTINATION)).toEqual({ kind: 'idle', followUpSeconds: null });
  });

  it('answers busy with the lease it met, sending nothing, while another run is mid-step', async () => {
    const now = T0 + 60_000;
    const { ports, store, sent } = fakePorts({ events: [event({ id: 'e', at: now - 10_000 })], now, owner: 'run-2' });
    store.state = { ...store.state, lease: { owner: 'run-1', until: now + 30_000 } };
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'busy', lease: { owner: 'run-1', until: now + 30_000 } });
    expect(sent).toHaveLength(0);
  });

  it('answers retry to the run whose send failed, and waiting to a run that comes before the retry time', async () => {
    const now = T0 + 60_000;
    const { ports, clock } = fakePorts({ events: [event({ id: 'e', at: now - 10_000 })], now, answers: [{ status: 503, retryAfterSeconds: 30, message: 'busy' }] });
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'retry', afterSeconds: 30 });
    clock.now = now + 10_000;
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'waiting', afterSeconds: 20 });
    clock.now = now + 30_000;
    expect(await deliverStep(ports, DESTINATION)).toMatchObject({ kind: 'sent', count: 1 });
  });

  it('stops and flags the destination, keeping the platform\'s reason, when Forge refuses the egress (no retry can help)', async () => {
    const now = T0 + 60_000;
    const message = 'Forge refused the request: splunk.example.org is not a domain this app\'s manifest declares.';
    const { ports, store } = fakePorts({ events: [event({ id: 'e', at: now - 10_000 })], now, answers: [{ status: null, retryAfterSeconds: null, refused: true, message }] });
    expect(await deliverStep(ports, DESTINATION)).toEqual({ kind: 'stopped', reason: message });
    expect(store.state).toMatchObject({ status: 'stopped', lastError: { status: null, message }, position: { t: 0, ids: [] } });
  });
});
