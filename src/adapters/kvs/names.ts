/** Every storage name in one place: entity names, index names and key prefixes (manifest.yml app.storage). */
export const ENTITY = {
  token: 'token',
  tokenLookup: 'token-lookup',
  /** One row (key `settings`) guarding the settings key with a version, for optimistic concurrency. */
  settingsVersion: 'settings-version',
  rateWindow: 'rate-window',
  auditEvent: 'audit-event',
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
} as const;
