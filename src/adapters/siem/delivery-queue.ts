/** The async event queue that runs SIEM delivery and the success fold (manifest consumer `siem-delivery`). */
import { Queue } from '@forge/events';
import type { Lease } from '../../domain/siem/deliver';

export const SIEM_QUEUE = 'siem-delivery';

export interface DeliveryJob {
  /** One destination, or every active one when absent. */
  destinationId?: string;
  /** Asked for by a run whose send failed (consumers/siem-delivery.ts). */
  retry?: boolean;
  /** Asked for by a run that met another run mid-step: the lease it met (null: taken as it wrote). */
  recheck?: Lease | null;
  /** Fold closed windows of success tallies first (adapters/audit/success-fold.ts). */
  fold?: true;
}

/** A job body as the queue hands it over, keeping only well-formed fields. */
export function parseJob(body: unknown): DeliveryJob {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const lease = raw.recheck as Partial<Lease> | null | undefined;
  return {
    ...(typeof raw.destinationId === 'string' ? { destinationId: raw.destinationId } : {}),
    ...(raw.retry === true ? { retry: true } : {}),
    ...(raw.fold === true ? { fold: true as const } : {}),
    ...(lease === null ? { recheck: null } : {}),
    ...(lease && typeof lease.owner === 'string' && typeof lease.until === 'number' ? { recheck: { owner: lease.owner, until: lease.until } } : {}),
  };
}

/** Asks for a delivery run, now or after `delayInSeconds` (at most 900, the platform's limit). */
export async function requestDelivery(job: DeliveryJob = {}, delayInSeconds = 0): Promise<void> {
  const delay = Math.min(900, Math.max(0, Math.ceil(delayInSeconds)));
  await new Queue({ key: SIEM_QUEUE }).push([{ body: { ...job }, ...(delay > 0 ? { delayInSeconds: delay } : {}) }]);
}
