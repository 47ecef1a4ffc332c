/**
 * The success fold against in-memory tallies and events: exact counts, one event per token and
 * window however often or concurrently it runs, closed windows only, paging. No timers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FOLD_SETTLE_MS, foldTallies, VERIFICATION_MAX_RUN_MS, type FoldDeps } from '../../../src/domain/audit/fold-tallies';
import type { AuditEventDraft } from '../../../src/domain/audit/model';
import { aggregationSlot } from '../../../src/domain/audit/recording-rules';
import { isEventRow, type AuditEventRow } from '../../../src/domain/audit/row';
import { plannedTally } from '../../../src/domain/audit/success-tally';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings/model';
import { FakeAuditStore } from '../../fakes/audit-store';
import { manualClock, T0 } from '../../fakes/clock';
import { fakeTallyStore } from '../../fakes/tally-store';

const settings = { ...DEFAULT_SETTINGS, successAggregation: { enabled: true, windowSeconds: 60 } };
const WINDOW_START = T0 - (T0 % 60_000);
const WINDOW_END = WINDOW_START + 60_000;

function success(tokenId: string, path = '/rest/api/3/myself'): AuditEventDraft {
  return {
    action: 'authSucceeded',
    author: { id: 'alice', name: 'Alice', type: 'user' },
    affectedObjects: [{ id: tokenId, name: 'Deploy bot', type: 'API token' }],
    extraAttributes: [{ name: 'Request path', value: path }],
    method: 'Web trigger',
  };
}

function setup() {
  const tallies = fakeTallyStore();
  const events = new FakeAuditStore();
  const clock = manualClock(T0);
  const lines: string[] = [];
  let next = 0;
  const deps: FoldDeps = { tallies, events, clock, log: (line) => lines.push(line) };
  /** `count` successes of a token at `at` (default: now), as verifications store them. */
  const succeed = (tokenId: string, count: number, at = clock.now()): void => {
    for (let i = 0; i < count; i += 1) {
      const draft = success(tokenId, `/path/${i}`);
      const slot = aggregationSlot(draft, settings, at);
      if (!slot) throw new Error('aggregation is on');
      tallies.put(plannedTally(draft, slot, at + i, `id-${(next += 1).toString().padStart(6, '0')}`), 'ari:cloud:jira::site/1');
    }
  };
  const rows = (): AuditEventRow[] => [...events.rows.values()].filter(isEventRow);
  const settle = (): void => clock.set(WINDOW_END + FOLD_SETTLE_MS);
  return { tallies, events, clock, deps, succeed, rows, settle, lines };
}

const attribute = (row: AuditEventRow, name: string): string | undefined => row.event.extraAttributes.find((a) => a.name === name)?.value;

describe('foldTallies', () => {
  it("writes one event per token and window with the exact Count, the first occurrence's details and the window", async () => {
    const t = setup();
    t.succeed('tok-1', 5);
    t.succeed('tok-2', 3);
    t.settle();
    expect(await foldTallies(t.deps)).toEqual({ events: 2, counted: 8, alreadyFolded: 0, more: false, nextReadyAt: null });
    const byToken = new Map(t.rows().map((row) => [row.event.affectedObjects[0].id, row]));
    const first = byToken.get('tok-1');
    expect(first?.count).toBe(5);
    expect(first && attribute(first, 'Count')).toBe('5');
    expect(first && attribute(first, 'Request path')).toBe('/path/0');
    expect(first && attribute(first, 'Window start')).toBe(new Date(WINDOW_START).toISOString());
    expect(first && attribute(first, 'Window end')).toBe(new Date(WINDOW_END).toISOString());
    // Stamped when stored, so that readers in time order (SIEM, seals) cannot have passed it.
    expect(first?.ts).toBe(WINDOW_END + FOLD_SETTLE_MS);
    expect(byToken.get('tok-2')?.count).toBe(3);
    expect(t.tallies.rows.size).toBe(0);
  });

  it('leaves the tallies of a window that has not settled yet, and says when it can be folded', async () => {
    const t = setup();
    t.succeed('tok-1', 4);
    t.clock.set(WINDOW_END + FOLD_SETTLE_MS - 1);
    expect(await foldTallies(t.deps)).toMatchObject({ events: 0, nextReadyAt: WINDOW_END + FOLD_SETTLE_MS });
    expect(t.tallies.rows.size).toBe(4);
    expect(t.rows()).toEqual([]);
  });

  it('folds the closed window and leaves the next one, which comes later in key order', async () => {
    const t = setup();
    t.succeed('tok-1', 2);
    t.succeed('tok-1', 3, WINDOW_END + 1_000);
    t.settle();
    expect(await foldTallies(t.deps)).toMatchObject({ events: 1, counted: 2, nextReadyAt: WINDOW_END + 60_000 + FOLD_SETTLE_MS });
    expect(t.tallies.rows.size).toBe(3);
    t.clock.set(WINDOW_END + 60_000 + FOLD_SETTLE_MS);
    expect(await foldTallies(t.deps)).toMatchObject({ events: 1, counted: 3, nextReadyAt: null });
    expect(t.rows().map((row) => row.count).sort()).toEqual([2, 3]);
  });

  it('counts every page of a group before writing its event (250 tallies: 3 pages, 10 deletes)', async () => {
    const t = setup();
    t.succeed('tok-1', 250);
    t.succeed('tok-2', 1);
    t.settle();
    expect(await foldTallies(t.deps)).toMatchObject({ events: 2, counted: 251 });
    expect(t.rows().map((row) => row.count).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 250]);
    expect(t.tallies.calls).toEqual({ page: 3, remove: 10 + 1 });
    expect(t.events.calls.create).toBe(2);
  });

  it('does not count twice when a fold stopped after writing the event and before deleting every tally', async () => {
    const t = setup();
    t.succeed('tok-1', 60);
    t.settle();
    t.tallies.beforeRemove = () => {
      throw new Error('invocation ended');
    };
    await expect(foldTallies(t.deps)).rejects.toThrow('invocation ended');
    expect(t.rows().map((row) => row.count)).toEqual([60]);
    expect(t.tallies.rows.size).toBe(60);

    t.tallies.beforeRemove = null;
    t.clock.advance(300_000);
    expect(await foldTallies(t.deps)).toMatchObject({ events: 0, alreadyFolded: 1 });
    expect(t.rows().map((row) => row.count)).toEqual([60]);
    expect(t.tallies.rows.size).toBe(0);
  });

  it('writes one event when two folds run at once', async () => {
    const t = setup();
    t.succeed('tok-1', 130);
    t.settle();
    const reports = await Promise.all([foldTallies(t.deps), foldTallies(t.deps)]);
    expect(reports.map((report) => report.events).sort()).toEqual([0, 1]);
    expect(t.rows().map((row) => row.count)).toEqual([130]);
    expect(t.tallies.rows.size).toBe(0);
  });

  it('stops starting groups at its deadline and says there is more', async () => {
    const t = setup();
    t.succeed('tok-1', 1);
    t.succeed('tok-2', 1);
    t.settle();
    const deps: FoldDeps = { ...t.deps, clock: { now: () => t.clock.now() } };
    const report = await foldTallies(deps, { deadline: t.clock.now() });
    expect(report).toMatchObject({ events: 0, more: true });
    expect(t.tallies.rows.size).toBe(2);
  });

  it('deletes a stored value under the prefix that is not a tally, and counts it as nothing', async () => {
    const t = setup();
    t.succeed('tok-1', 2);
    const [key] = [...t.tallies.rows.keys()];
    t.tallies.rows.set(`${key.slice(0, key.lastIndexOf(':'))}:zzz`, { not: 'a tally' });
    t.settle();
    expect(await foldTallies(t.deps)).toMatchObject({ events: 1, counted: 2 });
    expect(t.tallies.rows.size).toBe(0);
    expect(t.lines.some((line) => line.includes('were not tallies'))).toBe(true);
  });

  it('waits longer than the verification functions can run (manifest.yml)', () => {
    const manifest = parse(readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')) as {
      modules: { webtrigger: Array<{ function: string }>; function: Array<{ key: string; timeoutSeconds?: number }> };
    };
    const functions = manifest.modules.webtrigger.map((trigger) => manifest.modules.function.find((fn) => fn.key === trigger.function));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect((fn?.timeoutSeconds ?? VERIFICATION_MAX_RUN_MS / 1000) * 1000).toBeLessThanOrEqual(VERIFICATION_MAX_RUN_MS);
    expect(FOLD_SETTLE_MS).toBeGreaterThan(VERIFICATION_MAX_RUN_MS);
  });
});
