/**
 * The one recorder every producer uses (docs/audit-events.md): toggles and excluded actions decide whether a draft
 * is recorded, success events fold into one row per token per window, a failed write is retried
 * once, and what still cannot be written is counted and later reported as "Events discarded".
 *
 * When discards are reported: right after the next successful write in the same process that
 * had to discard, and at every housekeeping run (for discards of other processes). The count
 * and the report are written in one transaction, so a number is reported exactly once.
 */
import { TRY_AGAIN, withAttempts } from '../attempts';
import { BoundedMap } from '../bounded-map';
import type { Clock } from '../ports';
import type { Settings } from '../settings/model';
import { buildEvent } from './build-event';
import { AUDIT_ACTIONS, ATTRIBUTES, type AuditEventDraft, type AuditMethod, type RecordOptions, type RecordOutcome } from './model';
import { aggregationSlot, shouldRecord, withCount, type AggregationSlot } from './recording-rules';
import { toRow, type AuditEventRow } from './row';

/** Writes of the audit-event entity the recorder needs. Every method throws when storage fails. */
export interface AuditEventWriter {
  write(key: string, row: AuditEventRow): Promise<void>;
  /** Creates the row unless the key exists. */
  create(key: string, row: AuditEventRow): Promise<'created' | 'exists'>;
  read(key: string): Promise<AuditEventRow | null>;
  /** Replaces the row only while its `count` is still `expected`. */
  replaceIfCount(key: string, row: AuditEventRow, expected: number): Promise<'replaced' | 'conflict'>;
}

/** Discarded events not yet reported, as the counter read them. */
export interface DiscardTally {
  count: number;
  /** The counter's own record of what it read, handed back to `settle` (opaque here). */
  claim: unknown;
}

/** The stored discarded, not yet reported events. Every method throws when storage fails. */
export interface DiscardCounter {
  /** Stores `count` more; concurrent writers never conflict, so it either stores or throws. */
  add(count: number): Promise<void>;
  /** What one report can settle: all unreported discards, or the oldest part when there are many. */
  read(): Promise<DiscardTally>;
  /**
   * In one transaction: clears exactly what `tally` counted and writes the report. 'conflict' when
   * another report settled them first (nothing is written).
   */
  settle(tally: DiscardTally, report: { key: string; row: AuditEventRow }): Promise<'settled' | 'conflict'>;
}

export interface RecorderDeps {
  writer: AuditEventWriter;
  counter: DiscardCounter;
  loadSettings(): Promise<Settings>;
  clock: Clock;
  newId(): string;
  /** Default `system` (site) of events. */
  system(): string;
  /** Where the recorder says what it could not do (never with secrets: drafts carry none). */
  log(message: string): void;
}

/** How many aggregated slots one process remembers (their last known count). */
const AGGREGATE_CACHE_SIZE = 1000;
const AGGREGATE_ATTEMPTS = 3;
/** Reports one housekeeping run or one recovering process writes at most; the rest waits for the next. */
const MAX_REPORT_ROUNDS = 20;
const MAX_REPORT_CONFLICTS = 3;

export interface Recorder {
  record(draft: AuditEventDraft, options?: RecordOptions): Promise<RecordOutcome>;
  /** Reports the stored discard count as one "Events discarded" event; returns the number reported. */
  reportDiscarded(method: AuditMethod): Promise<number>;
}

export function createRecorder(deps: RecorderDeps): Recorder {
  /** Last known `count` and first timestamp per aggregated row, so a hot token costs one write. */
  const aggregates = new BoundedMap<string, { count: number; firstTs: number }>(AGGREGATE_CACHE_SIZE);
  /** Discards this process could not even add to the stored counter. */
  let uncounted = 0;
  /** This process discarded something since it last reported. */
  let reportDue = false;

  const remember = (rowId: string, value: { count: number; firstTs: number }): void => {
    aggregates.touch(rowId, value);
  };

  async function discard(count: number, why: string): Promise<void> {
    reportDue = true;
    deps.log(`Audit: ${count} event(s) could not be stored (${why}); counting them as discarded.`);
    try {
      await deps.counter.add(count);
      return;
    } catch {
      // Storage is failing; keep the number in this process and try again after the next write.
    }
    uncounted += count;
    deps.log(`Audit: ${uncounted} discarded event(s) not yet counted in storage.`);
  }

  async function afterSuccess(): Promise<void> {
    if (uncounted > 0) {
      const owed = uncounted;
      try {
        await deps.counter.add(owed);
        uncounted -= owed;
      } catch {
        return;
      }
    }
    if (reportDue && uncounted === 0) {
      try {
        await reportDiscarded('App');
        reportDue = false;
      } catch {
        // Housekeeping reports it later.
      }
    }
  }

  async function writeTwice(key: string, row: AuditEventRow): Promise<boolean> {
    // A storage error, not a lost race, is what earns the second try; after it the event is counted.
    const written = await withAttempts(2, async () => {
      try {
        await deps.writer.write(key, row);
        return true;
      } catch {
        return TRY_AGAIN;
      }
    });
    return written !== TRY_AGAIN;
  }

  async function aggregate(draft: AuditEventDraft, slot: AggregationSlot, system: string, now: number): Promise<RecordOutcome> {
    const rowFor = (count: number, firstTs: number): AuditEventRow => {
      const event = withCount(buildEvent(draft, { id: slot.rowId, now: firstTs, system }), count, slot.windowEnd);
      return toRow(event, { count });
    };
    let failures = 0;
    for (let attempt = 0; attempt < AGGREGATE_ATTEMPTS + 1 && failures < 2; attempt += 1) {
      try {
        let known = aggregates.get(slot.rowId);
        if (!known) {
          if ((await deps.writer.create(slot.rowId, rowFor(1, now))) === 'created') {
            remember(slot.rowId, { count: 1, firstTs: now });
            return 'recorded';
          }
          const stored = await deps.writer.read(slot.rowId);
          if (!stored) continue;
          known = { count: stored.count ?? 1, firstTs: stored.ts };
        }
        const next = { count: known.count + 1, firstTs: known.firstTs };
        if ((await deps.writer.replaceIfCount(slot.rowId, rowFor(next.count, next.firstTs), known.count)) === 'replaced') {
          remember(slot.rowId, next);
          return 'aggregated';
        }
        aggregates.delete(slot.rowId);
      } catch {
        failures += 1;
        aggregates.delete(slot.rowId);
      }
    }
    await discard(1, failures >= 2 ? 'storage failed twice' : 'too many concurrent writers');
    return 'discarded';
  }

  async function record(draft: AuditEventDraft, options: RecordOptions = {}): Promise<RecordOutcome> {
    const always = AUDIT_ACTIONS[draft.action].toggle === null;
    let settings = options.settings;
    if (!settings && !always) {
      try {
        settings = await deps.loadSettings();
      } catch {
        // Whether the toggle is on is unknown: count it rather than lose it silently.
        await discard(1, 'settings could not be read');
        return 'discarded';
      }
    }
    if (settings && !shouldRecord(draft, settings)) return 'skipped';

    const now = deps.clock.now();
    const system = options.system ?? deps.system();
    const slot = settings ? aggregationSlot(draft, settings, now) : null;
    let outcome: RecordOutcome;
    if (slot) {
      outcome = await aggregate(draft, slot, system, now);
    } else {
      const event = buildEvent(draft, { id: deps.newId(), now, system });
      outcome = (await writeTwice(event.id, toRow(event))) ? 'recorded' : 'discarded';
      if (outcome === 'discarded') await discard(1, 'write failed twice');
    }
    if (outcome !== 'discarded' && (reportDue || uncounted > 0)) await afterSuccess();
    return outcome;
  }

  /**
   * One "Events discarded" event per settled tally, until nothing is left: many discards (more than one
   * transaction can clear) give several events whose counts add up. A tally another reporter settled
   * first is read again; after a few such conflicts the rest is left to the next report.
   */
  async function reportDiscarded(method: AuditMethod): Promise<number> {
    let reported = 0;
    let conflicts = 0;
    for (let round = 0; round < MAX_REPORT_ROUNDS && conflicts < MAX_REPORT_CONFLICTS; round += 1) {
      const tally = await deps.counter.read();
      if (tally.count <= 0) break;
      const event = buildEvent(
        {
          action: 'eventsDiscarded',
          author: { id: 'api-token-audit', name: 'API Token Audit', type: 'app' },
          extraAttributes: [{ name: ATTRIBUTES.discardedCount, value: String(tally.count) }],
          method,
        },
        { id: deps.newId(), now: deps.clock.now(), system: deps.system() },
      );
      if ((await deps.counter.settle(tally, { key: event.id, row: toRow(event) })) === 'settled') {
        reported += tally.count;
        deps.log(`Audit: reported ${tally.count} discarded event(s).`);
      } else {
        conflicts += 1;
      }
    }
    return reported;
  }

  return { record, reportDiscarded };
}
