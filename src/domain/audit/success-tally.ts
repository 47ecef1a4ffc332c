/**
 * Success aggregation without contention (docs/capacity.md "Success aggregation"): each aggregated
 * success stores a tally under a key of its own, in the write its verification makes anyway. A
 * unique key never conflicts, so concurrent successes of one token never take turns; the fold
 * (fold-tallies.ts) turns a window's tallies into its one event with the exact count once the
 * window is closed.
 *
 * A tally holds only what that event shows: the first occurrence's draft (the token's id,
 * description, scope, owner, request method and path, client IP), never a secret or its hash.
 */
import { AUDIT_ACTIONS, type AuditEventDraft } from './model';
import type { AggregationSlot } from './recording-rules';

/** One aggregated success, as stored. */
export interface SuccessTally {
  /** When the success happened (epoch ms). */
  at: number;
  windowStart: number;
  windowEnd: number;
  /** The site the event is about (its `system`). */
  system: string;
  draft: AuditEventDraft;
}

/** A tally a verification writes: its group (the slot's), a unique id within it, and what it holds but the site. */
export interface PlannedTally {
  group: string;
  id: string;
  tally: Omit<SuccessTally, 'system'>;
}

export function plannedTally(draft: AuditEventDraft, slot: AggregationSlot, now: number, id: string): PlannedTally {
  return { group: slot.group, id, tally: { at: now, windowStart: slot.windowStart, windowEnd: slot.windowEnd, draft } };
}

const ID_DRAWS = 3;

/**
 * A tally id from a uniform source in [0, 1): three draws of 48 bits each (about 144 bits), so
 * that two successes of one window never pick the same key.
 */
export function tallyId(random: () => number): string {
  return Array.from({ length: ID_DRAWS }, () => Math.floor(random() * 2 ** 48).toString(36).padStart(10, '0')).join('');
}

/** A stored value read back: a tally when it has the shape one is written with, else null. */
export function asSuccessTally(value: unknown): SuccessTally | null {
  if (typeof value !== 'object' || value === null) return null;
  const tally = value as Partial<SuccessTally>;
  const draft = tally.draft as Partial<AuditEventDraft> | undefined;
  const numbers = [tally.at, tally.windowStart, tally.windowEnd].every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!numbers || typeof tally.system !== 'string' || typeof draft !== 'object' || draft === null) return null;
  if (typeof draft.action !== 'string' || !(draft.action in AUDIT_ACTIONS) || typeof draft.author !== 'object' || draft.author === null) return null;
  return tally as SuccessTally;
}
