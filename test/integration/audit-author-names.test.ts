/**
 * The audit log names people by display name without touching the events: authentication events
 * are written by the web trigger with only the account id, and `audit/search` answers their
 * authors' display names in `authorNames`, beside the events, which stay exactly as stored (the
 * export carries them under their integrity seals). The pull API answers the stored events too.
 */
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { UserSummary } from '../../src/shared/resolvers';
import type { TestHost } from '../support/host';
import { auditSearch } from './support/audit';
import { attempt, withQuietMemoryHost } from './support/tokens';
import { changeSettings, createToken, describeRequest, verify, withAudit } from './support/verification';

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});

const authorNameLookups = async (): Promise<number> =>
  (await host.outbound()).filter((call) => call.headers['x-audit-log-description'] === OUTBOUND_CATALOG['audit.authorNames'].description).length;

/** The stored event behind an id, read from the host's store (what exports and seals carry). */
async function storedEvent(id: string): Promise<AuditEvent | undefined> {
  const store = (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { entities: Array<{ entity: string; value: { event?: AuditEvent } }> };
  return store.entities.map((entry) => entry.value.event).find((event) => event?.id === id);
}

describe('audit search authors', () => {
  it("answers an authentication event's author display name beside the event, which stays as stored, with one name look-up per page", async () => {
    await changeSettings(host, withAudit({ successfulAuthentication: true }));
    const { token, secret } = await createToken(host, { ownerAccountId: 'alice', description: 'Named author' });
    const pull = await createToken(host, { ownerAccountId: 'bob', scope: 'audit-read', description: 'SIEM pull' });
    for (let index = 0; index < 3; index += 1) expect((await verify(host, secret, { body: describeRequest('GET') })).status).toBe(200);

    const before = await authorNameLookups();
    const result = await auditSearch(host, { limit: 50 });
    if (!result.ok) throw new Error(result.error.code);
    expect(await authorNameLookups()).toBe(before + 1);

    const authentication = result.data.entities.find(
      (event) => event.type.action === 'Token authentication succeeded' && event.affectedObjects.some((object) => object.id === token.id),
    );
    // The event as the web trigger wrote it; the name the page shows is beside it.
    expect(authentication?.author).toEqual({ id: 'alice', name: 'alice', type: 'user' });
    expect(authentication && (await storedEvent(authentication.id))).toEqual(authentication);
    expect(result.data.authorNames).toEqual({ alice: 'Alice Example' });

    // Token-management events store the name they knew; nothing is looked up for them.
    const created = result.data.entities.find((event) => event.type.action === 'Token created' && event.affectedObjects.some((object) => object.id === token.id));
    expect(created?.author.name).toBe('Local Admin');

    // The pull API answers the events as stored: the author's id, no looked-up name.
    const pulled = await host.webtrigger('audit-events', { method: 'GET', headers: { authorization: `Bearer ${pull.secret}` }, query: { actions: 'Token authentication succeeded' } });
    expect(pulled.status).toBe(200);
    const entities = pulled.json<{ entities: Array<{ id: string; author: { id: string; name: string } }> }>().entities;
    expect(entities.find((entity) => entity.id === authentication?.id)?.author).toMatchObject({ id: 'alice', name: 'alice' });
  });

  it('looks up nothing for a page whose authors all have stored names', async () => {
    const before = await authorNameLookups();
    const result = await auditSearch(host, { actions: ['Token created'], limit: 10 });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.entities.length).toBeGreaterThan(0);
    expect(result.data.authorNames).toEqual({});
    expect(await authorNameLookups()).toBe(before);
  });

  it('finds people for the author filter by the start of their name, through its own catalog sentence', async () => {
    const before = (await host.outbound()).length;
    const found = await attempt<{ users: UserSummary[] }>(host, 'audit-log', 'audit/searchAuthors', { query: 'Local Ad' });
    expect(found).toEqual({ ok: true, data: { users: [{ accountId: 'local-admin', displayName: 'Local Admin' }] } });
    const sent = (await host.outbound()).slice(before).filter((call) => call.path.startsWith('/rest/api/3/user/search'));
    expect(sent.map((call) => call.headers['x-audit-log-description'])).toEqual([OUTBOUND_CATALOG['audit.authorSearch'].description]);

    expect(await attempt(host, 'audit-log', 'audit/searchAuthors', { query: '' })).toEqual({ ok: true, data: { users: [] } });
    expect(await attempt(host, 'audit-log', 'audit/searchAuthors', { query: 'Alice' }, 'alice')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await attempt(host, 'audit-log', 'audit/searchAuthors', { query: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
