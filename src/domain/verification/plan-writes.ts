/**
 * Everything one verification has to write, decided from what was read, so that the adapter can
 * send it as ONE transaction (product.md §9: at most 2 storage calls with a rate limit and
 * auditing on; 1 when there is nothing to write).
 *
 * - Rate-limit counter: on every admitted request of a token with a limit.
 * - Usage (last used at / from, use count): only when the stored value is older than
 *   USAGE_WRITE_INTERVAL_MS, the client IP changed, or a write happens anyway (then it is free).
 *   Uses not written yet are carried by the instance (`pendingUses`) and added on the next write.
 * - Audit events, when the admin's toggles and excluded actions let them through. With success
 *   aggregation on, a token's successes in one aggregation window share one event with a
 *   deterministic id, upserted with a `Count`; its counter is a second fixed-window row.
 */
import type { AuditEventDraft } from '../audit/model';
import type { Settings } from '../settings/model';
import type { TokenUsage } from '../tokens/model';
import { authenticationDraft } from './audit-draft';
import { incremented } from './fixed-window';
import type { CounterUpdate, VerificationDecision, VerificationInput, WindowCounter } from './model';

export const USAGE_WRITE_INTERVAL_MS = 60_000;

export interface PlannedEvent {
  draft: AuditEventDraft;
  /** Deterministic id (an aggregate that later requests overwrite), or null for a fresh one. */
  id: string | null;
  /** The event's timestamp (epoch ms). */
  at: number;
}

export interface WritePlan {
  rateCounter: CounterUpdate | null;
  aggregationCounter: CounterUpdate | null;
  usage: TokenUsage | null;
  events: PlannedEvent[];
}

export interface PlanInput {
  decision: VerificationDecision;
  input: VerificationInput;
  settings: Settings;
  now: number;
  /** Usage as read; null when the token was never used. */
  usage: TokenUsage | null;
  /** Admitted uses this instance counted but has not written yet. */
  pendingUses: number;
  /** The success-aggregation counter as read. */
  aggregation: WindowCounter | null;
  /** The recorder's rule: the action's toggle is on and it is not an excluded action. */
  isRecorded: (draft: AuditEventDraft) => boolean;
}

export function aggregateEventId(tokenId: string, windowStart: number): string {
  return `agg-${tokenId}-${windowStart}`;
}

export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.rateCounter === null && plan.aggregationCounter === null && plan.usage === null && plan.events.length === 0;
}

function usageIsStale(usage: TokenUsage | null, ip: string | null, now: number): boolean {
  return usage === null || usage.lastUsedAt === null || now - usage.lastUsedAt >= USAGE_WRITE_INTERVAL_MS || usage.lastUsedIp !== ip;
}

export function planWrites(p: PlanInput): WritePlan {
  const plan: WritePlan = { rateCounter: null, aggregationCounter: null, usage: null, events: [] };
  const draft = authenticationDraft(p.decision, p.input);
  const recorded = draft !== null && p.isRecorded(draft);

  if (!p.decision.valid) {
    if (recorded) plan.events.push({ draft, id: null, at: p.now });
    return plan;
  }

  plan.rateCounter = p.decision.rateLimit?.counter ?? null;
  const aggregation = p.settings.successAggregation;
  if (recorded && aggregation.enabled && aggregation.windowSeconds >= 1) {
    const next = incremented(p.aggregation, p.now, aggregation.windowSeconds);
    plan.aggregationCounter = { read: p.aggregation, next, windowSeconds: aggregation.windowSeconds };
    plan.events.push({
      draft: {
        ...draft,
        extraAttributes: [
          ...(draft.extraAttributes ?? []),
          { name: 'Count', value: String(next.count) },
          { name: 'Aggregation window', value: `${aggregation.windowSeconds} s` },
        ],
      },
      id: aggregateEventId(p.decision.lookup.tokenId, next.windowStart),
      at: next.windowStart,
    });
  } else if (recorded) {
    plan.events.push({ draft, id: null, at: p.now });
  }

  const writesAnyway = plan.rateCounter !== null || plan.events.length > 0;
  if (writesAnyway || usageIsStale(p.usage, p.input.clientIp, p.now)) {
    plan.usage = { lastUsedAt: p.now, lastUsedIp: p.input.clientIp, useCount: (p.usage?.useCount ?? 0) + p.pendingUses + 1 };
  }
  return plan;
}
