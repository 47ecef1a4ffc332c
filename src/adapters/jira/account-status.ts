/**
 * Whether token owners' Atlassian accounts are still active, for the daily hygiene run: Jira's bulk
 * user route, up to 100 accounts per call, through its own outbound-catalog entry
 * (`users.accountStatus`) so that the customer's audit log says why it was called.
 */
import { z } from 'zod';
import { ACCOUNTS_PER_CALL, type AccountDirectory, type OwnerAccount } from '../../domain/hygiene/daily-run';
import { callJira } from '../outbound/client';
import { OutboundError } from '../outbound/errors';

const page = z.object({
  isLast: z.boolean().optional(),
  values: z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), active: z.boolean() })),
});

/**
 * One call for up to 100 ids (`maxResults` says so); should Jira page its answer anyway, the next
 * page is asked for. An answer that is not a 200 in the documented shape throws: the run then acts
 * on nobody (fail safe). Ids Jira leaves out (deleted accounts, ids it does not know) stay unknown.
 */
async function accounts(accountIds: readonly string[]): Promise<Map<string, OwnerAccount>> {
  if (accountIds.length > ACCOUNTS_PER_CALL) throw new Error(`At most ${ACCOUNTS_PER_CALL} accounts per call.`);
  const found = new Map<string, OwnerAccount>();
  const wanted = new Set(accountIds);
  for (let startAt = 0; ; ) {
    const query = new URLSearchParams([
      ...accountIds.map((id) => ['accountId', id]),
      ...(startAt > 0 ? [['startAt', String(startAt)]] : []),
      ['maxResults', String(accountIds.length)],
    ]);
    const response = await callJira('users.accountStatus', { params: { query } });
    if (response.status !== 200) throw new OutboundError('users.accountStatus', 'http', response.status, `Jira answered ${response.status}`);
    const parsed = page.safeParse(response.body);
    if (!parsed.success) throw new OutboundError('users.accountStatus', 'http', response.status, 'Jira answered in an unexpected shape');
    for (const user of parsed.data.values) {
      if (!wanted.has(user.accountId)) continue;
      found.set(user.accountId, { state: user.active ? 'active' : 'deactivated', displayName: user.displayName ?? user.accountId });
    }
    if (parsed.data.isLast !== false || parsed.data.values.length === 0) break;
    startAt += parsed.data.values.length;
  }
  return found;
}

export const jiraAccountDirectory: AccountDirectory = { accounts };
