/** Every storage name in one place: entity names, index names and key prefixes (manifest.yml app.storage). */
export const ENTITY = {
  token: 'token',
  tokenLookup: 'token-lookup',
  /** One row (key `settings`) guarding the settings key with a version, for optimistic concurrency. */
  settingsVersion: 'settings-version',
  rateWindow: 'rate-window',
  auditEvent: 'audit-event',
  /** Security alerts (docs/tokens.md), one row per token, signal and UTC day. */
  alert: 'alert',
} as const;

export const ALERT_INDEX = {
  /** Open or acknowledged alerts, newest first. */
  byStatus: 'by-status',
} as const;

export const TOKEN_INDEX = {
  byCreated: 'by-created',
  byOwner: 'by-owner',
  byStatus: 'by-status',
  byStatusExpiry: 'by-status-expiry',
} as const;

export const AUDIT_INDEX = {
  byTime: 'by-time',
  byCategory: 'by-category',
  byAction: 'by-action',
  byAuthor: 'by-author',
  byObject: 'by-object',
  /** The second affected object (e.g. the token's owner), so both can be filtered on. */
  byObject2: 'by-object2',
} as const;

export const KEY = {
  settings: 'settings',
  /** Counter of events that could not be stored, reported as "Events discarded". */
  discardedEvents: 'audit-discarded',
  /** Where a resumable retention purge continues. */
  purgeCursor: 'audit-purge-cursor',
  /**
   * Prefix of a token's usage record (`usage:<secret hash>`), written by verification under its own
   * key so that a usage write can never overwrite a concurrent edit or revocation of the lookup.
   */
  usagePrefix: 'usage:',
  /**
   * Prefix of a token's rate-limit edit snapshot (`rate-epoch:<secret hash>`, domain/verification/
   * rate-limit.ts): written by the token-update path when a limit changes, read by verification.
   */
  rateEpochPrefix: 'rate-epoch:',
  /** Prefix of an alert's webhook delivery state (`alert-delivery:<alert id>`), apart from the alert row. */
  alertDeliveryPrefix: 'alert-delivery:',
  /** The alert webhooks (names, kinds; the URLs are secrets under `alert-webhook-url:<id>`). */
  alertWebhooks: 'alert-webhooks',
  alertWebhookUrlPrefix: 'alert-webhook-url:',
  /** The last delivery to a webhook (`alert-webhook-last:<id>`), apart from the list so that deliveries never race a save. */
  alertWebhookLastPrefix: 'alert-webhook-last:',
  /**
   * Prefix of a success tally (`agg-tally:<group>:<id>`, domain/audit/success-tally.ts): one per
   * aggregated success, until the fold turns its window into the event. Groups begin with the
   * window's end, zero-padded, so the keys come in order of it.
   */
  successTallyPrefix: 'agg-tally:',
} as const;
