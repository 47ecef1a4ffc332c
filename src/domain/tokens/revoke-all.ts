/**
 * Revoking every token of a user (admin page). Each token is revoked together with the replaced
 * secrets of its chain that are still in grace (chain.ts), so a chain is never split across
 * transactions. Chains are packed into transactions of at most REVOKE_BATCH tokens, each token
 * with its own "Token revoked" event (3 operations per token, within the platform's 25 per
 * transaction), then one "All tokens of a user revoked" event with the count.
 */
import { TRY_AGAIN, withAttempts } from '../attempts';
import { ok, type ResolverResult } from '../result';
import type { ExtraAttribute } from '../audit/model';
import { liveReplaced, MAX_CHAIN_TOKENS } from './chain';
import type { Caller, TokenDeps } from './ports';
import { chainRevocation, type ChainPlan } from './revoke-token';
import { tokenStatus } from './model';
import type { StoredToken } from './stored';
import { buildManagementEvent, userObject } from './token-events';

export const REVOKE_BATCH = MAX_CHAIN_TOKENS;
const PAGE_SIZE = 48;
const REASON: ExtraAttribute = { name: 'Reason', value: 'All tokens of the user revoked' };

function size(plans: readonly ChainPlan[]): number {
  return plans.reduce((sum, plan) => sum + 1 + plan.replaced.length, 0);
}

async function commitPlans(deps: TokenDeps, caller: Caller, plans: readonly ChainPlan[], names: ReadonlyMap<string, string>): Promise<boolean> {
  const now = deps.clock.now();
  const planned = plans.map((plan) => chainRevocation(deps, caller, plan, now, names, [REASON]).commit);
  const outcome = await deps.repository.commit({ writes: planned.flatMap((c) => c.writes), events: planned.flatMap((c) => c.events) });
  return outcome === 'committed';
}

/** Revokes one chain on its own after a batch lost a race; 0 when someone else revoked its token first. */
async function revokeSingly(deps: TokenDeps, caller: Caller, tokenId: string, names: ReadonlyMap<string, string>): Promise<number> {
  const revoked = await withAttempts(3, async () => {
    const current = await deps.repository.get(tokenId);
    if (!current || current.token.state === 'revoked') return 0;
    const plan: ChainPlan = { target: current, replaced: await liveReplaced(deps, current, deps.clock.now()) };
    return (await commitPlans(deps, caller, [plan], names)) ? size([plan]) : TRY_AGAIN;
  });
  if (revoked === TRY_AGAIN) throw new Error('A token kept changing while all tokens of its owner were being revoked.');
  return revoked;
}

async function revokeBatch(deps: TokenDeps, caller: Caller, batch: ChainPlan[], names: ReadonlyMap<string, string>): Promise<number> {
  if (await commitPlans(deps, caller, batch, names)) return size(batch);
  let revoked = 0;
  for (const plan of batch) revoked += await revokeSingly(deps, caller, plan.target.token.id, names);
  return revoked;
}

/**
 * One plan per chain head of the page. A replaced secret still in grace waits for the token that
 * replaced it (newer, so listed later), whose plan takes it along: the whole chain then ends in
 * one transaction. `planned` holds every token planned so far in this run, `waiting` the replaced
 * secrets not yet taken along.
 */
async function planPage(deps: TokenDeps, tokens: readonly StoredToken[], planned: Set<string>, waiting: Set<string>): Promise<ChainPlan[]> {
  const plans: ChainPlan[] = [];
  for (const target of tokens) {
    const id = target.token.id;
    if (planned.has(id)) continue;
    const now = deps.clock.now();
    if (target.token.replacedBy !== null && tokenStatus(target.token, now) === 'active') {
      waiting.add(id);
      continue;
    }
    planned.add(id);
    const replaced = (await liveReplaced(deps, target, now)).filter((item) => !planned.has(item.token.id));
    for (const item of replaced) {
      planned.add(item.token.id);
      waiting.delete(item.token.id);
    }
    plans.push({ target, replaced });
  }
  return plans;
}

/** Packs whole chains into batches of at most REVOKE_BATCH tokens. */
function pack(plans: readonly ChainPlan[]): ChainPlan[][] {
  const batches: ChainPlan[][] = [];
  let current: ChainPlan[] = [];
  for (const plan of plans) {
    if (current.length > 0 && size(current) + size([plan]) > REVOKE_BATCH) {
      batches.push(current);
      current = [];
    }
    current.push(plan);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export async function revokeAllForUser(deps: TokenDeps, caller: Caller, accountId: string): Promise<ResolverResult<{ revoked: number }>> {
  // Rotation keeps the owner, so every chain member is this user's token and has this user's name.
  const names = await deps.directory.displayNames([caller.accountId, accountId]);
  const planned = new Set<string>();
  const waiting = new Set<string>();
  let revoked = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.repository.listUnrevokedOwnedBy(accountId, cursor, PAGE_SIZE);
    for (const batch of pack(await planPage(deps, page.tokens, planned, waiting))) {
      revoked += await revokeBatch(deps, caller, batch, names);
    }
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);
  // Replaced secrets whose replacement was not listed (already revoked, say): revoked on their own.
  for (const id of waiting) revoked += await revokeSingly(deps, caller, id, names);

  const summary = buildManagementEvent(deps, deps.clock.now(), {
    action: 'allTokensRevoked',
    caller,
    names,
    affectedObjects: [userObject(accountId, names)],
    extraAttributes: [{ name: 'Tokens revoked', value: String(revoked) }],
  });
  await deps.repository.commit({ writes: [], events: [summary] });
  return ok({ revoked });
}
