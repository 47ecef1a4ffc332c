/**
 * The daily purge cut off by the platform (local/server: an invocation past its limit is ended,
 * its later storage calls never answered), then resumed by the next run: every expired event goes,
 * nothing else does, and the progress marker is cleared. The cut-off comes from the host's
 * test-only `cutOffFunctionAfter`, which plays a run that overran its own budget (a stalled call
 * past the 10 s safety margin) without waiting out the 900 s `timeoutSeconds`.
 */
import { kvs } from '@forge/kvs';
import { cutOffFunctionAfter } from '../../local/runtime/forge-globals';
import { AUDIT_INDEX, ENTITY, KEY } from '../../src/adapters/kvs/names';
import { buildEvent } from '../../src/domain/audit/build-event';
import { DAY_MS } from '../../src/domain/audit/retention';
import { toRow, type AuditEventRow } from '../../src/domain/audit/row';
import { seedAuditRows } from '../support/audit-seed';
import { startHost, type TestHost } from '../support/host';
import { searchAll } from './support/audit';
import { changeSettings } from './support/verification';

/** Enough pages that slow storage cannot delete them all within the cut-off, on a fast machine too. */
const EXPIRED = 2_000;
const KEPT = 20;

let host: TestHost;

beforeAll(async () => {
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await changeSettings(host, (s) => ({ ...s, retention: { defaultDays: 180, perCategoryDays: { Authentication: 30 } } }));
});

afterAll(async () => {
  cutOffFunctionAfter('housekeeping-fn', undefined);
  jest.restoreAllMocks();
  await host.stop();
});

function aged(id: string, days: number): AuditEventRow {
  return toRow(
    buildEvent(
      { action: 'authSucceeded', author: { id: 'alice', name: 'alice', type: 'user' }, affectedObjects: [{ type: 'API token', id: 'tok-c', name: 'cut' }], method: 'Web trigger' },
      { id, now: Date.now() - days * DAY_MS, system: 'local' },
    ),
  );
}

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
  return ids.filter((id) => id.startsWith('c-')).sort();
}

const purgedCounts = async (): Promise<number[]> =>
  (await searchAll(host, { actions: ['Events purged'] })).map((e) => Number(e.extraAttributes.find((a) => a.name === 'Events purged')?.value ?? NaN));

it('a purge cut off at its time limit leaves a consistent store, and the next run finishes it', async () => {
  const expired = Array.from({ length: EXPIRED }, (_, i) => aged(`c-old-${String(i).padStart(4, '0')}`, 40 + (i % 50)));
  const kept = Array.from({ length: KEPT }, (_, i) => aged(`c-new-${String(i).padStart(3, '0')}`, 1 + (i % 20)));
  await seedAuditRows([...expired, ...kept]);
  const keptIds = kept.map((row) => row.event.id).sort();

  // Slow storage and a short limit: the platform ends the run part-way through the deletes.
  host.setLatency(40);
  cutOffFunctionAfter('housekeeping-fn', 400);
  await expect(host.runScheduled('daily-housekeeping')).rejects.toThrow(/FUNCTION_TIMEOUT/);
  await new Promise((resolve) => setTimeout(resolve, 500)); // calls in flight at the cut-off settle
  host.setLatency(0);
  const afterCut = await storedIds();
  expect(afterCut).toEqual(expect.arrayContaining(keptIds));
  const deletedByFirst = EXPIRED + KEPT - afterCut.length;
  expect(deletedByFirst).toBeGreaterThan(0);
  expect(deletedByFirst).toBeLessThan(EXPIRED);
  expect(await purgedCounts()).toEqual([]); // the cut-off run never got to record what it did

  cutOffFunctionAfter('housekeeping-fn', undefined);
  await host.runScheduled('daily-housekeeping');
  expect(await storedIds()).toEqual(keptIds);
  expect(await purgedCounts()).toEqual([EXPIRED - deletedByFirst]);
  expect(await kvs.get(KEY.purgeCursor)).toBeUndefined();
});
