/**
 * Rotation: a new secret for the same token settings. The old secret keeps verifying until the
 * grace period ends (0 = at once); both tokens point at each other. One transaction writes the
 * new token, its lookup, the old token's link and grace end, the old lookup and the audit event.
 * The new token records which replaced secrets of its chain are still in grace, so that revoking
 * it ends them too (chain.ts); rotation refuses to leave more of them than one revocation can end.
 */
import type { ResolverResult } from '../result';
import { randomUuid } from '../ids';
import { checkNewTokenRules, type IssuedToken } from './create-token';
import { generateToken, tokenHint } from './format';
import { hashToken } from './hash';
import { tokenStatus, type Token } from './model';
import { mutateToken, refuse } from './mutate-token';
import type { Caller, TokenDeps } from './ports';
import { NO_USAGE, type StoredToken } from './stored';
import { formatTime, tokenEvent, tokenObject } from './token-events';
import { chainOfReplacement, MAX_REPLACED_IN_GRACE, replacedLinks } from './chain';
import { toView } from './views';

export interface RotateTokenInput {
  tokenId: string;
  graceSeconds: number;
}

export async function rotateToken(deps: TokenDeps, caller: Caller, input: RotateTokenInput): Promise<ResolverResult<IssuedToken>> {
  // The secret is drawn once: a retry after a concurrent change re-plans the records, not the secret.
  const secret = generateToken(deps.random);
  const newId = randomUuid(deps.random);
  return mutateToken(deps, caller, input.tokenId, async (current, now) => {
    const old = current.token;
    const status = tokenStatus(old, now);
    if (status === 'revoked') return refuse({ code: 'CONFLICT', message: 'A revoked token cannot be rotated.' });
    if (old.replacedBy !== null) {
      return refuse({ code: 'CONFLICT', message: 'This token has already been rotated. Rotate its replacement instead.' });
    }
    if (status === 'expired') return refuse({ code: 'CONFLICT', message: 'An expired token cannot be rotated. Create a new token instead.' });

    // The replacement is a new token, so it meets today's policy (a tightened policy applies on rotation).
    const settings = await deps.settings.load();
    const rules = await checkNewTokenRules(deps, caller, { scope: old.scope, expiresAt: old.expiresAt, now, policies: settings.policies });
    if (!rules.ok) return refuse({ code: rules.code, message: rules.message });

    const replacement: Token = {
      ...old,
      id: newId,
      createdBy: caller.accountId,
      hint: tokenHint(secret),
      createdAt: now,
      state: 'active',
      revokedAt: null,
      revokedBy: null,
      replacedBy: null,
      replaces: old.id,
      graceEndsAt: null,
      usage: NO_USAGE,
    };
    const graceEndsAt = now + input.graceSeconds * 1000;
    const earlier = await replacedLinks(deps, current, now);
    const chain = chainOfReplacement(current, earlier, graceEndsAt, now);
    if (chain.length > MAX_REPLACED_IN_GRACE) {
      const firstEnd = Math.min(...earlier.map((link) => link.graceEndsAt));
      return refuse({
        code: 'CONFLICT',
        message:
          `${MAX_REPLACED_IN_GRACE} earlier secrets of this token are still in their grace period, the most that revoking it can end at once. ` +
          `Rotate with no grace period, or after ${formatTime(firstEnd)}.`,
      });
    }
    const rotatedAway: StoredToken = {
      ...current,
      token: { ...old, replacedBy: newId, graceEndsAt },
      revision: current.revision + 1,
    };
    const names = await deps.directory.displayNames([caller.accountId, old.ownerAccountId]);
    const event = tokenEvent(deps, now, {
      action: 'tokenRotated',
      caller,
      token: rotatedAway.token,
      names,
      moreObjects: [tokenObject(replacement)],
      extraAttributes: [
        { name: 'Replaced by', value: newId },
        { name: 'New hint', value: replacement.hint },
        { name: 'Grace period ends', value: formatTime(graceEndsAt) },
      ],
    });
    return {
      ok: true,
      commit: {
        writes: [
          { next: rotatedAway, expected: current.revision },
          { next: { token: replacement, secretHash: hashToken(secret), revision: 1, replacedInGrace: chain }, expected: 'new' },
        ],
        events: [event],
      },
      result: { token: toView(replacement, now, names), secret },
    };
  });
}
