/**
 * Retention through the local host (docs/audit-events.md): events past their period are never returned,
 * and the daily housekeeping trigger deletes exactly those, records "Events purged" and resumes
 * from saved progress.
 */
import { kvs } from '@forge/kvs';
import { KEY } from '../../src/adapters/kvs/names';
import { DAY_MS } from '../../src/domain/audit/retention';
import { seedAuditRows } from '../support/audit-seed';
import { useHost } from '../support/host';
import { agedRow, purgedCounts, searchAll, storedEventIds } from './support/audit';
import { changeSettings } from './support/verification';

const host = useHost();

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await changeSettings(host, (s) => ({ ...s, retention: { defaultDays: 180, perCategoryDays: { Authentication: 30 } } }));
});

afterAll(async () => {
  jest.restoreAllMocks();
});

describe('retention', () => {
  it('hides expired events at once and lets housekeeping delete only those', async () => {
    await seedAuditRows([
      agedRow('r-auth-10', 10, { tokenId: 'tok-r', action: 'authSucceeded' }),
      agedRow('r-auth-40', 40, { tokenId: 'tok-r', action: 'authFailed' }),
      agedRow('r-token-100', 100, { tokenId: 'tok-r', action: 'tokenCreated' }),
      agedRow('r-token-200', 200, { tokenId: 'tok-r', action: 'tokenRevoked' }),
      agedRow('r-settings-179', 179, { tokenId: 'tok-r', action: 'auditSettingsChanged' }),
    ]);
    const visible = (await searchAll(host, { affectedObject: { type: 'API token', id: 'tok-r' } })).map((e) => e.id).sort();
    expect(visible).toEqual(['r-auth-10', 'r-settings-179', 'r-token-100']);
    // Even a "from" far in the past does not reach behind retention.
    const old = (await searchAll(host, { from: new Date(Date.now() - 400 * DAY_MS).toISOString(), categories: ['Authentication', 'Token management'] })).map((e) => e.id);
    expect(old).not.toContain('r-auth-40');
    expect(old).not.toContain('r-token-200');

    await host.runScheduled('daily-housekeeping');
    expect(await storedEventIds('r-')).toEqual(['r-auth-10', 'r-settings-179', 'r-token-100']);
    expect(await purgedCounts(host)).toEqual([2]);
  });

  it('purges what expires as time passes, and nothing else', async () => {
    host.advanceClock(25 * DAY_MS);
    const visible = (await searchAll(host, { affectedObject: { type: 'API token', id: 'tok-r' } })).map((e) => e.id).sort();
    expect(visible).toEqual(['r-token-100']);
    await host.runScheduled('daily-housekeeping');
    expect(await storedEventIds('r-')).toEqual(['r-token-100']);
    expect(await purgedCounts(host)).toEqual([2, 2]);
  });

  it('resumes from the progress an interrupted run saved, and clears it when done', async () => {
    await seedAuditRows([agedRow('r-auth-99', 99, { tokenId: 'tok-r', action: 'authSucceeded' }), agedRow('r-token-999', 999, { tokenId: 'tok-r', action: 'tokenCreated' })]);
    await kvs.set(KEY.purgeCursor, { category: 2 });
    await host.runScheduled('daily-housekeeping');
    expect(await storedEventIds('r-')).toEqual(['r-token-100']);
    expect(await kvs.get(KEY.purgeCursor)).toBeUndefined();
  });

  it('records nothing when there was nothing to purge', async () => {
    const before = (await purgedCounts(host)).length;
    await host.runScheduled('daily-housekeeping');
    expect((await purgedCounts(host)).length).toBe(before);
  });
});
