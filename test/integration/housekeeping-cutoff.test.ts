/**
 * The daily purge cut off by the platform (local/server: an invocation past its limit is ended,
 * its later storage calls never answered), then resumed by the next run: every expired event goes,
 * nothing else does, and the progress marker is cleared. The cut-off comes from the host's
 * test-only `cutOffFunctionAfter`, which plays a run that overran its own budget (a stalled call
 * past the 10 s safety margin) without waiting out the 900 s `timeoutSeconds`.
 */
import { kvs } from '@forge/kvs';
import { cutOffFunctionAfter } from '../../local/runtime/forge-globals';
import { KEY } from '../../src/adapters/kvs/names';
import { seedAuditRows } from '../support/audit-seed';
import { useHost } from '../support/host';
import { agedRow, purgedCounts, storedEventIds } from './support/audit';
import { changeSettings } from './support/verification';

/** Enough pages that slow storage cannot delete them all within the cut-off, on a fast machine too. */
const EXPIRED = 2_000;
const KEPT = 20;

const host = useHost();

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  await changeSettings(host, (s) => ({ ...s, retention: { defaultDays: 180, perCategoryDays: { Authentication: 30 } } }));
});

afterAll(async () => {
  cutOffFunctionAfter('housekeeping-fn', undefined);
  jest.restoreAllMocks();
});

it('a purge cut off at its time limit leaves a consistent store, and the next run finishes it', async () => {
  const expired = Array.from({ length: EXPIRED }, (_, i) => agedRow(`c-old-${String(i).padStart(4, '0')}`, 40 + (i % 50), { tokenId: 'tok-c' }));
  const kept = Array.from({ length: KEPT }, (_, i) => agedRow(`c-new-${String(i).padStart(3, '0')}`, 1 + (i % 20), { tokenId: 'tok-c' }));
  await seedAuditRows([...expired, ...kept]);
  const keptIds = kept.map((row) => row.event.id).sort();

  // Slow storage and a short limit: the platform ends the run part-way through the deletes.
  host.setLatency(40);
  cutOffFunctionAfter('housekeeping-fn', 400);
  await expect(host.runScheduled('daily-housekeeping')).rejects.toThrow(/FUNCTION_TIMEOUT/);
  await new Promise((resolve) => setTimeout(resolve, 500)); // calls in flight at the cut-off settle
  host.setLatency(0);
  const afterCut = await storedEventIds('c-');
  expect(afterCut).toEqual(expect.arrayContaining(keptIds));
  const deletedByFirst = EXPIRED + KEPT - afterCut.length;
  expect(deletedByFirst).toBeGreaterThan(0);
  expect(deletedByFirst).toBeLessThan(EXPIRED);
  expect(await purgedCounts(host)).toEqual([]); // the cut-off run never got to record what it did

  cutOffFunctionAfter('housekeeping-fn', undefined);
  await host.runScheduled('daily-housekeeping');
  expect(await storedEventIds('c-')).toEqual(keptIds);
  expect(await purgedCounts(host)).toEqual([EXPIRED - deletedByFirst]);
  expect(await kvs.get(KEY.purgeCursor)).toBeUndefined();
});
