/** The IP allowlist and rate limit a token form edits: what the user typed, and what it means. */
import type { RateLimit } from '../../domain/tokens/model';
import { parseLines, type FieldIssues } from './field-issues';

/** What the user typed: the request count stays text until it is submitted, so it can be empty or wrong. */
export interface RateLimitDraft {
  requests: string;
  windowSeconds: number;
}

export function draftOf(limit: RateLimit | null): RateLimitDraft {
  return limit ? { requests: String(limit.requests), windowSeconds: limit.windowSeconds } : { requests: '', windowSeconds: 60 };
}

/** Empty means "no limit of its own"; anything else must be a positive whole number. */
export function parseRateLimit(draft: RateLimitDraft): { ok: true; value: RateLimit | null } | { ok: false; message: string } {
  const text = draft.requests.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^\d+$/.test(text) || Number(text) < 1) return { ok: false, message: 'Enter a whole number of requests, or leave it empty.' };
  return { ok: true, value: { requests: Number(text), windowSeconds: draft.windowSeconds } };
}

export interface TokenLimitsDraft {
  /** One address or CIDR range per line, as typed. */
  allowlist: string;
  rateLimit: RateLimitDraft;
}

export interface TokenLimits {
  ipAllowlist: string[];
  rateLimit: RateLimit | null;
}

export function limitsDraftOf(limits: TokenLimits): TokenLimitsDraft {
  return { allowlist: limits.ipAllowlist.join('\n'), rateLimit: draftOf(limits.rateLimit) };
}

/** The allowlist is checked by the server (CIDR syntax); only the request count can be wrong here. */
export function parseTokenLimits(draft: TokenLimitsDraft): { ok: true; value: TokenLimits } | { ok: false; issues: FieldIssues } {
  const limit = parseRateLimit(draft.rateLimit);
  if (!limit.ok) return { ok: false, issues: [{ path: 'rateLimit', message: limit.message }] };
  return { ok: true, value: { ipAllowlist: parseLines(draft.allowlist), rateLimit: limit.value } };
}

const sameList = (a: string[], b: string[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);

/** Only the limits that differ from the token's, so an edit's audit event lists exactly what changed. */
export function changedLimits(before: TokenLimits, after: TokenLimits): Partial<TokenLimits> {
  const changed: Partial<TokenLimits> = {};
  if (!sameList(after.ipAllowlist, before.ipAllowlist)) changed.ipAllowlist = after.ipAllowlist;
  if (before.rateLimit?.requests !== after.rateLimit?.requests || before.rateLimit?.windowSeconds !== after.rateLimit?.windowSeconds) {
    changed.rateLimit = after.rateLimit;
  }
  return changed;
}
