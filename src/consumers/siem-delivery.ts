/**
 * The `siem-delivery` queue consumer (docs/audit-events.md): delivers what each active destination has
 * not received yet, batch after batch, until it is caught up, asked to wait (429/5xx) or about to
 * run out of time. Whatever is left is asked for again through the queue: at once when there is
 * more, after the destination's `Retry-After`/backoff when it asked to wait, a few seconds later
 * when events are still settling.
 *
 * Runs are started by the events themselves (adapters/siem/delivery-nudge.ts: storing an event
 * asks for a run a few seconds later), by saving or resuming a destination, and by the scheduled
 * `siem-delivery-tick` every five minutes, the safety net: a destination never depends on a
 * queue event surviving. A job with `fold` folds closed windows of success tallies into their
 * events first (adapters/audit/success-fold.ts); the tick does too.
 *
 * A run that meets another run mid-step (`busy`) cannot know whether that step read the events
 * that started it, so it checks once more RECHECK_SECONDS later. If another run is busy then too,
 * that run's step began after the first check (a lease is new) and reads those events: the chain
 * ends. Only while the same step is still in flight does it check again.
 */
import { parseJob, requestDelivery, type DeliveryJob } from '../adapters/siem/delivery-queue';
import type { Lease } from '../domain/siem/deliver';
import { deliveryPorts } from '../adapters/siem/delivery-ports';
import { listDestinations } from '../adapters/siem/siem-store';
import { recordSiemDestinations, siemStreaming } from '../adapters/settings/settings-store';
import { runDeadline } from '../adapters/audit/run-budget';
import { deliverStep } from '../domain/siem/deliver';
import { foldSuccesses } from '../adapters/audit/success-fold';

/** A batch can take this long (the send's own timeout is 20 s): none starts closer to the deadline. */
const BATCH_RESERVE_MS = 25_000;
/** A step that holds the lease takes a few storage calls and at most one send. */
const RECHECK_SECONDS = 5;

function sameLease(a: Lease | null | undefined, b: Lease | null): boolean {
  return !!a && !!b && a.owner === b.owner && a.until === b.until;
}

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
        const again = (next: Omit<DeliveryJob, 'destinationId'>, afterSeconds: number): Promise<void> => requestDelivery({ destinationId: destination.id, ...next }, afterSeconds);
        switch (step.kind) {
          case 'sent':
            delivered[destination.id] += step.count;
            continue;
          case 'retry':
            return again({ retry: true }, step.afterSeconds);
          case 'waiting':
            // The failed run asked for its retry; a retry that came early (clock skew) waits on.
            return job.retry ? again({ retry: true }, step.afterSeconds) : undefined;
          case 'busy':
            return job.recheck === undefined || sameLease(job.recheck, step.lease) ? again({ recheck: step.lease }, RECHECK_SECONDS) : undefined;
          case 'idle':
            return step.followUpSeconds === null ? undefined : again({}, step.followUpSeconds);
          case 'stopped':
            return;
        }
      }
    }),
  );
  return { delivered };
}

export async function siemDelivery(event: { body?: DeliveryJob }): Promise<void> {
  const job = parseJob(event.body);
  // The events a fold stores go with this run's delivery (after their settle time, by its follow-up).
  if (job.fold) await foldSuccesses({ deliver: false });
  await runDelivery(job);
}

/**
 * Scheduled every five minutes: folds closed windows of success tallies (the fold's safety net),
 * then one run for every destination. It also puts right the destination count beside the
 * settings when a concurrent settings save carried an old one forward.
 */
export async function siemDeliveryTick(): Promise<void> {
  await foldSuccesses({ deliver: false });
  const [destinations, streaming] = await Promise.all([listDestinations(), siemStreaming()]);
  if (streaming !== destinations.length > 0) await recordSiemDestinations(destinations.length);
  if (destinations.length > 0) await requestDelivery({});
}
