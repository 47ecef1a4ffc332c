/**
 * Event-driven SIEM delivery (docs/performance.md: a stored event reaches a healthy destination within
 * 2 minutes). Whoever stores audit events calls `deliverSoon` afterwards; when SIEM destinations
 * exist, it asks the `siem-delivery` queue for a run NUDGE_DELAY_SECONDS later. Forge's scheduled
 * triggers run at most every five minutes, so the tick (consumers/siem-delivery.ts) stays only as
 * the safety net.
 *
 * Debounced per warm instance: at most one push every NUDGE_DELAY_SECONDS, however many events it
 * stores, so a burst costs a bounded number of pushes and consumer invocations. Skipping a push is
 * safe because the window is no longer than the delay: an event stored after a push and before its
 * run is already stored when that run reads. A run that finds events too young to send
 * (domain/siem/deliver.ts SETTLE_MS) asks for one follow-up itself. The delay is longer than that
 * settle time, so a lone event is sent by the run its own push started.
 *
 * No storage call of its own: whether destinations exist comes from the settings key the caller
 * has read already (adapters/settings/settings-store.ts). A failed push never fails the caller:
 * the event is stored, and the tick will send it.
 */
import { requestDelivery } from './delivery-queue';

/** Longer than the settle time of domain/siem/deliver.ts (3 s), so the run finds the event ready. */
export const NUDGE_DELAY_SECONDS = 5;

let lastPushAt = Number.NEGATIVE_INFINITY;

/**
 * Starts a delivery run soon if destinations exist: `streaming` is what the caller read in the
 * settings key (`siemStreaming()` of adapters/settings/settings-store.ts, or the verification read).
 */
export async function deliverSoon(streaming: boolean | Promise<boolean>): Promise<void> {
  try {
    if (!(await streaming)) return;
    const now = Date.now();
    if (now - lastPushAt < NUDGE_DELAY_SECONDS * 1000) return;
    lastPushAt = now;
    await requestDelivery({}, NUDGE_DELAY_SECONDS).catch((error: unknown) => {
      lastPushAt = Number.NEGATIVE_INFINITY;
      throw error;
    });
  } catch (error) {
    console.warn(`Could not start a SIEM delivery run (${error instanceof Error ? error.name : 'error'}); the five-minute tick will.`);
  }
}
