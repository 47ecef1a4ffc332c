/**
 * The fold (docs/capacity.md "Success aggregation"): turns the success tallies of each token and
 * closed window (success-tally.ts) into exactly one "Token authentication succeeded" event whose
 * `Count` is the number of tallies, then deletes them.
 *
 * Exact and idempotent:
 * - A window is folded only FOLD_SETTLE_MS after it ends. A tally is written by the verification
 *   that took its time inside the window, before that invocation ends; the platform ends a web
 *   trigger after 55 s (no `timeoutSeconds` on verify-token-fn or audit-events-fn in manifest.yml;
 *   test/domain/audit/fold-tallies.test.ts checks it), so no tally of a window folded here can
 *   still arrive. The rest of the margin covers clocks of instances that differ by a few seconds.
 * - All pages of a group are counted before its event is written.
 * - The event's id comes from the token and the window, and it is created only if absent: a fold
 *   that stopped after writing the event and before deleting the tallies, or two folds at once,
 *   find the event there and only delete what is left. The event was written by a fold that had
 *   counted every tally, since tallies are deleted only once it exists.
 *
 * The event's timestamp is the time it is stored, not the window's: SIEM delivery and the
 * integrity seal read events in time order from a position, so an event stored now with an older
 * timestamp could fall behind a position already passed. The window's start and end are in its
 * attributes, next to the count.
 */
import type { Clock } from '../ports';
import { buildEvent } from './build-event';
import type { AuditEventWriter } from './recorder';
import { aggregateEventId, windowEndOfGroup, withCount } from './recording-rules';
import { toRow } from './row';
import type { SuccessTally } from './success-tally';

/** Longer than a verification can run (55 s) plus clock differences between instances; see the header. */
export const FOLD_SETTLE_MS = 120_000;

/** The web trigger time limit the settle time is longer than (docs/capacity.md "Platform limits"). */
export const VERIFICATION_MAX_RUN_MS = 55_000;

export interface TallyEntry {
  key: string;
  /** The slot's group (recording-rules.ts `aggregationSlot`): the tallies of one token and window. */
  group: string;
  /** null when the stored value is not a tally (deleted with the others, counted as nothing). */
  tally: SuccessTally | null;
}

/** Storage of the tallies. Every method throws when storage fails. */
export interface TallyStore {
  /** Tallies in key order, which puts groups in order of their window's end: one call per page (at most 100). */
  page(cursor: string | null): Promise<{ entries: TallyEntry[]; cursor: string | null }>;
  /** Deletes tallies: one call per 25 keys. */
  remove(keys: readonly string[]): Promise<void>;
}

export interface FoldDeps {
  tallies: TallyStore;
  /** The audit log's event writer (its create-if-absent), so the event is indexed like any other. */
  events: Pick<AuditEventWriter, 'create'>;
  clock: Clock;
  log(line: string): void;
}

export interface FoldReport {
  /** Events written by this fold. */
  events: number;
  /** Successes they count. */
  counted: number;
  /** Groups whose event another fold had written already (their tallies are deleted now). */
  alreadyFolded: number;
  /** The fold stopped at its deadline with closed windows left. */
  more: boolean;
  /** When the next window still open (or settling) can be folded; null when none is left. */
  nextReadyAt: number | null;
}

interface Group {
  group: string;
  keys: string[];
  /** How many of the keys hold a tally: the event's `Count`. */
  count: number;
  /** The earliest tally: its draft is the event's. */
  first: SuccessTally | null;
}

/** Folds every closed window, oldest first; stops starting new groups at `deadline` (epoch ms). */
export async function foldTallies(deps: FoldDeps, options: { deadline?: number } = {}): Promise<FoldReport> {
  const report: FoldReport = { events: 0, counted: 0, alreadyFolded: 0, more: false, nextReadyAt: null };
  const readyBy = deps.clock.now() - FOLD_SETTLE_MS;

  async function fold(group: Group): Promise<void> {
    const { first, count } = group;
    if (first) {
      const window = { start: first.windowStart, end: first.windowEnd };
      // Every tally of the group names the same token and window: any of them gives the same id.
      const id = aggregateEventId(first.draft, window) ?? `agg-${window.start}-${window.end}-${first.draft.action}`;
      // The time it is stored (see the header), taken right before the write.
      const event = withCount(buildEvent(first.draft, { id, now: deps.clock.now(), system: first.system }), count, window);
      if ((await deps.events.create(id, toRow(event, { count }))) === 'created') {
        report.events += 1;
        report.counted += count;
      } else {
        report.alreadyFolded += 1;
      }
    }
    if (group.keys.length > count) deps.log(`Audit: ${group.keys.length - count} stored value(s) under the success tallies were not tallies; deleted.`);
    await deps.tallies.remove(group.keys);
  }

  let current: Group | null = null;
  let cursor: string | null = null;
  do {
    const page: { entries: TallyEntry[]; cursor: string | null } = await deps.tallies.page(cursor);
    for (const entry of page.entries) {
      if (current && current.group !== entry.group) {
        await fold(current);
        current = null;
      }
      if (!current) {
        const windowEnd = windowEndOfGroup(entry.group);
        // Groups come in order of their window's end: from the first one not ready, none is.
        if (windowEnd > readyBy) {
          report.nextReadyAt = windowEnd + FOLD_SETTLE_MS;
          return report;
        }
        if (options.deadline !== undefined && deps.clock.now() >= options.deadline) {
          report.more = true;
          return report;
        }
        current = { group: entry.group, keys: [], count: 0, first: null };
      }
      current.keys.push(entry.key);
      const tally = entry.tally;
      if (tally) {
        current.count += 1;
        if (!current.first || tally.at < current.first.at) current.first = tally;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  if (current) await fold(current);
  return report;
}
