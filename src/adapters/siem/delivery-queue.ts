/** The async event queue that runs SIEM delivery (manifest consumer `siem-delivery`). */
import { Queue } from '@forge/events';

export const SIEM_QUEUE = 'siem-delivery';

export interface DeliveryJob {
  /** One destination, or every active one when absent. */
  destinationId?: string;
}

/** Asks for a delivery run, now or after `delayInSeconds` (at most 900, the platform's limit). */
export async function requestDelivery(job: DeliveryJob = {}, delayInSeconds = 0): Promise<void> {
  const delay = Math.min(900, Math.max(0, Math.ceil(delayInSeconds)));
  await new Queue({ key: SIEM_QUEUE }).push([{ body: { ...job }, ...(delay > 0 ? { delayInSeconds: delay } : {}) }]);
}
