/** The shape pages see: metadata, derived status and the owner's name. Never a secret or hash. */
import type { TokenView } from '../../shared/resolvers';
import { tokenStatus, type Token } from './model';

export function toView(token: Token, now: number, names: ReadonlyMap<string, string>): TokenView {
  const view: TokenView = { ...token, status: tokenStatus(token, now) };
  const ownerDisplayName = names.get(token.ownerAccountId);
  if (ownerDisplayName !== undefined) view.ownerDisplayName = ownerDisplayName;
  return view;
}
