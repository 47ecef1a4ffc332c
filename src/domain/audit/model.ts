/**
 * Audit events in Atlassian Audit's entity shape (seed 004, product.md §5).
 */
export type AuthorType = 'user' | 'anonymous' | 'system' | 'app';
export type AuditMethod = 'Web trigger' | 'Admin page' | 'Personal settings' | 'Scheduled' | 'App';

export interface AuditAuthor {
  id: string;
  name: string;
  type: AuthorType;
}

export interface AuditType {
  category: string;
  action: string;
  categoryI18nKey: string;
  actionI18nKey: string;
}

export interface AffectedObject {
  id: string;
  name: string;
  type: string;
}

export interface ChangedValue {
  key: string;
  from: string | null;
  to: string | null;
}

export interface ExtraAttribute {
  name: string;
  value: string;
}

export interface AuditEvent {
  id: string;
  /** ISO-8601. */
  timestamp: string;
  author: AuditAuthor;
  type: AuditType;
  affectedObjects: AffectedObject[];
  changedValues: ChangedValue[];
  extraAttributes: ExtraAttribute[];
  /** Client IP, when known. */
  source: string | null;
  method: AuditMethod;
  /** Site URL or cloud id. */
  system: string;
}

/** The action catalog of §5: one entry per action, with its category and toggle. */
export const AUDIT_ACTIONS = {
  tokenCreated: { category: 'Token management', action: 'Token created', toggle: null },
  tokenRevoked: { category: 'Token management', action: 'Token revoked', toggle: null },
  allTokensRevoked: { category: 'Token management', action: 'All tokens of a user revoked', toggle: null },
  tokenRotated: { category: 'Token management', action: 'Token rotated', toggle: null },
  tokenEdited: { category: 'Token management', action: 'Token edited', toggle: null },
  auditSettingsChanged: { category: 'Settings', action: 'Audit settings changed', toggle: null },
  tokenPolicyChanged: { category: 'Settings', action: 'Token policy changed', toggle: null },
  authSucceeded: { category: 'Authentication', action: 'Token authentication succeeded', toggle: 'successfulAuthentication' },
  authFailed: { category: 'Authentication', action: 'Token authentication failed', toggle: 'failedAuthentication' },
  credentialVerificationFailed: { category: 'Authentication', action: 'Credential verification failed', toggle: 'failedCredentialVerification' },
  permissionDenied: { category: 'Authentication', action: 'Permission denied', toggle: 'permissionDenied' },
  rateLimited: { category: 'Authentication', action: 'Rate limited', toggle: 'rateLimited' },
  appApiCall: { category: 'App API calls', action: 'App API call', toggle: 'appApiCalls' },
  eventsPurged: { category: 'Audit log', action: 'Events purged', toggle: null },
  eventsDiscarded: { category: 'Audit log', action: 'Events discarded', toggle: null },
} as const;

export type AuditActionId = keyof typeof AUDIT_ACTIONS;

/** What a producer hands to the recorder; the recorder fills id, timestamp, type and system. */
export interface AuditEventDraft {
  action: AuditActionId;
  author: AuditAuthor;
  affectedObjects?: AffectedObject[];
  changedValues?: ChangedValue[];
  extraAttributes?: ExtraAttribute[];
  source?: string | null;
  method: AuditMethod;
}

/**
 * The one recorder every producer uses. It applies the toggles, the excluded actions
 * and success aggregation, retries a failed write once and counts what it had to discard.
 */
export interface AuditRecorder {
  record(draft: AuditEventDraft): Promise<void>;
}
