/**
 * Resolver names and payload/data types, declared once for the back end and the pages
 * (product.md §10). Pages call resolvers only through these names.
 */
import type { AuditEvent } from '../domain/audit/model';
import type { DestinationKind, DestinationView } from '../domain/siem/destination';
import type { Settings } from '../domain/settings/model';
import type { RateLimit, Token, TokenScope, TokenStatus } from '../domain/tokens/model';

/** A token as lists and pages see it: metadata plus derived status. Never a secret or hash. */
export interface TokenView extends Token {
  status: TokenStatus;
  ownerDisplayName?: string;
}

export interface CreateTokenPayload {
  description: string;
  scope: TokenScope;
  /** ISO-8601, or null for "never" (subject to the maximum validity policy). */
  expiresAt: string | null;
  ownerAccountId?: string;
  ipAllowlist?: string[];
  rateLimit?: RateLimit | null;
}

export interface ListTokensPayload {
  ownerAccountId?: string;
  text?: string;
  status?: TokenStatus;
  expiringWithinDays?: number;
  cursor?: string;
  limit?: number;
}

export interface UpdateTokenPayload {
  tokenId: string;
  description?: string;
  ipAllowlist?: string[];
  rateLimit?: RateLimit | null;
}

export interface AuditSearchPayload {
  from?: string;
  to?: string;
  categories?: string[];
  actions?: string[];
  authors?: string[];
  affectedObject?: { type: string; id: string };
  search?: string;
  limit?: number;
  cursor?: string;
  scanLimit?: number;
}

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

/** What the personal page needs to know about the token policy. */
export interface PersonalPolicyView {
  canCreate: boolean;
  forcedScope: TokenScope | null;
  /** Latest allowed expiry as ISO, or null when tokens may never expire. */
  maxExpiresAt: string | null;
  defaultRateLimit: RateLimit | null;
}

export interface AuditFacets {
  categories: string[];
  actions: Array<{ category: string; action: string }>;
  /** Affected object types the producers use (e.g. `API token`, `user`), for the object filter. */
  objectTypes?: string[];
}

export interface ResolverContract {
  'admin/bootstrap': {
    payload: Record<string, never>;
    data: {
      me: CurrentUser;
      tokens: { tokens: TokenView[]; cursor: string | null };
      settings: Settings;
      catalog: { calls: OutboundCallView[]; supportUrl: string };
      recentCalls: AuditEvent[];
      /** Names of the groups in `settings.policies.creators`, so the settings tab shows names, not ids. */
      creatorGroups?: Array<{ groupId: string; name: string }>;
    };
  };
  'personal/bootstrap': {
    payload: Record<string, never>;
    data: { me: CurrentUser; tokens: { tokens: TokenView[]; cursor: string | null }; policy: PersonalPolicyView };
  };
  'audit/bootstrap': { payload: Record<string, never>; data: { firstPage: AuditSearchData; facets: AuditFacets } };
  'users/search': { payload: { query: string }; data: { users: UserSummary[] } };
  'groups/search': { payload: { query: string }; data: { groups: Array<{ groupId: string; name: string }> } };
  'outbound/recent': { payload: { limit?: number }; data: { events: AuditEvent[] } };
  'tokens/create': { payload: CreateTokenPayload; data: { token: TokenView; secret: string } };
  'tokens/list': { payload: ListTokensPayload; data: { tokens: TokenView[]; cursor: string | null } };
  'tokens/revoke': { payload: { tokenId: string }; data: { token: TokenView } };
  'tokens/revokeAllForUser': { payload: { accountId: string }; data: { revoked: number } };
  'tokens/rotate': { payload: { tokenId: string; graceSeconds: number }; data: { token: TokenView; secret: string } };
  'tokens/update': { payload: UpdateTokenPayload; data: { token: TokenView } };
  'settings/get': { payload: Record<string, never>; data: { settings: Settings } };
  'settings/update': { payload: { settings: Settings }; data: { settings: Settings } };
  'audit/search': { payload: AuditSearchPayload; data: AuditSearchData };
  /** The audit log's person picker for the author filter. */
  'audit/searchAuthors': { payload: { query: string }; data: { users: UserSummary[] } };
  'outbound/catalog': { payload: Record<string, never>; data: { calls: OutboundCallView[]; supportUrl: string } };
  'destinations/list': { payload: Record<string, never>; data: { destinations: DestinationView[] } };
  'destinations/save': { payload: { destination: DestinationInput }; data: { destination: DestinationView } };
  'destinations/remove': { payload: { destinationId: string }; data: { removed: boolean } };
  'destinations/test': { payload: { destinationId: string }; data: { delivered: boolean; status: number | null; message: string } };
  'destinations/resume': { payload: { destinationId: string }; data: { destination: DestinationView } };
  'integrity/verify': { payload: { from?: string; to?: string }; data: IntegrityReport };
}

/** A SIEM destination as the Destinations tab sends it; `credential` only when set or replaced. */
export interface DestinationInput {
  id?: string;
  kind: DestinationKind;
  name: string;
  url: string;
  index?: string;
  credential?: string;
}

export interface IntegrityReport {
  ok: boolean;
  seals: number;
  skipped: number;
  firstMismatch: { seq: number; from: number; to: number; fromIso: string | null; toIso: string; kind: string; eventId: string | null } | null;
}

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K]['payload'];
export type DataOf<K extends ResolverKey> = ResolverContract[K]['data'];
