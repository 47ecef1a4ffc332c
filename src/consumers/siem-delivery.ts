/**
 * The `siem-delivery` queue consumer (product.md §12): delivers what each active destination has
 * not received yet, batch after batch, until it is caught up, asked to wait (429/5xx) or about to
 * run out of time. Whatever is left is asked for again through the queue: at once when there is
 * more, after the destination's `Retry-After`/backoff when it asked to wait. The scheduled
 * `siem-delivery-tick` starts a run every five minutes, so a destination never depends on a
 * queue event surviving.
 */
import { requestDelivery, type DeliveryJob } from '../adapters/siem/delivery-queue';
import { deliveryPorts } from '../adapters/siem/delivery-ports';
import { listDestinations } from '../adapters/siem/siem-store';
import { runDeadline } from '../adapters/audit/run-budget';
import { deliverStep } from '../domain/siem/deliver';

/** A batch can take this long (the send's own timeout is 20 s): none starts closer to the deadline. */
const BATCH_RESERVE_MS = 25_000;

export async function runDelivery(job: DeliveryJob): Promise<{ delivered: Record<string, number> }> {
  const destinations = (await listDestinations()).filter((d) => job.destinationId === undefined || d.id === job.destinationId);
  const delivered: Record<string, number> = {};
  const deadline = runDeadline(Date.now());
  await Promise.all(
    destinations.map(async (destination) => {
      delivered[destination.id] = 0;
      const ports = deliveryPorts(destination);
      for (;;) {
        if (deadline - Date.now() < BATCH_RESERVE_MS) {
          await requestDelivery({ destinationId: destination.id });
          return;
        }
        const step = await deliverStep(ports, destination);
        if (step.kind === 'sent') {
          delivered[destination.id] += step.count;
          continue;
        }
        if (step.kind === 'retry') await requestDelivery({ destinationId: destination.id }, step.afterSeconds);
        return;
      }
    }),
  );
  return { delivered };
}

export async function siemDelivery(event: { body?: DeliveryJob }): Promise<void> {
  const body = event.body ?? {};
  await runDelivery(typeof body.destinationId === 'string' ? { destinationId: body.destinationId } : {});
}

/** Scheduled every five minutes: one run for every destination. */
export async function siemDeliveryTick(): Promise<void> {
  if ((await listDestinations()).length > 0) await requestDelivery({});
}
