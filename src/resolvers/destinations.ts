/**
 * The admin page's "Destinations" tab (docs/resolvers.md, docs/audit-events.md): list, save, remove, test and resume
 * SIEM destinations. Credentials go to a Forge secret and never come back to the page.
 */
import { TRY_AGAIN, withAttempts } from '../domain/attempts';
import { randomUUID } from 'node:crypto';
import { recordSiemDestinations } from '../adapters/settings/settings-store';
import { requestDelivery } from '../adapters/siem/delivery-queue';
import { eventsAfter } from '../adapters/siem/event-reader';
import { sendSiemRequest } from '../adapters/outbound/siem-send';
import { deleteDestinationData, hasCredential, initState, listDestinations, readCredential, readState, saveDestinations, setCredential, writeState } from '../adapters/siem/siem-store';
import { toSiemEntity } from '../domain/audit/export/siem-entity';
import type { AuditEvent } from '../domain/audit/model';
import { resumed } from '../domain/siem/deliver';
import { initialState, type Destination, type DestinationView } from '../domain/siem/destination';
import { checkDestinationUrl } from '../domain/siem/egress';
import { buildSiemRequest } from '../domain/siem/request-format';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { destinationIdSchema, saveDestinationSchema } from './schemas/destinations';
import { emptySchema } from './schemas/tokens';
import { localEgressOpenings } from '../adapters/outbound/egress-openings';

const LAG_CAP = 500;
const MAX_DESTINATIONS = 10;

async function view(destination: Destination): Promise<DestinationView> {
  const [state, credential] = await Promise.all([readState(destination.id), hasCredential(destination.id)]);
  const current = state ?? initialState(0);
  const behind = await eventsAfter(current.position, Date.now(), LAG_CAP + 1);
  const { version: _version, ...visible } = current;
  void _version;
  return { ...destination, hasCredential: credential, state: visible, lag: Math.min(behind.length, LAG_CAP), lagCapped: behind.length > LAG_CAP };
}


const list = spec({
  access: 'admin',
  payload: emptySchema,
  handle: async (): Promise<ResolverResult<{ destinations: DestinationView[] }>> => ok({ destinations: await Promise.all((await listDestinations()).map(view)) }),
});

const save = spec({
  access: 'admin',
  payload: saveDestinationSchema,
  handle: async ({ destination: input }): Promise<ResolverResult<{ destination: DestinationView }>> => {
    const checked = checkDestinationUrl(input.url, localEgressOpenings());
    if (!checked.ok) return fail('INVALID_INPUT', checked.message, [{ path: 'destination.url', message: checked.message }]);
    const all = await listDestinations();
    const existing = input.id === undefined ? undefined : all.find((d) => d.id === input.id);
    if (input.id !== undefined && !existing) return fail('NOT_FOUND', 'No destination with this id.');
    if (!existing && all.length >= MAX_DESTINATIONS) return fail('INVALID_INPUT', `At most ${MAX_DESTINATIONS} destinations.`);
    if (!existing && input.credential === undefined) return fail('INVALID_INPUT', 'A new destination needs its credential (token or API key).', [{ path: 'destination.credential', message: 'Required.' }]);
    const destination: Destination = {
      id: existing?.id ?? randomUUID(),
      kind: input.kind,
      name: input.name,
      url: checked.url.toString().replace(/\/$/, ''),
      ...(input.index ? { index: input.index } : {}),
      createdAt: existing?.createdAt ?? Date.now(),
    };
    if (input.credential !== undefined) await setCredential(destination.id, input.credential);
    // A new destination receives every stored event, oldest first.
    if (!existing) await initState(destination.id, initialState(0));
    const next = existing ? all.map((d) => (d.id === destination.id ? destination : d)) : [...all, destination];
    await saveDestinations(next);
    if (!existing) await recordSiemDestinations(next.length);
    await requestDelivery({ destinationId: destination.id });
    return ok({ destination: await view(destination) });
  },
});

const remove = spec({
  access: 'admin',
  payload: destinationIdSchema,
  handle: async ({ destinationId }): Promise<ResolverResult<{ removed: boolean }>> => {
    const all = await listDestinations();
    if (!all.some((d) => d.id === destinationId)) return fail('NOT_FOUND', 'No destination with this id.');
    const next = all.filter((d) => d.id !== destinationId);
    await saveDestinations(next);
    await recordSiemDestinations(next.length);
    await deleteDestinationData(destinationId);
    return ok({ removed: true });
  },
});

/** A test event: an event of the trail's shape, marked as a test, never stored. */
function testEvent(): AuditEvent {
  return {
    id: `test-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    author: { id: 'api-token-audit', name: 'API Token Audit', type: 'system' },
    type: { category: 'Audit log', action: 'Test event', categoryI18nKey: 'api-token-audit.category.audit-log', actionI18nKey: 'api-token-audit.action.test-event' },
    affectedObjects: [],
    changedValues: [],
    extraAttributes: [{ name: 'Note', value: 'Sent by "Send test event" on the admin page. Not part of the audit trail.' }],
    source: null,
    method: 'Admin page',
    system: '',
  };
}

const test = spec({
  access: 'admin',
  payload: destinationIdSchema,
  handle: async ({ destinationId }): Promise<ResolverResult<{ delivered: boolean; status: number | null; message: string }>> => {
    const destination = (await listDestinations()).find((d) => d.id === destinationId);
    if (!destination) return fail('NOT_FOUND', 'No destination with this id.');
    const credential = await readCredential(destinationId);
    if (credential === null) return fail('INVALID_INPUT', 'No credential is stored for this destination.');
    const outcome = await sendSiemRequest(destination.kind, buildSiemRequest(destination, credential, [toSiemEntity(testEvent())]));
    const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    return ok({ delivered, status: outcome.status, message: outcome.message });
  },
});

const resume = spec({
  access: 'admin',
  payload: destinationIdSchema,
  handle: async ({ destinationId }): Promise<ResolverResult<{ destination: DestinationView }>> => {
    const destination = (await listDestinations()).find((d) => d.id === destinationId);
    if (!destination) return fail('NOT_FOUND', 'No destination with this id.');
    await withAttempts(3, async () => {
      const state = await readState(destinationId);
      return !state || (await writeState(destinationId, resumed(state), state.version)) ? true : TRY_AGAIN;
    });
    await requestDelivery({ destinationId });
    return ok({ destination: await view(destination) });
  },
});

export const destinationSpecs = {
  'destinations/list': list,
  'destinations/save': save,
  'destinations/remove': remove,
  'destinations/test': test,
  'destinations/resume': resume,
};
