/**
 * A token as the back end keeps it: the public metadata plus the hash of its secret and a
 * revision for optimistic concurrency. The hash never leaves the back end.
 */
import type { Token, TokenLookup, TokenUsage } from './model';

export interface StoredToken {
  token: Token;
  /** SHA-256 hex of the secret; also the key of the token's lookup record. */
  secretHash: string;
  /** Bumped on every write; a write expecting an older revision fails instead of overwriting. */
  revision: number;
  /**
   * Set by rotation on the replacement: the earlier secrets of its chain that were still in grace
   * when it was issued, newest first (at most MAX_REPLACED_IN_GRACE, see chain.ts). Revoking the
   * token revokes those that still verify. Absent on tokens never issued by rotation, and on
   * tokens rotated before chains were recorded (chain.ts then follows `replaces`).
   */
  replacedInGrace?: ReplacedSecret[];
}

/** A replaced secret of a rotation chain and the end of its grace period. */
export interface ReplacedSecret {
  tokenId: string;
  graceEndsAt: number;
}

export const NO_USAGE: TokenUsage = { lastUsedAt: null, lastUsedIp: null, lastUsedChain: null, useCount: 0, requestsPerDay: [] };

/**
 * The moment a token stops verifying without anyone acting: its expiry or, once rotated,
 * the end of its grace period, whichever comes first. Null when neither is set.
 */
export function effectiveEnd(token: Pick<Token, 'expiresAt' | 'graceEndsAt'>): number | null {
  if (token.expiresAt === null) return token.graceEndsAt;
  if (token.graceEndsAt === null) return token.expiresAt;
  return Math.min(token.expiresAt, token.graceEndsAt);
}

/** What verification needs, copied from the token; written in the same transaction as the token. */
export function toLookup(token: Token): TokenLookup {
  return {
    tokenId: token.id,
    ownerAccountId: token.ownerAccountId,
    description: token.description,
    scope: token.scope,
    expiresAt: token.expiresAt,
    state: token.state,
    revokedAt: token.revokedAt,
    graceEndsAt: token.graceEndsAt,
    ipAllowlist: token.ipAllowlist,
    rateLimit: token.rateLimit,
    // Usage lives under its own key (written by verification), never in the lookup record.
    usage: NO_USAGE,
  };
}
