/** Wires the daily hygiene run to its adapters: the token adapters, live-token reads and Jira's account lookup. */
import type { HygieneDeps } from '../../domain/hygiene/daily-run';
import { jiraAccountDirectory } from '../jira/account-status';
import { kvsLiveTokens } from '../tokens/live-tokens';
import { tokenDeps } from '../tokens/token-deps';

export function hygieneDeps(site: string): HygieneDeps {
  return { ...tokenDeps(site), live: kvsLiveTokens, accounts: jiraAccountDirectory };
}
