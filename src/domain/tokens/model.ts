/**
 * Token data as the domain sees it (docs/tokens.md).
 * Times are epoch milliseconds; `null` means "never" / "not set".
 */
import type { AddressChain } from '../verification/client-ip';
import type { DayCount } from './daily-usage';

export const TOKEN_SCOPES = ['read-only', 'read-write', 'audit-read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Stored state. `expired` is derived from expiresAt at read time, never stored. */
export type StoredTokenState = 'active' | 'revoked';
export type TokenStatus = 'active' | 'revoked' | 'expired';

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export interface TokenUsage {
  lastUsedAt: number | null;
  lastUsedIp: string | null;
  /**
   * The `X-Forwarded-For` chain the last recorded use arrived with and the entry taken as its
   * client (domain/verification/client-ip.ts), so an admin can see what the platform sends.
   */
  lastUsedChain: AddressChain | null;
  useCount: number;
  /**
   * Verified requests per UTC day, the last 30 days (daily-usage.ts). Stored sparse, as of the
   * last usage write; a token view carries all 30 days up to the moment it was read.
   */
  requestsPerDay: DayCount[];
}

/**
 * What the daily hygiene run (domain/hygiene) has recorded about a token, kept on its record so
 * that both pages show it without another storage call and every change is a conditional write.
 */
export interface TokenHygiene {
  /** Reminder days already recorded as "Token expiring soon" (never twice for one day). */
  remindedDays?: number[];
  /** The owner was warned that the token will be revoked as unused. */
  unusedWarning?: UnusedWarning;
  /** When the daily run found the owner's Atlassian account deactivated (setting "flag"). */
  ownerDeactivatedAt?: number;
}

export interface UnusedWarning {
  /** Last use, or creation for a never-used token, when the warning was given. A later use voids it. */
  idleSince: number;
  warnedAt: number;
  /** The earliest moment the daily run revokes it: at least 7 days after the warning. */
  revokeAfter: number;
  /** The policy's day count the warning was given under; another count voids it. */
  days: number;
}

/** Token metadata: what lists and pages show. Never carries the secret or its hash. */
export interface Token {
  id: string;
  ownerAccountId: string;
  createdBy: string;
  description: string;
  scope: TokenScope;
  /** Non-secret hint: prefix plus the first characters of the random part. */
  hint: string;
  createdAt: number;
  expiresAt: number | null;
  state: StoredTokenState;
  revokedAt: number | null;
  revokedBy: string | null;
  ipAllowlist: string[];
  rateLimit: RateLimit | null;
  /** Rotation links. */
  replacedBy: string | null;
  replaces: string | null;
  /** While a rotated-away token is still accepted: end of its grace period. */
  graceEndsAt: number | null;
  usage: TokenUsage;
  /** Absent until the daily run first records something about the token. */
  hygiene?: TokenHygiene;
}

/**
 * The hash-keyed record verification reads in one storage call.
 * Keyed by the SHA-256 hex of the secret; holds a copy of what verification needs.
 */
export interface TokenLookup {
  tokenId: string;
  ownerAccountId: string;
  description: string;
  scope: TokenScope;
  expiresAt: number | null;
  state: StoredTokenState;
  revokedAt: number | null;
  /** Set on the old token when rotated: accepted until then, rejected after. */
  graceEndsAt: number | null;
  ipAllowlist: string[];
  rateLimit: RateLimit | null;
  usage: TokenUsage;
}

export function tokenStatus(token: Pick<Token, 'state' | 'expiresAt' | 'graceEndsAt'>, now: number): TokenStatus {
  if (token.state === 'revoked') return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  if (token.graceEndsAt !== null && token.graceEndsAt <= now) return 'expired';
  return 'active';
}
