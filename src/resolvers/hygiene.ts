/**
 * Token hygiene on the pages (docs/tokens.md): the admin page's preview of an unused-token policy
 * before it is saved, its count of tokens ending soon, and the owner's banner on the personal page.
 */
import { countEndingWithin, kvsLiveTokens } from '../adapters/tokens/live-tokens';
import { kvsTokenRepository } from '../adapters/tokens/token-repository';
import { jiraDirectory } from '../adapters/tokens/token-directory';
import { readUsage } from '../adapters/tokens/usage';
import { ownerNotices, previewUnused, warnedTokens, type HygieneNotices } from '../domain/hygiene/notices';
import { reminderWindowDays } from '../domain/hygiene/rules';
import type { HygieneSettings } from '../domain/settings/model';
import type { DataOf, ExpiringCount } from '../shared/resolvers';
import { ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { previewUnusedSchema } from './schemas/settings';

/** The tokens the admin page's count and its "Show them" filter are about. */
export async function expiringCount(now: number, settings: HygieneSettings): Promise<ExpiringCount> {
  const withinDays = reminderWindowDays(settings.reminderDays);
  return { withinDays, ...(await countEndingWithin(now, withinDays)) };
}

/** The owner's banner: one index query of their unrevoked tokens, usage only of those warned. */
export async function noticesFor(accountId: string, now: number, settings: HygieneSettings): Promise<HygieneNotices> {
  const { tokens } = await kvsTokenRepository.listUnrevokedOwnedBy(accountId, undefined, 100);
  const usage = await readUsage(warnedTokens(tokens).map((stored) => stored.secretHash));
  return ownerNotices(tokens, usage, now, settings);
}

export const hygieneSpecs = {
  'hygiene/previewUnused': spec({
    access: 'admin',
    payload: previewUnusedSchema,
    handle: async (payload): Promise<ResolverResult<DataOf<'hygiene/previewUnused'>>> => {
      if (payload.unusedDays === null) return ok({ tokens: [], scanned: 0, complete: true });
      const preview = await previewUnused(kvsLiveTokens, Date.now(), payload.unusedDays);
      const names = await jiraDirectory.displayNames(preview.tokens.map((item) => item.ownerAccountId));
      return ok({
        ...preview,
        tokens: preview.tokens.map((item) => {
          const ownerDisplayName = names.get(item.ownerAccountId);
          return ownerDisplayName === undefined ? item : { ...item, ownerDisplayName };
        }),
      });
    },
  }),
};
