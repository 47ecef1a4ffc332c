/**
 * What token operations need from the outside world. The kvs repository, the Jira directory and
 * the settings store implement these; unit tests use in-memory fakes (test/fakes).
 */
import type { AuditEvent, AuditMethod } from '../audit/model';
import type { Clock, RandomSource } from '../ports';
import type { Settings } from '../settings/model';
import type { RateLimit, Token, TokenStatus, TokenUsage } from './model';
import type { StoredToken } from './stored';

/** One token write: the new state and the revision it must replace (`'new'` = must not exist yet). */
export interface TokenWrite {
  next: StoredToken;
  expected: number | 'new';
}

/** Writes that happen together or not at all: tokens, their lookups and the audit events about them. */
export interface TokenCommit {
  writes: TokenWrite[];
  events: AuditEvent[];
}

/** `conflict`: another writer changed one of the tokens first; nothing was written. */
export type CommitOutcome = 'committed' | 'conflict';

export interface TokenListQuery {
  ownerAccountId?: string;
  /** Case-insensitive substring of the description. */
  text?: string;
  status?: TokenStatus;
  /** Active tokens whose validity ends within this many days from `now`. */
  expiringWithinDays?: number;
  cursor?: string;
  limit: number;
  now: number;
}

export interface TokenPage {
  /** Metadata with usage merged in; never a hash. */
  tokens: Token[];
  cursor: string | null;
}

export interface TokenRepository {
  get(tokenId: string): Promise<StoredToken | null>;
  /** The tokens that exist among `tokenIds` (at most 25), in any order; one storage call. */
  getMany(tokenIds: readonly string[]): Promise<StoredToken[]>;
  list(query: TokenListQuery): Promise<TokenPage>;
  /** A page of a user's tokens that are not revoked (stored state `active`), oldest first. */
  listUnrevokedOwnedBy(ownerAccountId: string, cursor: string | undefined, limit: number): Promise<{ tokens: StoredToken[]; cursor: string | null }>;
  commit(commit: TokenCommit): Promise<CommitOutcome>;
  /** Usage of one token, kept apart from its record (written by verification). */
  usage(secretHash: string): Promise<TokenUsage>;
  /**
   * Before a token's rate limit changes to `limit`: stores the counts of the current window, so
   * that the new limit counts what was already admitted (domain/verification/rate-limit.ts).
   */
  recordRateLimitEdit(secretHash: string, limit: RateLimit, now: number): Promise<void>;
}

export interface DirectoryUser {
  accountId: string;
  displayName: string;
}

export interface Directory {
  isAdmin(accountId: string): Promise<boolean>;
  groupIds(accountId: string): Promise<string[]>;
  /** Users that exist, in any order; unknown ids are left out. Throws when Jira cannot answer. */
  users(accountIds: string[]): Promise<DirectoryUser[]>;
  /** Best effort: names it could find. Never throws (names are decoration, not decisions). */
  displayNames(accountIds: string[]): Promise<Map<string, string>>;
}

export interface SettingsSource {
  load(): Promise<Settings>;
}

/** Everything a token operation depends on. */
export interface TokenDeps {
  repository: TokenRepository;
  directory: Directory;
  settings: SettingsSource;
  clock: Clock;
  random: RandomSource;
  /** Site URL or cloud id recorded as the audit event's `system`. */
  site: string;
}

/** Who is acting and from where. `reach: 'own'` confines every operation to the caller's tokens. */
export interface Caller {
  accountId: string;
  /** Verified on the server: true on the admin module; undefined until needed on the personal module. */
  isAdmin: boolean | undefined;
  reach: 'all' | 'own';
  method: AuditMethod;
  /** Events name a person as author unless the app acts on its own (the daily run): `app`. */
  authorType?: 'user' | 'app';
}
