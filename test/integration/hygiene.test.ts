/**
 * Token hygiene through the local host (docs/tokens.md "Token hygiene"): the daily
 * run (`daily-housekeeping`) with the host's clock moved forward, its events in the audit log, the
 * pages' notices and preview, and the Jira stand-in's deactivated accounts and failures.
 */
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { Settings } from '../../src/domain/settings/model';
import type { DataOf, TokenView } from '../../src/shared/resolvers';
import { startHost, type TestHost } from '../support/host';
import { searchAll } from './support/audit';
import { ADMIN_PAGE, attempt, call, PERSONAL_PAGE } from './support/tokens';
import { changeSettings, createToken, describeRequest, verify } from './support/verification';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAILY = 'daily-housekeeping';
const STATUS_SENTENCE = OUTBOUND_CATALOG['users.accountStatus'].description;

let host: TestHost;

beforeEach(async () => {
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await host.stop();
});

const inDays = (days: number): string => new Date(Date.now() + days * DAY).toISOString();
const attr = (event: AuditEvent, name: string): string | undefined => event.extraAttributes.find((extra) => extra.name === name)?.value;

async function eventsOf(action: string, tokenId?: string): Promise<AuditEvent[]> {
  const events = await searchAll(host, { actions: [action] });
  return tokenId === undefined ? events : events.filter((event) => event.affectedObjects[0]?.id === tokenId);
}

async function hygiene(change: Partial<Settings['hygiene']>): Promise<void> {
  await changeSettings(host, (settings) => ({ ...settings, hygiene: { ...settings.hygiene, ...change } }));
}

async function adminToken(tokenId: string): Promise<TokenView> {
  const { tokens } = await call<{ tokens: TokenView[] }>(host, ADMIN_PAGE, 'tokens/list', { limit: 100 });
  const found = tokens.find((token) => token.id === tokenId);
  if (!found) throw new Error(`token ${tokenId} not listed`);
  return found;
}

async function statusCalls(): Promise<number> {
  return (await host.outbound()).filter((recorded) => recorded.headers['x-audit-log-description'] === STATUS_SENTENCE).length;
}

describe('expiry reminders', () => {
  it('records one "Token expiring soon" per token and reminder day, whatever the number of runs', async () => {
    const later = await createToken(host, { description: 'Ends in 9 days', expiresAt: inDays(9) });
    const soon = await createToken(host, { description: 'Ends in 3 days', expiresAt: inDays(3) });

    await host.runScheduled(DAILY);
    await host.runScheduled(DAILY);
    expect((await eventsOf('Token expiring soon')).map((event) => [event.affectedObjects[0].id, attr(event, 'Reminder')])).toEqual([[soon.token.id, '7 days before']]);

    host.advanceClock(DAY);
    await host.runScheduled(DAILY);
    expect(await eventsOf('Token expiring soon', soon.token.id)).toHaveLength(1);

    // 12 hours before its end the 1-day reminder is due; the 9-day token is now within 7 days.
    host.advanceClock(DAY + 12 * HOUR);
    await host.runScheduled(DAILY);
    await host.runScheduled(DAILY);
    const reminders = await eventsOf('Token expiring soon');
    expect(reminders.filter((event) => event.affectedObjects[0].id === soon.token.id).map((event) => attr(event, 'Reminder')).sort()).toEqual(['1 day before', '7 days before']);
    expect(reminders.filter((event) => event.affectedObjects[0].id === later.token.id).map((event) => attr(event, 'Reminder'))).toEqual(['7 days before']);
    const [first] = reminders;
    expect(first.author).toEqual({ id: 'api-token-audit', name: 'API Token Audit', type: 'app' });
    expect(first.type.category).toBe('Security alerts');
    expect(first.method).toBe('Scheduled');
  });

  it('shows the owner a banner of their tokens ending soon, and the admin page a count that the Expiring filter opens', async () => {
    const soon = await createToken(host, { description: 'Alice ends soon', expiresAt: inDays(2) });
    await createToken(host, { description: 'Alice ends later', expiresAt: inDays(30) });
    await createToken(host, { description: 'Bob ends soon', ownerAccountId: 'bob', expiresAt: inDays(5) });

    const personal = await call<DataOf<'personal/bootstrap'>>(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'alice');
    expect(personal.notices?.expiring.map((notice) => notice.description)).toEqual(['Alice ends soon']);
    expect(personal.notices?.expiring[0].tokenId).toBe(soon.token.id);

    const admin = await call<DataOf<'admin/bootstrap'>>(host, ADMIN_PAGE, 'admin/bootstrap', {});
    expect(admin.expiring).toEqual({ withinDays: 7, count: 2, complete: true });
    const filtered = await call<{ tokens: TokenView[] }>(host, ADMIN_PAGE, 'tokens/list', { expiringWithinDays: admin.expiring?.withinDays });
    expect(filtered.tokens.map((token) => token.description)).toEqual(['Alice ends soon', 'Bob ends soon']);
  });

  it('never records a reminder twice when two daily runs start at once', async () => {
    const tokens = await Promise.all([1, 2, 3].map((n) => createToken(host, { description: `Racing ${n}`, expiresAt: inDays(4) })));
    // Slow storage lets both runs read every token before either writes.
    host.setLatency(15);
    await Promise.all([host.runScheduled(DAILY), host.runScheduled(DAILY)]);
    host.setLatency(0);

    const reminders = await eventsOf('Token expiring soon');
    expect(reminders.map((event) => event.affectedObjects[0].id).sort()).toEqual(tokens.map((created) => created.token.id).sort());
    for (const created of tokens) expect((await adminToken(created.token.id)).hygiene?.remindedDays).toEqual([7]);
  });
});

describe('unused tokens', () => {
  it('are previewed before the policy is saved, warned at least 7 days ahead, then revoked by the app with the reason', async () => {
    const idle = await createToken(host, { description: 'Never used' });
    const busy = await createToken(host, { description: 'Used every day' });
    expect((await call<DataOf<'hygiene/previewUnused'>>(host, ADMIN_PAGE, 'hygiene/previewUnused', { unusedDays: 30 })).tokens).toEqual([]);

    host.advanceClock(25 * DAY);
    expect((await verify(host, busy.secret, { body: describeRequest('GET') })).status).toBe(200);

    // The preview computes from the unsaved value: nothing is saved, so the run does nothing yet.
    const preview = await call<DataOf<'hygiene/previewUnused'>>(host, ADMIN_PAGE, 'hygiene/previewUnused', { unusedDays: 30 });
    expect(preview.tokens.map((item) => [item.tokenId, item.ownerDisplayName, item.lastUsedAt])).toEqual([[idle.token.id, 'Alice Example', null]]);
    // Idle for 30 days on day 30, but warned first: revoked no sooner than 7 days after a warning on day 25.
    expect(preview.tokens[0].revokeAfter).toBeGreaterThanOrEqual(idle.token.createdAt + 32 * DAY);
    await host.runScheduled(DAILY);
    expect(await eventsOf('Unused token to be revoked')).toEqual([]);

    await hygiene({ unusedDays: 30 });
    await host.runScheduled(DAILY);
    await host.runScheduled(DAILY);
    const [warning, ...more] = await eventsOf('Unused token to be revoked');
    expect(more).toEqual([]);
    expect(warning.affectedObjects[0].id).toBe(idle.token.id);
    expect(attr(warning, 'Policy')).toBe('unused for 30 days');
    const personal = await call<DataOf<'personal/bootstrap'>>(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'alice');
    expect(personal.notices?.unused.map((notice) => notice.tokenId)).toEqual([idle.token.id]);

    // Day 30 has come, but the warning was given on day 25: revocation waits for 7 days after it.
    host.advanceClock(5 * DAY + HOUR);
    await host.runScheduled(DAILY);
    expect((await adminToken(idle.token.id)).status).toBe('active');

    host.advanceClock(2 * DAY);
    await host.runScheduled(DAILY);
    const [revoked, ...others] = await eventsOf('Token revoked');
    expect(others).toEqual([]);
    expect(revoked.affectedObjects[0].id).toBe(idle.token.id);
    expect(revoked.author).toEqual({ id: 'api-token-audit', name: 'API Token Audit', type: 'app' });
    expect(attr(revoked, 'Reason')).toBe('unused for 30 days');
    expect((await verify(host, idle.secret, { body: describeRequest('GET') })).status).toBe(401);
    expect((await adminToken(busy.token.id)).status).toBe('active');
  });

  it('refuses an unused-days value outside 7 to 3650 with INVALID_INPUT, in the preview and in the settings', async () => {
    const preview = await attempt(host, ADMIN_PAGE, 'hygiene/previewUnused', { unusedDays: 3 });
    expect(preview).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const { settings } = await call<{ settings: Settings }>(host, ADMIN_PAGE, 'settings/get', {});
    const saved = await attempt(host, ADMIN_PAGE, 'settings/update', { settings: { ...settings, hygiene: { ...settings.hygiene, reminderDays: [7, 7] } } });
    expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Each reminder day may be listed once') } });
  });
});

describe('deactivated owners', () => {
  it('are flagged once (event and marker) when the setting says flag, with one bulk Jira call for all owners', async () => {
    const bobs = await createToken(host, { description: 'Bob integration', ownerAccountId: 'bob' });
    const alices = await createToken(host, { description: 'Alice integration' });
    await createToken(host, { description: 'Admin integration', ownerAccountId: 'local-admin' });
    await host.setAccountActive('bob', false);

    await host.runScheduled(DAILY);
    await host.runScheduled(DAILY);

    const flagged = await eventsOf('Token owner deactivated');
    expect(flagged.map((event) => event.affectedObjects[0].id)).toEqual([bobs.token.id]);
    expect(flagged[0].affectedObjects[1]).toEqual({ type: 'user', id: 'bob', name: 'Bob Example' });
    const bob = await adminToken(bobs.token.id);
    expect(bob.status).toBe('active');
    expect(bob.hygiene?.ownerDeactivatedAt).toEqual(expect.any(Number));
    expect((await adminToken(alices.token.id)).hygiene?.ownerDeactivatedAt).toBeUndefined();
    // Three owners, two runs: one call each run.
    expect(await statusCalls()).toBe(2);
  });

  it('have their tokens revoked by the app when the setting says revoke', async () => {
    const bobs = await createToken(host, { description: 'Bob leaves', ownerAccountId: 'bob' });
    await hygiene({ deactivatedOwners: 'revoke' });
    await host.setAccountActive('bob', false);

    await host.runScheduled(DAILY);

    const [revoked, ...more] = await eventsOf('Token revoked');
    expect(more).toEqual([]);
    expect(revoked.affectedObjects[0].id).toBe(bobs.token.id);
    expect(revoked.author.type).toBe('app');
    expect(attr(revoked, 'Reason')).toBe("owner's Atlassian account is deactivated");
    expect((await verify(host, bobs.secret, { body: describeRequest('GET') })).status).toBe(401);
  });

  it('are not acted on while Jira fails; nothing is recorded, and the next run acts', async () => {
    const bobs = await createToken(host, { description: 'Bob while Jira is down', ownerAccountId: 'bob' });
    await hygiene({ deactivatedOwners: 'revoke' });
    await host.setAccountActive('bob', false);

    host.setJiraFault({ status: 503, times: 1 });
    await host.runScheduled(DAILY);
    host.setJiraFault(null);
    expect(await statusCalls()).toBe(1);
    expect((await adminToken(bobs.token.id)).status).toBe('active');
    expect(await eventsOf('Token revoked')).toEqual([]);
    expect(await eventsOf('Token owner deactivated')).toEqual([]);

    await host.runScheduled(DAILY);
    expect((await adminToken(bobs.token.id)).status).toBe('revoked');
  });
});
