/**
 * The verification use case wired to the platform: @forge/kvs storage, the system clock,
 * Math.random (shard picks, tally ids and retry spread, nothing secret) and real timers. One per instance,
 * so that its instance memory (domain/verification/instance-memory.ts) lasts while it is warm.
 */
import { requestAlertDelivery } from '../adapters/alerts/alert-queue';
import { alertWebhooksConfigured, kvsVerificationStore } from '../adapters/verification/verification-store';
import { foldScheduler } from '../adapters/audit/success-fold';
import { systemClock } from '../domain/ports';
import { createAuthenticator } from '../domain/verification/authenticate';

export const authenticate = createAuthenticator({
  store: kvsVerificationStore,
  clock: systemClock,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  log: (line) => console.info(line),
  // A stored alert goes to the webhooks through the queue, off the request path, when there are any
  // (known from the settings key the verification read: no storage call).
  alerts: { raised: async (alerts) => (alertWebhooksConfigured() ? requestAlertDelivery(alerts) : undefined) },
  // A window of success tallies is folded into its event once it can be (adapters/audit/success-fold.ts).
  folds: foldScheduler,
});
