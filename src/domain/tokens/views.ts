/** The shape pages see: metadata, derived status and the owner's name. Never a secret or hash. */
import { lastDays } from './daily-usage';
import { tokenStatus, type Token, type TokenStatus } from './model';

/** A token as lists and pages see it: metadata plus derived status. Never a secret or hash. */
export interface TokenView extends Token {
  status: TokenStatus;
  ownerDisplayName?: string;
}

/** The usage series is widened to every one of the last 30 days at `now`, so a page draws it as it is. */
export function toView(token: Token, now: number, names: ReadonlyMap<string, string>): TokenView {
  const usage = { ...token.usage, requestsPerDay: lastDays(token.usage.requestsPerDay, now) };
  const view: TokenView = { ...token, usage, status: tokenStatus(token, now) };
  const ownerDisplayName = names.get(token.ownerAccountId);
  if (ownerDisplayName !== undefined) view.ownerDisplayName = ownerDisplayName;
  return view;
}
