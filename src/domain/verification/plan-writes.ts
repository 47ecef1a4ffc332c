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
 *   aggregation on, a success is a tally under a key of its own instead (audit/success-tally.ts):
 *   an unconditional write that never conflicts, folded into the window's one event with the
 *   exact count after the window closes (audit/fold-tallies.ts).
 * - Security signals (signals.ts): each one fired adds its alert and its event, and the usage row
 *   is written with the signal memory (recent networks, the day each signal last fired). A plan
 *   with no signal is exactly what it was without them: signals cost a write only when one fires.
 */
import type { AuditEventDraft } from '../audit/model';
import { aggregationSlot, shouldRecord } from '../audit/recording-rules';
import { plannedTally, type PlannedTally } from '../audit/success-tally';
import type { Settings } from '../settings/model';
import { addUses, totalUses, utcDay, type DayCount } from '../tokens/daily-usage';
import type { TokenUsage } from '../tokens/model';
import { NO_USAGE } from '../tokens/stored';
import { authenticationDraft } from './audit-draft';
import type { RateCounterUpdate, VerificationDecision, VerificationInput } from './model';
import { redactEach } from './redact';
import { planSignals, type FiredSignal, type SignalMemory } from './signals';
import type { SignalKind } from '../alerts/model';

export const USAGE_WRITE_INTERVAL_MS = 60_000;

export interface PlannedEvent {
  draft: AuditEventDraft;
  /** Deterministic id (an alert's event), or null for a fresh one. */
  id: string | null;
  /** The event's timestamp (epoch ms). */
  at: number;
}

export interface WritePlan {
  rateCounter: RateCounterUpdate | null;
  /** An aggregated success: written under a key of its own, never conditional. */
  tally: PlannedTally | null;
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
  /** The key of this request's success tally within its window, unique (success-tally.ts `tallyId`). */
  tallyId: string;
  /** Failures of this token in the burst window as this instance counted them (signals.ts); 0 when not a counted failure. */
  recentFailures?: number;
  /** Signals this request lost to a concurrent writer (already recorded by it). */
  settledSignals?: readonly SignalKind[];
}

/** An empty plan: nothing to write. */
export function emptyPlan(): WritePlan {
  return { rateCounter: null, tally: null, usage: null, events: [], signals: [] };
}

export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.rateCounter === null && plan.tally === null && plan.usage === null && plan.events.length === 0 && plan.signals.length === 0;
}

function usageIsStale(usage: TokenUsage | null, ip: string | null, now: number): boolean {
  return usage === null || usage.lastUsedAt === null || now - usage.lastUsedAt >= USAGE_WRITE_INTERVAL_MS || usage.lastUsedIp !== ip;
}

export function planWrites(p: PlanInput): WritePlan {
  const plan = emptyPlan();
  const draft = authenticationDraft(p.decision, p.input);
  // The audit log's own rule: the action's toggle is on and it is not an excluded action.
  const recorded = draft !== null && shouldRecord(draft, p.settings);
  const signals = planSignals({ decision: p.decision, input: p.input, usage: p.usage, now: p.now, recentFailures: p.recentFailures ?? 0, settled: p.settledSignals ?? [] });
  plan.signals = signals.fired.map((fired) => ({ ...fired, event: { draft: fired.draft, id: fired.alert.eventId, at: p.now } }));
  // Fired signals and markers of signals lost to a concurrent writer must be stored; new networks ride along with any usage write.
  const markersChanged = signals.memory !== null && JSON.stringify(signals.memory.signalDays ?? {}) !== JSON.stringify(p.usage?.signalDays ?? {});

  if (!p.decision.valid) {
    if (recorded) plan.events.push({ draft, id: null, at: p.now });
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
    const slot = aggregationSlot(draft, p.settings, p.now);
    if (slot) plan.tally = plannedTally(draft, slot, p.now, p.tallyId);
    else plan.events.push({ draft, id: null, at: p.now });
  }

  const writesAnyway = plan.rateCounter !== null || plan.events.length > 0 || plan.tally !== null || markersChanged;
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
