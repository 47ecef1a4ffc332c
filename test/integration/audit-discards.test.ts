/**
 * Events that could not be stored are never lost silently (issue 5), even under contention: every
 * discard is stored with one unconditional write, and reports ("Events discarded") claim them in
 * transactions, so concurrent reporters never report a discard twice or drop one.
 */
import { kvs } from '@forge/kvs';
import { ENTRIES_PER_REPORT, kvsDiscardCounter } from '../../src/adapters/audit/discard-counter';
import { AUDIT_INDEX, ENTITY } from '../../src/adapters/kvs/names';
import type { AuditEventRow } from '../../src/domain/audit/row';
import type { TestHost } from '../support/host';
import { pendingDiscards } from './support/audit';
import { withQuietMemoryHost } from './support/tokens';

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});


async function reportedCounts(): Promise<number[]> {
  const page = await kvs.entity<AuditEventRow>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byAction, { partition: ['Events discarded'] }).limit(100).getMany();
  return page.results.map(({ value }) => Number(value.event.extraAttributes.find((extra) => extra.name === 'Events discarded')?.value));
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

describe('discarded events', () => {
  it('are each stored by one unconditional write, however many writers arrive at once', async () => {
    await host.resetStats();
    await Promise.all(Array.from({ length: 40 }, () => kvsDiscardCounter.add(1)));
    expect((await host.stats()).storage).toEqual({ set: 40 });
    expect(await pendingDiscards()).toHaveLength(40);
    const tally = await kvsDiscardCounter.read();
    expect(tally.count).toBe(ENTRIES_PER_REPORT);
  });

  it('are reported exactly once by two housekeeping runs at the same time, in events whose counts add up', async () => {
    const reported = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // "Audit: reported N discarded event(s)."
    await Promise.all([host.runScheduled('daily-housekeeping'), host.runScheduled('daily-housekeeping')]);
    expect(reported).toHaveBeenCalledWith(expect.stringMatching(/^Audit: reported \d+ discarded event\(s\)\.$/));
    reported.mockRestore();

    const counts = await reportedCounts();
    expect(sum(counts)).toBe(40);
    expect(Math.max(...counts)).toBeLessThanOrEqual(ENTRIES_PER_REPORT);
    expect(await pendingDiscards()).toEqual([]);

    await host.runScheduled('daily-housekeeping');
    expect(sum(await reportedCounts())).toBe(40);
  });

  it('a settle of a tally another reporter settled first writes nothing', async () => {
    await kvsDiscardCounter.add(3);
    const first = await kvsDiscardCounter.read();
    const second = await kvsDiscardCounter.read();
    const report = (id: string): { key: string; row: AuditEventRow } => ({ key: id, row: { ts: Date.now() } as unknown as AuditEventRow });
    expect(await kvsDiscardCounter.settle(first, report('discard-report-a'))).toBe('settled');
    expect(await kvsDiscardCounter.settle(second, report('discard-report-b'))).toBe('conflict');
    expect(await kvs.entity(ENTITY.auditEvent).get('discard-report-b')).toBeUndefined();
    expect(await pendingDiscards()).toEqual([]);
    await kvs.entity(ENTITY.auditEvent).delete('discard-report-a');
  });
});
