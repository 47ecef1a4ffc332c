/**
 * The success fold (domain/audit/fold-tallies.ts) wired to Forge: tallies and events in kvs, the
 * system clock, and the `siem-delivery` queue to run it (consumers/siem-delivery.ts).
 *
 * Who runs it: a verification that stores a tally asks for a fold when its window can be folded
 * (window end + FOLD_SETTLE_MS), through the queue, at most once per window and warm instance
 * (`foldScheduler`); the five-minute `siem-delivery-tick` folds too, the safety net, and the only
 * runner for windows that end more than the queue's longest delay (900 s) ahead. A run that
 * reaches its time budget with closed windows left asks for another at once.
 */
import { foldTallies, type FoldReport } from '../../domain/audit/fold-tallies';
import { systemClock } from '../../domain/ports';
import type { FoldScheduler } from '../../domain/verification/authenticate';
import { requestDelivery } from '../siem/delivery-queue';
import { deliverSoon } from '../siem/delivery-nudge';
import { siemStreaming } from '../settings/settings-store';
import { runDeadline } from './run-budget';
import { kvsAuditWriter } from './event-writer';
import { kvsTallyStore } from './tally-store';

/** The queue's longest delay (adapters/siem/delivery-queue.ts). */
const MAX_DELAY_SECONDS = 900;
/** Left of the run's budget for what runs after the fold (the delivery). */
const FOLD_RESERVE_MS = 25_000;

/** Folds what can be folded. Never throws: a failing store is logged, and the next run folds it (the tallies stay). */
export async function foldSuccesses(options: { deliver?: boolean } = {}): Promise<FoldReport | null> {
  let report: FoldReport;
  try {
    report = await foldTallies(
      { tallies: kvsTallyStore, events: kvsAuditWriter, clock: systemClock, log: (line) => console.warn(line) },
      { deadline: runDeadline(Date.now()) - FOLD_RESERVE_MS },
    );
    if (report.more) await requestDelivery({ fold: true });
  } catch (error) {
    console.warn(`Could not fold success tallies (${error instanceof Error ? error.name : 'error'}); the next run will.`);
    return null;
  }
  if (report.events > 0 && options.deliver !== false) await deliverSoon(siemStreaming());
  return report;
}

/** Times this instance asked for already (window end + settle): one push per window, not per success. */
const asked = new Set<number>();

export const foldScheduler: FoldScheduler = {
  async foldAt(at) {
    const now = Date.now();
    for (const time of asked) if (time < now) asked.delete(time);
    const delaySeconds = Math.ceil((at - now) / 1000);
    if (asked.has(at) || delaySeconds > MAX_DELAY_SECONDS) return;
    asked.add(at);
    await requestDelivery({ fold: true }, delaySeconds).catch((error: unknown) => {
      asked.delete(at);
      throw error;
    });
  },
};
