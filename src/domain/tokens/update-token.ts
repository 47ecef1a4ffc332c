/**
 * Editing a token's description, IP allowlist or rate limit. Scope and expiry are not editable:
 * changing them means issuing a new token (docs/tokens.md).
 */
import type { TokenView } from './views';
import { fail, type ResolverResult } from '../result';
import type { ChangedValue } from '../audit/model';
import { normalizeCidrList } from '../net/cidr';
import { allowlistFailure } from './create-token';
import type { RateLimit, Token } from './model';
import { mutateToken, refuse } from './mutate-token';
import type { Caller, TokenDeps } from './ports';
import { tokenEvent } from './token-events';
import { toView } from './views';

export interface UpdateTokenInput {
  tokenId: string;
  description?: string;
  ipAllowlist?: string[];
  rateLimit?: RateLimit | null;
}

function formatAllowlist(list: readonly string[]): string | null {
  return list.length === 0 ? null : list.join(', ');
}

function formatRateLimit(limit: RateLimit | null): string | null {
  return limit === null ? null : `${limit.requests} requests per ${limit.windowSeconds} s`;
}

/** What actually changes, as audit changed values; an empty list means the edit is a no-op. */
export function tokenChanges(before: Token, after: Token): ChangedValue[] {
  const changes: ChangedValue[] = [];
  if (before.description !== after.description) {
    changes.push({ key: 'description', from: before.description, to: after.description });
  }
  if (formatAllowlist(before.ipAllowlist) !== formatAllowlist(after.ipAllowlist)) {
    changes.push({ key: 'ipAllowlist', from: formatAllowlist(before.ipAllowlist), to: formatAllowlist(after.ipAllowlist) });
  }
  if (formatRateLimit(before.rateLimit) !== formatRateLimit(after.rateLimit)) {
    changes.push({ key: 'rateLimit', from: formatRateLimit(before.rateLimit), to: formatRateLimit(after.rateLimit) });
  }
  return changes;
}

export async function updateToken(deps: TokenDeps, caller: Caller, input: UpdateTokenInput): Promise<ResolverResult<{ token: TokenView }>> {
  let ipAllowlist: string[] | undefined;
  if (input.ipAllowlist !== undefined) {
    const parsed = normalizeCidrList(input.ipAllowlist);
    if (!parsed.ok) return allowlistFailure(parsed.invalid);
    ipAllowlist = parsed.cidrs;
  }
  if (input.description === undefined && ipAllowlist === undefined && input.rateLimit === undefined) {
    return fail('INVALID_INPUT', 'Nothing to change: send a description, ipAllowlist or rateLimit.');
  }
  return mutateToken(deps, caller, input.tokenId, async (current, now) => {
    if (current.token.state === 'revoked') {
      return refuse({ code: 'CONFLICT', message: 'A revoked token cannot be edited.' });
    }
    const edited: Token = {
      ...current.token,
      description: input.description ?? current.token.description,
      ipAllowlist: ipAllowlist ?? current.token.ipAllowlist,
      rateLimit: input.rateLimit === undefined ? current.token.rateLimit : input.rateLimit,
    };
    const changedValues = tokenChanges(current.token, edited);
    const names = await deps.directory.displayNames([caller.accountId, current.token.ownerAccountId]);
    const usage = await deps.repository.usage(current.secretHash);
    // Nothing changed: answer with the token as it is, without a write or an event.
    if (changedValues.length === 0) {
      return { ok: true, commit: null, result: { token: toView({ ...current.token, usage }, now, names) } };
    }
    // Before the new limit is visible: from then on, it counts what its window already admitted.
    if (edited.rateLimit !== null && changedValues.some((change) => change.key === 'rateLimit')) {
      await deps.repository.recordRateLimitEdit(current.secretHash, edited.rateLimit, now);
    }
    const next = { ...current, token: edited, revision: current.revision + 1 };
    return {
      ok: true,
      commit: {
        writes: [{ next, expected: current.revision }],
        events: [tokenEvent(deps, now, { action: 'tokenEdited', caller, token: edited, names, changedValues })],
      },
      result: { token: toView({ ...edited, usage }, now, names) },
    };
  });
}
