/**
 * Everything one verification has to write, decided from what was read, so that the adapter can
 * send it as ONE transaction (docs/performance.md: at most 2 storage calls with a rate limit and
 * auditing on; 1 when there is nothing to write).
 *
 * - Rate-limit counter: on every admitted request of a token with a limit.
 * - Usage (last used at / from, use count, requests per UTC day for 30 days): only when the stored
 *   value is older than USAGE_WRITE_INTERVAL_MS, the client IP changed, or a write happens anyway
 *   (then it is free). Uses not written yet are held by the instance, by day (`held`), and added on
 *   the next write, each to the day it happened on (tokens/daily-usage.ts).
 * - Audit events, when the admin's toggles and excluded actions let them through. With success
 *   aggregation on, a token's successes in one aggregation window are spread over at most
 *   AGGREGATION_SHARDS events with deterministic ids, each upserted with its own `Count` and
 *   counted by its own fixed-window row: concurrent successes of one busy token mostly write
 *   different rows instead of taking turns on one, and the counts stay exact (each write is
 *   conditional on the count it was decided on).
 * - Security signals (signals.ts): each one fired adds its alert and its event, and the usage row
 *   is written with the signal memory (recent networks, the day each signal last fired). A plan
 *   with no signal is exactly what it was without them: signals cost a write only when one fires.
 */
import type { AuditEventDraft } from '../audit/model';
import { aggregationSlot, shouldRecord } from '../audit/recording-rules';
import type { Settings } from '../settings/model';
import { addUses, totalUses, utcDay, type DayCount } from '../tokens/daily-usage';
import type { TokenUsage } from '../tokens/model';
import { NO_USAGE } from '../tokens/stored';
import { authenticationDraft } from './audit-draft';
import { countInWindow } from './fixed-window';
import type { CounterUpdate, RateCounterUpdate, VerificationDecision, VerificationInput, WindowCounter } from './model';
import { redactEach } from './redact';
import { planSignals, type FiredSignal, type SignalMemory } from './signals';
import type { SignalKind } from '../alerts/model';

export const USAGE_WRITE_INTERVAL_MS = 60_000;

/** Success events per token and aggregation window, at most (docs/performance.md). */
export const AGGREGATION_SHARDS = 8;

/** An aggregation counter write: which shard, what was read and what to store. */
export interface AggregationCounterUpdate extends CounterUpdate {
  shard: number;
}

export interface PlannedEvent {
  draft: AuditEventDraft;
  /** Deterministic id (an aggregate that later requests overwrite), or null for a fresh one. */
  id: string | null;
  /** The event's timestamp (epoch ms): now, or the window's first occurrence for an aggregate. */
  at: number;
  /** For an aggregate: the occurrences it stands for and the end of its window. */
  aggregate: { count: number; windowEnd: number } | null;
}

export interface WritePlan {
  rateCounter: RateCounterUpdate | null;
  aggregationCounter: AggregationCounterUpdate | null;
  usage: (TokenUsage & SignalMemory) | null;
  events: PlannedEvent[];
  /** Signals fired: each alert row is written only if it does not exist yet (one per token, signal and day). */
  signals: PlannedSignal[];
}

export interface PlannedSignal extends FiredSignal {
  event: PlannedEvent;
}

export interface PlanInput {
  decision: VerificationDecision;
  input: VerificationInput;
  settings: Settings;
  now: number;
  /** Usage as read (with the signal memory kept in it); null when the token was never used. */
  usage: (TokenUsage & SignalMemory) | null;
  /** Admitted uses this instance counted but has not written yet, by UTC day. */
  held: readonly DayCount[];
  /** The success-aggregation counter shards as read, by shard number. */
  aggregation: ReadonlyArray<WindowCounter | null>;
  /** A number in [0, 1) choosing the aggregation shard (random in production). */
  pick: number;
  /** Failures of this token in the burst window as this instance counted them (signals.ts); 0 when not a counted failure. */
  recentFailures?: number;
  /** Signals this request lost to a concurrent writer (already recorded by it). */
  settledSignals?: readonly SignalKind[];
}

/** An empty plan: nothing to write. */
export function emptyPlan(): WritePlan {
  return { rateCounter: null, aggregationCounter: null, usage: null, events: [], signals: [] };
}

export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.rateCounter === null && plan.aggregationCounter === null && plan.usage === null && plan.events.length === 0 && plan.signals.length === 0;
}

function usageIsStale(usage: TokenUsage | null, ip: string | null, now: number): boolean {
  return usage === null || usage.lastUsedAt === null || now - usage.lastUsedAt >= USAGE_WRITE_INTERVAL_MS || usage.lastUsedIp !== ip;
}

/** The aggregate a success joins: its shard's id (shard 0 keeps the audit log's own slot id). */
export function aggregateRowId(slotRowId: string, shard: number): string {
  return shard === 0 ? slotRowId : `${slotRowId}-${shard}`;
}

/**
 * The success event: one per request, or, with aggregation on, one of the token's aggregates for
 * the current window (the audit log's own slot, so its id and shape match every other aggregate).
 * The count comes from the shard's fixed-window counter row read in the same batch, since the
 * aggregate's key depends on settings that arrive in that same read.
 */
function successEvent(p: PlanInput, draft: AuditEventDraft): { event: PlannedEvent; counter: AggregationCounterUpdate | null } {
  const slot = aggregationSlot(draft, p.settings, p.now);
  if (!slot) return { event: { draft, id: null, at: p.now, aggregate: null }, counter: null };
  const shard = Math.min(AGGREGATION_SHARDS - 1, Math.floor(Math.max(0, p.pick) * AGGREGATION_SHARDS));
  const read = p.aggregation[shard] ?? null;
  const sameWindow = read !== null && read.windowStart === slot.windowStart;
  const next: WindowCounter = {
    windowStart: slot.windowStart,
    count: countInWindow(read, slot.windowStart) + 1,
    firstAt: sameWindow ? read.firstAt : p.now,
  };
  return {
    event: { draft, id: aggregateRowId(slot.rowId, shard), at: next.firstAt, aggregate: { count: next.count, windowEnd: slot.windowEnd } },
    counter: { shard, read, next, windowSeconds: (slot.windowEnd - slot.windowStart) / 1000 },
  };
}

export function planWrites(p: PlanInput): WritePlan {
  const plan = emptyPlan();
  const draft = authenticationDraft(p.decision, p.input);
  // The audit log's own rule: the action's toggle is on and it is not an excluded action.
  const recorded = draft !== null && shouldRecord(draft, p.settings);
  const signals = planSignals({ decision: p.decision, input: p.input, usage: p.usage, now: p.now, recentFailures: p.recentFailures ?? 0, settled: p.settledSignals ?? [] });
  plan.signals = signals.fired.map((fired) => ({ ...fired, event: { draft: fired.draft, id: fired.alert.eventId, at: p.now, aggregate: null } }));
  // Fired signals and markers of signals lost to a concurrent writer must be stored; new networks ride along with any usage write.
  const markersChanged = signals.memory !== null && JSON.stringify(signals.memory.signalDays ?? {}) !== JSON.stringify(p.usage?.signalDays ?? {});

  if (!p.decision.valid) {
    if (recorded) plan.events.push({ draft, id: null, at: p.now, aggregate: null });
    if (markersChanged && signals.memory) {
      // A denial is not a use: the usage stays as read, plus the uses this instance holds (released on commit).
      plan.usage = {
        ...(p.usage ?? NO_USAGE),
        useCount: (p.usage?.useCount ?? 0) + totalUses(p.held),
        requestsPerDay: addUses(p.usage?.requestsPerDay ?? [], p.held, p.now),
        ...signals.memory,
      };
    }
    return plan;
  }

  plan.rateCounter = p.decision.rateLimit?.counter ?? null;
  if (recorded) {
    const { event, counter } = successEvent(p, draft);
    plan.events.push(event);
    plan.aggregationCounter = counter;
  }

  const writesAnyway = plan.rateCounter !== null || plan.events.length > 0 || markersChanged;
  if (writesAnyway || usageIsStale(p.usage, p.input.clientIp, p.now)) {
    plan.usage = {
      ...(p.usage ?? {}),
      ...(signals.memory ?? {}),
      lastUsedAt: p.now,
      lastUsedIp: p.input.clientIp,
      // A caller may write anything into X-Forwarded-For, a secret included.
      lastUsedChain: { ...p.input.addressChain, entries: redactEach(p.input.addressChain.entries, p.input.credential.presented) },
      useCount: (p.usage?.useCount ?? 0) + totalUses(p.held) + 1,
      requestsPerDay: addUses(p.usage?.requestsPerDay ?? [], [...p.held, { day: utcDay(p.now), count: 1 }], p.now),
    };
  }
  return plan;
}
