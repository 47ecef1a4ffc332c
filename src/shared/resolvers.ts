/**
 * The resolver contract, declared once for the back end and the pages (docs/resolvers.md): each
 * key's payload type is derived from the zod schema that validates it (`z.input`, what a page
 * sends), and each page module's spec map is checked against its keys (src/resolvers/define.ts),
 * so a missing, misspelt or unknown key, or a payload that drifts from its schema, fails
 * `npm run typecheck`. Pages call resolvers only through these names.
 */
import type { z } from 'zod';
import type { AlertView } from '../domain/alerts/model';
import type { AlertWebhook } from '../domain/alerts/webhook';
import type { AuditEvent } from '../domain/audit/model';
import type { SealWithLeaves } from '../domain/seals/seal';
import type { DestinationView } from '../domain/siem/destination';
import type { HygieneNotices, UnusedPreview } from '../domain/hygiene/notices';
import type { Settings } from '../domain/settings/model';
import type { PersonalPolicyView } from '../domain/tokens/policy-view';
import type { TokenView } from '../domain/tokens/views';
import type { acknowledgeAlertSchema, listAlertsSchema, saveWebhookSchema, webhookIdSchema } from '../resolvers/schemas/alerts';
import type { auditAuthorSearchSchema, auditBootstrapSchema, auditSearchSchema } from '../resolvers/schemas/audit';
import type { destinationIdSchema, destinationInputSchema, saveDestinationSchema } from '../resolvers/schemas/destinations';
import type { integrityRangeSchema, integritySealsSchema } from '../resolvers/schemas/integrity';
import type { recentCallsSchema } from '../resolvers/schemas/outbound';
import type { previewUnusedSchema, updateSettingsSchema } from '../resolvers/schemas/settings';
import type {
  createTokenSchema,
  emptySchema,
  listTokensSchema,
  revokeAllSchema,
  revokeTokenSchema,
  rotateTokenSchema,
  updateTokenSchema,
} from '../resolvers/schemas/tokens';
import type { pickerSearchSchema } from '../resolvers/schemas/users';

export type { PersonalPolicyView, TokenView };

/** What a page sends for a schema: its input type (before transforms such as ISO → epoch). */
type Sent<S extends z.ZodType> = z.input<S>;

export type CreateTokenPayload = Sent<typeof createTokenSchema>;
export type ListTokensPayload = Sent<typeof listTokensSchema>;
export type UpdateTokenPayload = Sent<typeof updateTokenSchema>;
export type AuditSearchPayload = Sent<typeof auditSearchSchema>;
/** A SIEM destination as the Destinations tab sends it; `credential` only when set or replaced. */
export type DestinationInput = Sent<typeof destinationInputSchema>;
type Empty = Sent<typeof emptySchema>;

export interface AuditSearchData {
  entities: AuditEvent[];
  cursor: string | null;
  /** True when a free-text scan stopped at the scan limit before filling the page. */
  scanLimitReached?: boolean;
  /**
   * Display names, by account id, of the page's user authors whose events store only the account id
   * (authentication events: the web trigger knows no name). Beside the events, never in them: the
   * events are exactly as stored, so exports and their integrity seals stay byte-identical.
   */
  authorNames?: Record<string, string>;
  /**
   * With `countBeyond`: the matches after this page, exact unless `atLeast` (one more storage read
   * of at most 100 rows, only for a filter one index partition answers alone: none, a single
   * category, action or author, with one retention period). Absent where counting would mean
   * reading every match (storage has no count).
   */
  beyond?: { count: number; atLeast: boolean };
}

export interface OutboundCallView {
  id: string;
  method: string;
  route: string;
  actor: 'app' | 'user';
  origin: 'backend' | 'frontend';
  description: string;
}

export interface UserSummary {
  accountId: string;
  displayName: string;
}

export interface CurrentUser {
  accountId: string;
  displayName: string;
  isAdmin: boolean;
}


/** The admin page's count of live tokens that stop verifying within the widest reminder window. */
export interface ExpiringCount {
  withinDays: number;
  count: number;
  /** False when there were more than the count read (the page says "at least"). */
  complete: boolean;
}

export type { HygieneNotices, UnusedPreview };

export interface AuditFacets {
  categories: string[];
  actions: Array<{ category: string; action: string }>;
  /** Affected object types the producers use (e.g. `API token`, `user`), for the object filter. */
  objectTypes?: string[];
}

export interface ResolverContract {
  'admin/bootstrap': {
    payload: Empty;
    data: {
      me: CurrentUser;
      tokens: { tokens: TokenView[]; cursor: string | null };
      settings: Settings;
      catalog: { calls: OutboundCallView[]; supportUrl: string };
      recentCalls: AuditEvent[];
      /** Names of the groups in `settings.policies.creators`, so the settings tab shows names, not ids. */
      creatorGroups?: Array<{ groupId: string; name: string }>;
      expiring?: ExpiringCount;
    };
  };
  'personal/bootstrap': {
    payload: Empty;
    data: {
      me: CurrentUser;
      tokens: { tokens: TokenView[]; cursor: string | null };
      policy: PersonalPolicyView;
      /** The banner: the caller's tokens that stop verifying soon or are to be revoked as unused. */
      notices?: HygieneNotices;
    };
  };
  'audit/bootstrap': { payload: Sent<typeof auditBootstrapSchema>; data: { firstPage: AuditSearchData; facets: AuditFacets } };
  'users/search': { payload: Sent<typeof pickerSearchSchema>; data: { users: UserSummary[] } };
  'groups/search': { payload: Sent<typeof pickerSearchSchema>; data: { groups: Array<{ groupId: string; name: string }> } };
  'outbound/recent': { payload: Sent<typeof recentCallsSchema>; data: { events: AuditEvent[] } };
  'tokens/create': { payload: CreateTokenPayload; data: { token: TokenView; secret: string } };
  'tokens/list': { payload: ListTokensPayload; data: { tokens: TokenView[]; cursor: string | null } };
  'tokens/revoke': { payload: Sent<typeof revokeTokenSchema>; data: { token: TokenView } };
  'tokens/revokeAllForUser': { payload: Sent<typeof revokeAllSchema>; data: { revoked: number } };
  'tokens/rotate': { payload: Sent<typeof rotateTokenSchema>; data: { token: TokenView; secret: string } };
  'tokens/update': { payload: UpdateTokenPayload; data: { token: TokenView } };
  'settings/get': { payload: Empty; data: { settings: Settings } };
  'settings/update': { payload: Sent<typeof updateSettingsSchema>; data: { settings: Settings } };
  'audit/search': { payload: AuditSearchPayload; data: AuditSearchData };
  /** The audit log's person picker for the author filter. */
  'audit/searchAuthors': { payload: Sent<typeof auditAuthorSearchSchema>; data: { users: UserSummary[] } };
  'outbound/catalog': { payload: Empty; data: { calls: OutboundCallView[]; supportUrl: string } };
  'destinations/list': { payload: Empty; data: { destinations: DestinationView[] } };
  'destinations/save': { payload: Sent<typeof saveDestinationSchema>; data: { destination: DestinationView } };
  'destinations/remove': { payload: Sent<typeof destinationIdSchema>; data: { removed: boolean } };
  'destinations/test': { payload: Sent<typeof destinationIdSchema>; data: { delivered: boolean; status: number | null; message: string } };
  'destinations/resume': { payload: Sent<typeof destinationIdSchema>; data: { destination: DestinationView } };
  /** Which live tokens an unused-days value would revoke, before it is saved (nothing is written). */
  'hygiene/previewUnused': { payload: Sent<typeof previewUnusedSchema>; data: UnusedPreview };
  'alerts/list': {
    payload: Sent<typeof listAlertsSchema>;
    /** `acknowledgerNames`: display names of the page's acknowledgers by account id, where Jira knows them. */
    data: { alerts: AlertView[]; cursor: string | null; acknowledgerNames: Record<string, string> };
  };
  'alerts/acknowledge': { payload: Sent<typeof acknowledgeAlertSchema>; data: { alert: AlertView } };
  'alerts/webhooks/list': { payload: Empty; data: { webhooks: AlertWebhook[] } };
  /** `url` only when set or replaced; it is never returned. */
  'alerts/webhooks/save': { payload: Sent<typeof saveWebhookSchema>; data: { webhook: AlertWebhook } };
  'alerts/webhooks/remove': { payload: Sent<typeof webhookIdSchema>; data: { removed: boolean } };
  'alerts/webhooks/test': { payload: Sent<typeof webhookIdSchema>; data: { delivered: boolean; message: string } };
  'integrity/verify': { payload: Sent<typeof integrityRangeSchema>; data: IntegrityReport };
  /** The seals (with their leaves) whose periods overlap the range, oldest first, for an export to carry; `cursor` pages on. */
  'integrity/seals': { payload: Sent<typeof integritySealsSchema>; data: { seals: SealWithLeaves[]; cursor: string | null } };
}

export interface IntegrityReport {
  ok: boolean;
  seals: number;
  skipped: number;
  firstMismatch: { seq: number; from: number; to: number; fromIso: string | null; toIso: string; kind: string; eventId: string | null } | null;
}

export type ResolverKey = keyof ResolverContract;

/** The resolvers each page module serves (manifest.yml); src/resolvers/define.ts checks each map against these. */
export interface ModuleResolvers {
  'api-token-admin':
    | 'admin/bootstrap'
    | 'tokens/create'
    | 'tokens/list'
    | 'tokens/revoke'
    | 'tokens/revokeAllForUser'
    | 'tokens/rotate'
    | 'tokens/update'
    | 'settings/get'
    | 'settings/update'
    | 'users/search'
    | 'groups/search'
    | 'outbound/catalog'
    | 'outbound/recent'
    | 'audit/bootstrap'
    | 'audit/search'
    | 'audit/searchAuthors'
    | 'destinations/list'
    | 'destinations/save'
    | 'destinations/remove'
    | 'destinations/test'
    | 'destinations/resume'
    | 'integrity/verify'
    | 'integrity/seals'
    | 'hygiene/previewUnused'
    | 'alerts/list'
    | 'alerts/acknowledge'
    | 'alerts/webhooks/list'
    | 'alerts/webhooks/save'
    | 'alerts/webhooks/remove'
    | 'alerts/webhooks/test';
  'my-api-tokens': 'personal/bootstrap' | 'tokens/create' | 'tokens/list' | 'tokens/revoke' | 'tokens/rotate' | 'tokens/update';
  'audit-log': 'audit/bootstrap' | 'audit/search' | 'audit/searchAuthors' | 'integrity/seals';
}
export type PageModule = keyof ModuleResolvers;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K]['payload'];
export type DataOf<K extends ResolverKey> = ResolverContract[K]['data'];
