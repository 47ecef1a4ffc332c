/**
 * How a token and its lookup are laid out in the custom entities of manifest.yml (`token`,
 * `token-lookup`). Indexed attributes are copies of record fields chosen for the list queries.
 */
import type { Token, TokenLookup } from '../../domain/tokens/model';
import { effectiveEnd, NO_USAGE, toLookup, type ReplacedSecret, type StoredToken } from '../../domain/tokens/stored';

/** "Never" as a number, so range queries on expiry treat never-expiring tokens as the far future. */
export const NEVER = 8.64e15;

/** The record kept in storage: the token plus the hash of its secret and its chain (never sent to a page). */
export interface TokenRecord extends Token {
  secretHash: string;
  replacedInGrace?: ReplacedSecret[];
}

export interface TokenEntity {
  ownerAccountId: string;
  /** Stored state: `active` | `revoked`. `expired` is derived from `expiresAt`. */
  status: Token['state'];
  createdAt: number;
  /** When the token stops verifying by itself: expiry or end of a rotation grace period; NEVER if neither. */
  expiresAt: number;
  descriptionLower: string;
  revision: number;
  record: TokenRecord;
}

export interface LookupEntity {
  tokenId: string;
  record: TokenLookup;
}

export function toTokenEntity(stored: StoredToken): TokenEntity {
  const { token } = stored;
  return {
    ownerAccountId: token.ownerAccountId,
    status: token.state,
    createdAt: token.createdAt,
    expiresAt: effectiveEnd(token) ?? NEVER,
    descriptionLower: token.description.toLowerCase(),
    revision: stored.revision,
    // Usage is kept under its own key; the record holds no copy that could go stale.
    record: {
      ...token,
      usage: NO_USAGE,
      secretHash: stored.secretHash,
      ...(stored.replacedInGrace === undefined ? {} : { replacedInGrace: stored.replacedInGrace }),
    },
  };
}

export function fromTokenEntity(entity: TokenEntity): StoredToken {
  const { secretHash, replacedInGrace, ...token } = entity.record;
  const stored: StoredToken = { token: { ...token, usage: token.usage ?? NO_USAGE }, secretHash, revision: entity.revision };
  if (replacedInGrace !== undefined) stored.replacedInGrace = replacedInGrace;
  return stored;
}

export function toLookupEntity(token: Token): LookupEntity {
  return { tokenId: token.id, record: toLookup(token) };
}
