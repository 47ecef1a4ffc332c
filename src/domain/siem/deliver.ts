/**
 * One delivery step for one destination (docs/audit-events.md): take the lease, read the events stored
 * after the destination's position (oldest first, at most one batch), send them in the product's
 * format, and move the position only when the destination accepted them.
 *
 * - At least once, in order: the position moves after a 2xx only; a failed or interrupted send is
 *   sent again from the same position (the only way a duplicate reaches the SIEM).
 * - Concurrent consumers: the step starts by taking a lease on the destination's state with a
 *   compare-and-set; a consumer that loses answers `busy` and sends nothing, so two consumers never
 *   send the same batch in the normal path. A lease outlives a consumer the platform cut off by at
 *   most LEASE_MS, then another consumer resends that batch.
 * - 429 and 5xx (and no answer): retry later, after `Retry-After` when given, else a doubling
 *   backoff. 401 and 403: stop and flag the destination until "Resume"; other 4xx stop too (the
 *   destination refuses the batch, sending it again would not help).
 * - Events younger than SETTLE_MS are left for the next step, so an event whose write is still in
 *   flight with an earlier timestamp is not skipped. A step that finds only such events asks for
 *   one follow-up run FOLLOW_UP_SECONDS later (`followUpSeconds`), unless one is already asked for
 *   (`followUpAt` in the state): a steady stream keeps one follow-up going per destination, not
 *   one per run. Events the delivery causes itself (its App API call records, `causesRun`) never
 *   ask for one, or each run would start the next for ever: they go with the next run.
 * - What the caller asks the queue for next is in the step's answer: `retry` (this step's send
 *   failed: run again after `afterSeconds`), `waiting` (an earlier send failed and its run already
 *   asked for the retry), `busy` with the lease it met (a run mid-step; the caller may check once
 *   more, see consumers/siem-delivery.ts).
 */
import type { AuditEvent } from '../audit/model';
import { toSiemEntity } from '../audit/export/siem-entity';
import { BATCH_LIMITS, batches } from './batch';
import type { DeliveryState, Destination } from './destination';
import { buildSiemRequest, type SiemRequest } from './request-format';

export const LEASE_MS = 60_000;
export const SETTLE_MS = 3_000;
/** Longer than SETTLE_MS, so the follow-up finds the events it waited for ready to send. */
export const FOLLOW_UP_SECONDS = 10;
const BACKOFF_MAX_S = 300;

export interface Lease {
  owner: string;
  until: number;
}

export interface LeasedState extends DeliveryState {
  lease?: Lease | null;
  failures?: number;
  /** A follow-up run is asked for at this time (see `followUpSeconds`); none is asked for again before. */
  followUpAt?: number | null;
}

export interface SendOutcome {
  /** null: no answer (connection refused or dropped, timeout). */
  status: number | null;
  retryAfterSeconds: number | null;
  message: string;
  /** The platform refused to send (an undeclared egress domain): sending again cannot help. */
  refused?: boolean;
}

export interface DeliveryPorts {
  readState(destinationId: string): Promise<LeasedState | null>;
  /** Writes `next` only if the stored version is still `expectedVersion`. */
  writeState(destinationId: string, next: LeasedState, expectedVersion: number): Promise<boolean>;
  /** Events with `t` in [after.t, until], oldest first, without the ids already sent at `after.t`; at most `limit`. */
  readEvents(after: DeliveryState['position'], until: number, limit: number): Promise<AuditEvent[]>;
  credential(destinationId: string): Promise<string | null>;
  send(request: SiemRequest): Promise<SendOutcome>;
  /** Whether an event waiting to settle is worth a follow-up run (false for the delivery's own records). */
  causesRun(event: AuditEvent): boolean;
  now(): number;
  owner: string;
}

export type DeliveryStep =
  | { kind: 'sent'; count: number; more: boolean }
  /** Nothing ready to send; `followUpSeconds`: ask for a run then (events are settling). */
  | { kind: 'idle'; followUpSeconds: number | null }
  /** Another run holds the lease (`lease`, or null when it was taken between read and write). */
  | { kind: 'busy'; lease: Lease | null }
  /** This step's send failed: run again after `afterSeconds`. */
  | { kind: 'retry'; afterSeconds: number }
  /** An earlier send failed and the destination waits `afterSeconds` more; that run asked for the retry. */
  | { kind: 'waiting'; afterSeconds: number }
  | { kind: 'stopped'; reason: string };

function backoffSeconds(failures: number, retryAfter: number | null): number {
  const doubling = Math.min(BACKOFF_MAX_S, 2 ** Math.max(0, failures - 1));
  return Math.max(1, retryAfter ?? 0, retryAfter === null ? doubling : 0);
}

function advance(position: DeliveryState['position'], sent: readonly AuditEvent[]): DeliveryState['position'] {
  const last = Date.parse(sent[sent.length - 1].timestamp);
  const atLast = sent.filter((event) => Date.parse(event.timestamp) === last).map((event) => event.id);
  return { t: last, ids: last === position.t ? [...new Set([...position.ids, ...atLast])] : atLast };
}

export async function deliverStep(ports: DeliveryPorts, destination: Destination): Promise<DeliveryStep> {
  const now = ports.now();
  const state = await ports.readState(destination.id);
  if (!state) return { kind: 'stopped', reason: 'The destination has no delivery state.' };
  if (state.status === 'stopped') return { kind: 'stopped', reason: state.lastError?.message ?? 'Stopped.' };
  if (state.retryAt !== null && state.retryAt > now) return { kind: 'waiting', afterSeconds: Math.ceil((state.retryAt - now) / 1000) };
  if (state.lease && state.lease.until > now && state.lease.owner !== ports.owner) return { kind: 'busy', lease: state.lease };

  const leased: LeasedState = { ...state, lease: { owner: ports.owner, until: now + LEASE_MS }, version: state.version + 1 };
  if (!(await ports.writeState(destination.id, leased, state.version))) return { kind: 'busy', lease: null };

  const release = async (next: LeasedState): Promise<void> => {
    await ports.writeState(destination.id, { ...next, lease: null, version: leased.version + 1 }, leased.version);
  };

  // Read up to now: the events still settling come last (oldest first) and only tell whether to follow up.
  const read = await ports.readEvents(state.position, now, BATCH_LIMITS.events + 1);
  const events = read.filter((event) => Date.parse(event.timestamp) <= now - SETTLE_MS);
  if (events.length === 0) {
    const followUp = read.some((event) => ports.causesRun(event)) && !((state.followUpAt ?? 0) > now);
    await release(followUp ? { ...leased, followUpAt: now + FOLLOW_UP_SECONDS * 1000 } : leased);
    return { kind: 'idle', followUpSeconds: followUp ? FOLLOW_UP_SECONDS : null };
  }
  const entities = events.map(toSiemEntity);
  const [batch] = batches(entities, (entity) => JSON.stringify(entity).length + 1);
  const credential = await ports.credential(destination.id);
  if (credential === null) {
    await release({ ...leased, status: 'stopped', lastError: { at: now, status: null, message: 'No credential is stored for this destination: save it again with its credential.' } });
    return { kind: 'stopped', reason: 'No credential.' };
  }
  const outcome = await ports.send(buildSiemRequest(destination, credential, batch));
  const at = ports.now();
  if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
    const sent = events.slice(0, batch.length);
    await release({
      ...leased,
      position: advance(state.position, sent),
      lastDeliveryAt: at,
      lastDeliveredCount: sent.length,
      delivered: state.delivered + sent.length,
      retryAt: null,
      failures: 0,
    });
    return { kind: 'sent', count: sent.length, more: read.length > batch.length };
  }
  const lastError = { at, status: outcome.status, message: outcome.message };
  if (!outcome.refused && (outcome.status === null || outcome.status === 429 || outcome.status >= 500)) {
    const failures = (state.failures ?? 0) + 1;
    const afterSeconds = backoffSeconds(failures, outcome.retryAfterSeconds);
    await release({ ...leased, lastError, failures, retryAt: at + afterSeconds * 1000 });
    return { kind: 'retry', afterSeconds };
  }
  await release({ ...leased, status: 'stopped', lastError });
  return { kind: 'stopped', reason: outcome.message };
}

/** "Resume": the destination continues from its position, skipping nothing. */
export function resumed(state: LeasedState): LeasedState {
  return { ...state, status: 'active', retryAt: null, failures: 0, lease: null, version: state.version + 1 };
}
