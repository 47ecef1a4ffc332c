/**
 * Rotation chains. Rotating A gives B, rotating B gives C: A and B are C's replaced secrets, and
 * each may still verify until its grace period ends. Revoking a token of a chain ends the grace of
 * every secret it replaced in the same transaction, so a person who revokes a leaked token can
 * trust that nothing of it still works.
 *
 * Bound: a transaction holds at most 25 operations and revoking one token takes 3 (token, lookup,
 * event), so one revocation covers at most MAX_CHAIN_TOKENS tokens. Rotation keeps every chain
 * within it: it refuses to leave more than MAX_REPLACED_IN_GRACE replaced secrets in grace at once.
 * Replaced secrets whose grace has ended are neither read nor written, however long the chain.
 */
import type { Token } from './model';
import { tokenStatus } from './model';
import type { TokenDeps } from './ports';
import type { ReplacedSecret, StoredToken } from './stored';

/** Operations a revocation writes per token: the token, its lookup and its "Token revoked" event. */
export const OPERATIONS_PER_REVOCATION = 3;
/** The platform's limit on operations in one transaction. */
export const TRANSACTION_OPERATIONS = 25;
export const MAX_CHAIN_TOKENS = Math.floor(TRANSACTION_OPERATIONS / OPERATIONS_PER_REVOCATION);
/** Replaced secrets that may be in grace at once: the revoked token takes the last place. */
export const MAX_REPLACED_IN_GRACE = MAX_CHAIN_TOKENS - 1;
/** The longest grace period rotation offers (7 days). */
export const MAX_GRACE_SECONDS = 604_800;
const MAX_GRACE_MS = MAX_GRACE_SECONDS * 1000;

/** The replaced secrets of `stored` that may still be in grace at `now`, newest first. */
export function replacedInGrace(stored: StoredToken, now: number): ReplacedSecret[] {
  return (stored.replacedInGrace ?? []).filter((link) => link.graceEndsAt > now);
}

/** What a token issued by rotating `rotated` with grace end `graceEndsAt` records about its chain. */
export function chainOfReplacement(rotated: StoredToken, replaced: ReplacedSecret[], graceEndsAt: number, now: number): ReplacedSecret[] {
  const own = graceEndsAt > now ? [{ tokenId: rotated.token.id, graceEndsAt }] : [];
  return [...own, ...replaced.filter((link) => link.graceEndsAt > now)];
}

function stillVerifies(token: Token, now: number): boolean {
  return tokenStatus(token, now) === 'active';
}

/**
 * Tokens written before chains were recorded carry no list: follow `replaces` instead, at most
 * MAX_REPLACED_IN_GRACE links back. The walk stops at a revoked or missing token, and at a token
 * issued more than the longest grace period ago (every secret before it has ended by now).
 */
async function walkReplaced(deps: TokenDeps, stored: StoredToken, now: number): Promise<StoredToken[]> {
  const found: StoredToken[] = [];
  let link = stored;
  for (let step = 0; step < MAX_REPLACED_IN_GRACE; step += 1) {
    if (link.token.replaces === null || link.token.createdAt + MAX_GRACE_MS <= now) break;
    const previous = await deps.repository.get(link.token.replaces);
    if (!previous || previous.token.state === 'revoked') break;
    if (stillVerifies(previous.token, now)) found.push(previous);
    link = previous;
  }
  return found;
}

/**
 * The secrets `stored` replaced that still verify at `now`, read fresh (with their revisions) so
 * that their revocation can be written conditionally together with the token's own.
 * At most one storage call (a batch get), none when no replaced secret is in grace.
 */
export async function liveReplaced(deps: TokenDeps, stored: StoredToken, now: number): Promise<StoredToken[]> {
  if (stored.token.replaces === null) return [];
  if (stored.replacedInGrace === undefined) return walkReplaced(deps, stored, now);
  const links = replacedInGrace(stored, now);
  if (links.length === 0) return [];
  const found = await deps.repository.getMany(links.map((link) => link.tokenId));
  const byId = new Map(found.map((item) => [item.token.id, item]));
  return links.flatMap((link) => {
    const item = byId.get(link.tokenId);
    return item && stillVerifies(item.token, now) ? [item] : [];
  });
}

/**
 * The replaced secrets that rotating `stored` now passes on to the replacement's record: its own
 * list, less the graces that have ended (no storage call), or for an older token the walk above.
 */
export async function replacedLinks(deps: TokenDeps, stored: StoredToken, now: number): Promise<ReplacedSecret[]> {
  if (stored.token.replaces === null) return [];
  if (stored.replacedInGrace !== undefined) return replacedInGrace(stored, now);
  const walked = await walkReplaced(deps, stored, now);
  return walked.flatMap((item) => (item.token.graceEndsAt === null ? [] : [{ tokenId: item.token.id, graceEndsAt: item.token.graceEndsAt }]));
}
