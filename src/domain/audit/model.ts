/**
 * Audit events in Atlassian Audit's entity shape (docs/audit-events.md).
 * Pure data and the action catalog; browser-safe (the Custom UI imports it).
 */
import type { Settings } from '../settings/model';

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
  /** Atlassian Audit's `i18nKey` of the changed value's key; filled by buildEvent. */
  i18nKey?: string;
}

export interface ExtraAttribute {
  name: string;
  value: string;
  /** Atlassian Audit's `nameI18nKey`; filled by buildEvent. */
  nameI18nKey?: string;
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

/** Categories in the order the UI lists them. */
export const AUDIT_CATEGORIES = [
  'Token management',
  'Settings',
  'Authentication',
  'Security alerts',
  'App API calls',
  'Audit log',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** The settings toggles of docs/audit-events.md (keys of Settings['audit']). */
export type AuditToggle =
  | 'successfulAuthentication'
  | 'failedAuthentication'
  | 'failedCredentialVerification'
  | 'permissionDenied'
  | 'rateLimited'
  | 'appApiCalls';

interface CatalogEntry {
  category: AuditCategory;
  action: string;
  /** null: always recorded (cannot be switched off or excluded). */
  toggle: AuditToggle | null;
}

/** The action catalog of docs/audit-events.md: one entry per action, with its category and toggle. */
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
  // Token hygiene and security signals (docs/tokens.md): always recorded.
  tokenExpiringSoon: { category: 'Security alerts', action: 'Token expiring soon', toggle: null },
  unusedTokenWarned: { category: 'Security alerts', action: 'Unused token to be revoked', toggle: null },
  ownerDeactivated: { category: 'Security alerts', action: 'Token owner deactivated', toggle: null },
  revokedTokenPresented: { category: 'Security alerts', action: 'Revoked or expired token presented', toggle: null },
  newNetworkUsed: { category: 'Security alerts', action: 'Token used from a new network', toggle: null },
  failureBurst: { category: 'Security alerts', action: 'Burst of failed verifications', toggle: null },
  alertAcknowledged: { category: 'Security alerts', action: 'Alert acknowledged', toggle: null },
  appApiCall: { category: 'App API calls', action: 'App API call', toggle: 'appApiCalls' },
  eventsPurged: { category: 'Audit log', action: 'Events purged', toggle: null },
  eventsDiscarded: { category: 'Audit log', action: 'Events discarded', toggle: null },
  eventsSealed: { category: 'Audit log', action: 'Events sealed', toggle: null },
} as const satisfies Record<string, CatalogEntry>;

export type AuditActionId = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_IDS = Object.keys(AUDIT_ACTIONS) as AuditActionId[];

/** Actions whose events may be aggregated ("at most one success event per token per window"). */
export const AGGREGATABLE_ACTIONS: readonly AuditActionId[] = ['authSucceeded'];

/** Affected object types the producers use; the search UI offers them in its object filter. */
export const OBJECT_TYPES = { token: 'API token', user: 'user', apiCall: 'API call' } as const;

/**
 * Extra attribute names the producers share, so that one attribute reads the same in every event
 * and in exports (docs/audit-events.md lists which action carries which).
 */
export const ATTRIBUTES = {
  tokenId: 'Token ID',
  tokenDescription: 'Token description',
  scope: 'Scope',
  owner: 'Owner',
  requestMethod: 'Request method',
  requestPath: 'Request path',
  clientIp: 'Client IP',
  reason: 'Reason code',
  count: 'Count',
  windowStart: 'Window start',
  windowEnd: 'Window end',
  callId: 'Call ID',
  route: 'Route',
  statusCode: 'Status code',
  durationMs: 'Duration (ms)',
  actor: 'Runs as',
  origin: 'Origin',
  purgedCount: 'Events purged',
  discardedCount: 'Events discarded',
  complete: 'Complete',
  sealSeq: 'Seal',
  sealRange: 'Sealed period',
  sealCount: 'Events sealed',
  sealRoot: 'Merkle root',
  sealPrev: 'Previous seal hash',
  sealHash: 'Seal hash',
} as const;

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
 * The one recorder every producer uses. It applies the toggles and the excluded actions, retries
 * a failed write once and counts what it had to discard.
 * `options.settings` spares a storage read when the producer has already loaded the settings.
 */
export interface AuditRecorder {
  record(draft: AuditEventDraft, options?: RecordOptions): Promise<RecordOutcome | void>;
}

export interface RecordOptions {
  settings?: Settings;
  /** Site URL or cloud id for `system`; defaults to the recorder's own. */
  system?: string;
}

/** What became of a draft: written, skipped by the rules, or discarded. */
export type RecordOutcome = 'recorded' | 'skipped' | 'discarded';
