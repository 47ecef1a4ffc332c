/**
 * The one recorder every producer uses (docs/audit-events.md): toggles and excluded actions decide whether a draft
 * is recorded, a failed write is retried once, and what still cannot be written is counted and
 * later reported as "Events discarded". Success aggregation is not here: successes come only from
 * the verification use case, which stores them as tallies in its own write (success-tally.ts).
 *
 * When discards are reported: right after the next successful write in the same process that
 * had to discard, and at every housekeeping run (for discards of other processes). The count
 * and the report are written in one transaction, so a number is reported exactly once.
 */
import { TRY_AGAIN, withAttempts } from '../attempts';
import type { Clock } from '../ports';
import type { Settings } from '../settings/model';
import { buildEvent } from './build-event';
import { AUDIT_ACTIONS, ATTRIBUTES, type AuditEventDraft, type AuditMethod, type RecordOptions, type RecordOutcome } from './model';
import { shouldRecord } from './recording-rules';
import { toRow, type AuditEventRow } from './row';

/** Writes of the audit-event entity (the recorder's, and the success fold's). Every method throws when storage fails. */
export interface AuditEventWriter {
  write(key: string, row: AuditEventRow): Promise<void>;
  /** Creates the row unless the key exists. */
  create(key: string, row: AuditEventRow): Promise<'created' | 'exists'>;
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

/** Reports one housekeeping run or one recovering process writes at most; the rest waits for the next. */
const MAX_REPORT_ROUNDS = 20;
const MAX_REPORT_CONFLICTS = 3;

export interface Recorder {
  record(draft: AuditEventDraft, options?: RecordOptions): Promise<RecordOutcome>;
  /** Reports the stored discard count as one "Events discarded" event; returns the number reported. */
  reportDiscarded(method: AuditMethod): Promise<number>;
}

export function createRecorder(deps: RecorderDeps): Recorder {
  /** Discards this process could not even add to the stored counter. */
  let uncounted = 0;
  /** This process discarded something since it last reported. */
  let reportDue = false;

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

    const event = buildEvent(draft, { id: deps.newId(), now: deps.clock.now(), system: options.system ?? deps.system() });
    const outcome: RecordOutcome = (await writeTwice(event.id, toRow(event))) ? 'recorded' : 'discarded';
    if (outcome === 'discarded') await discard(1, 'write failed twice');
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
