/**
 * Retention through the local host (docs/audit-events.md): events past their period are never returned,
 * and the daily housekeeping trigger deletes exactly those, records "Events purged" and resumes
 * from saved progress.
 */
import { kvs } from '@forge/kvs';
import { AUDIT_INDEX, ENTITY, KEY } from '../../src/adapters/kvs/names';
import { buildEvent } from '../../src/domain/audit/build-event';
import type { AuditActionId } from '../../src/domain/audit/model';
import { DAY_MS } from '../../src/domain/audit/retention';
import { toRow, type AuditEventRow } from '../../src/domain/audit/row';
import { seedAuditRows } from '../support/audit-seed';
import { startHost, type TestHost } from '../support/host';
import { searchAll } from './support/audit';
import { changeSettings } from './support/verification';

let host: TestHost;

beforeAll(async () => {
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await changeSettings(host, (s) => ({ ...s, retention: { defaultDays: 180, perCategoryDays: { Authentication: 30 } } }));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await host.stop();
});

function aged(id: string, action: AuditActionId, days: number): AuditEventRow {
  return toRow(
    buildEvent(
      { action, author: { id: 'alice', name: 'alice', type: 'user' }, affectedObjects: [{ type: 'API token', id: 'tok-r', name: 'retention' }], method: 'Web trigger' },
      { id, now: Date.now() - days * DAY_MS, system: 'local' },
    ),
  );
}

/** Every stored event row, by reading the time index directly. */
async function storedIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<AuditEventRow>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byTime).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    ids.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.filter((id) => id.startsWith('r-')).sort();
}

const purgedCounts = async (): Promise<string[]> =>
  (await searchAll(host, { actions: ['Events purged'] })).map((e) => e.extraAttributes.find((a) => a.name === 'Events purged')?.value ?? '');

describe('retention', () => {
  it('hides expired events at once and lets housekeeping delete only those', async () => {
    await seedAuditRows([
      aged('r-auth-10', 'authSucceeded', 10),
      aged('r-auth-40', 'authFailed', 40),
      aged('r-token-100', 'tokenCreated', 100),
      aged('r-token-200', 'tokenRevoked', 200),
      aged('r-settings-179', 'auditSettingsChanged', 179),
    ]);
    const visible = (await searchAll(host, { affectedObject: { type: 'API token', id: 'tok-r' } })).map((e) => e.id).sort();
    expect(visible).toEqual(['r-auth-10', 'r-settings-179', 'r-token-100']);
    // Even a "from" far in the past does not reach behind retention.
    const old = (await searchAll(host, { from: new Date(Date.now() - 400 * DAY_MS).toISOString(), categories: ['Authentication', 'Token management'] })).map((e) => e.id);
    expect(old).not.toContain('r-auth-40');
    expect(old).not.toContain('r-token-200');

    await host.runScheduled('daily-housekeeping');
    expect(await storedIds()).toEqual(['r-auth-10', 'r-settings-179', 'r-token-100']);
    expect(await purgedCounts()).toEqual(['2']);
  });

  it('purges what expires as time passes, and nothing else', async () => {
    host.advanceClock(25 * DAY_MS);
    const visible = (await searchAll(host, { affectedObject: { type: 'API token', id: 'tok-r' } })).map((e) => e.id).sort();
    expect(visible).toEqual(['r-token-100']);
    await host.runScheduled('daily-housekeeping');
    expect(await storedIds()).toEqual(['r-token-100']);
    expect(await purgedCounts()).toEqual(['2', '2']);
  });

  it('resumes from the progress an interrupted run saved, and clears it when done', async () => {
    await seedAuditRows([aged('r-auth-99', 'authSucceeded', 99), aged('r-token-999', 'tokenCreated', 999)]);
    await kvs.set(KEY.purgeCursor, { category: 2 });
    await host.runScheduled('daily-housekeeping');
    expect(await storedIds()).toEqual(['r-token-100']);
    expect(await kvs.get(KEY.purgeCursor)).toBeUndefined();
  });

  it('records nothing when there was nothing to purge', async () => {
    const before = (await purgedCounts()).length;
    await host.runScheduled('daily-housekeeping');
    expect((await purgedCounts()).length).toBe(before);
  });
});
