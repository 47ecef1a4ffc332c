/**
 * What the pages show about hygiene: the owner's banner (tokens that stop verifying soon, tokens
 * warned as unused) and the admin page's preview of an unused-token policy before it is saved.
 */
import type { HygieneSettings } from '../settings/model';
import { tokenStatus, type TokenUsage } from '../tokens/model';
import { NO_USAGE, type StoredToken } from '../tokens/stored';
import type { LiveTokenSource } from './daily-run';
import { currentWarning, endingSoon, idleSince, previewRevocation } from './rules';

export interface ExpiringNotice {
  tokenId: string;
  description: string;
  hint: string;
  /** When it stops verifying (expiry, or the end of a rotation grace period). */
  endsAt: number;
}

export interface UnusedNotice {
  tokenId: string;
  description: string;
  hint: string;
  idleSince: number;
  /** The daily run revokes it from then on, unless it is used before. */
  revokeAfter: number;
  days: number;
}

export interface HygieneNotices {
  expiring: ExpiringNotice[];
  unused: UnusedNotice[];
}

/** The banner of one owner's page, from their unrevoked tokens and the usage of those warned. */
export function ownerNotices(tokens: readonly StoredToken[], usage: ReadonlyMap<string, TokenUsage>, now: number, settings: HygieneSettings): HygieneNotices {
  const expiring: ExpiringNotice[] = [];
  const unused: UnusedNotice[] = [];
  for (const { token, secretHash } of tokens) {
    if (tokenStatus(token, now) !== 'active') continue;
    const endsAt = endingSoon(token, now, settings.reminderDays);
    if (endsAt !== null) expiring.push({ tokenId: token.id, description: token.description, hint: token.hint, endsAt });
    const warning = currentWarning(token, usage.get(secretHash) ?? NO_USAGE, settings.unusedDays);
    if (warning) {
      unused.push({ tokenId: token.id, description: token.description, hint: token.hint, idleSince: warning.idleSince, revokeAfter: warning.revokeAfter, days: warning.days });
    }
  }
  expiring.sort((a, b) => a.endsAt - b.endsAt);
  unused.sort((a, b) => a.revokeAfter - b.revokeAfter);
  return { expiring, unused };
}

/** The tokens whose usage the banner needs: only those carrying a warning (usually none). */
export function warnedTokens(tokens: readonly StoredToken[]): StoredToken[] {
  return tokens.filter((stored) => stored.token.hygiene?.unusedWarning !== undefined);
}

export interface UnusedPreviewItem {
  tokenId: string;
  description: string;
  hint: string;
  ownerAccountId: string;
  ownerDisplayName?: string;
  lastUsedAt: number | null;
  idleSince: number;
  revokeAfter: number;
}

export interface UnusedPreview {
  tokens: UnusedPreviewItem[];
  /** Live tokens read. */
  scanned: number;
  /** False when the preview stopped at MAX_PREVIEW_TOKENS: more tokens exist than it read. */
  complete: boolean;
}

/** The preview reads at most this many live tokens (20 index pages and 80 batch gets of usage). */
export const MAX_PREVIEW_TOKENS = 2_000;

/**
 * Which live tokens `unusedDays` would revoke, and from when: every token the next daily run would
 * warn (or has warned), soonest first. Nothing is written.
 */
export async function previewUnused(live: LiveTokenSource, now: number, unusedDays: number): Promise<UnusedPreview> {
  const tokens: UnusedPreviewItem[] = [];
  let scanned = 0;
  let cursor: string | undefined;
  do {
    const page = await live.live(now, cursor);
    const usage = await live.usage(page.tokens.map((stored) => stored.secretHash));
    for (const { token, secretHash } of page.tokens) {
      const used = usage.get(secretHash) ?? NO_USAGE;
      const revokeAfter = previewRevocation(token, used, now, unusedDays);
      if (revokeAfter === null) continue;
      tokens.push({
        tokenId: token.id,
        description: token.description,
        hint: token.hint,
        ownerAccountId: token.ownerAccountId,
        lastUsedAt: used.lastUsedAt,
        idleSince: idleSince(token, used),
        revokeAfter,
      });
    }
    scanned += page.tokens.length;
    cursor = page.cursor ?? undefined;
  } while (cursor && scanned < MAX_PREVIEW_TOKENS);
  tokens.sort((a, b) => a.revokeAfter - b.revokeAfter);
  return { tokens, scanned, complete: cursor === undefined };
}
