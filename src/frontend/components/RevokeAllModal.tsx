import React, { useEffect, useState } from 'react';
import { Text } from '@forge/react';
import type { UserSummary } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';
import { ConfirmModal } from './ConfirmModal';
import { LoadingState } from './LoadingState';

/** Enough pages to count any realistic number of one person's tokens; past it the count says "at least". */
const MAX_COUNT_PAGES = 20;

interface RevokeAllModalProps {
  user: UserSummary;
  onRevoked: (revoked: number) => void;
  onClose: () => void;
}

type Count = { state: 'counting' } | { state: 'counted'; active: number; complete: boolean } | { state: 'failed'; error: ResolverError };

/**
 * Revokes every token of one user, after saying how many will stop working. The count comes from
 * listing the user's active tokens when the dialog opens, so it is current rather than what the table showed.
 */
export function RevokeAllModal({ user, onRevoked, onClose }: RevokeAllModalProps): React.JSX.Element {
  const [count, setCount] = useState<Count>({ state: 'counting' });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let active = 0;
      let cursor: string | undefined;
      for (let page = 0; page < MAX_COUNT_PAGES; page += 1) {
        const result = await invoke('tokens/list', { ownerAccountId: user.accountId, status: 'active', ...(cursor ? { cursor } : {}) });
        if (cancelled) return;
        if (!result.ok) {
          setCount({ state: 'failed', error: result.error });
          return;
        }
        active += result.data.tokens.length;
        if (!result.data.cursor) {
          setCount({ state: 'counted', active, complete: true });
          return;
        }
        cursor = result.data.cursor;
      }
      setCount({ state: 'counted', active, complete: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [user.accountId]);

  const confirm = async (): Promise<ResolverError | null> => {
    const result = await invoke('tokens/revokeAllForUser', { accountId: user.accountId });
    if (!result.ok) return result.error;
    onRevoked(result.data.revoked);
    return null;
  };

  const label =
    count.state === 'counted' ? `Revoke ${count.complete ? '' : 'at least '}${count.active} token${count.active === 1 ? '' : 's'}` : 'Revoke all';

  return (
    <ConfirmModal title={`Revoke all tokens of ${user.displayName}?`} confirmLabel={label} onConfirm={confirm} onClose={onClose} testId="revoke-all-modal">
      {count.state === 'counting' ? <LoadingState label="Counting active tokens…" /> : null}
      {count.state === 'failed' ? <Text>The active tokens could not be counted ({count.error.message}). You can still revoke them all.</Text> : null}
      {count.state === 'counted' ? (
        <Text testId="revoke-all-count">
          {user.displayName} has {count.complete ? '' : 'at least '}
          {count.active} active token{count.active === 1 ? '' : 's'}. Every script and integration using them stops working
          immediately. This cannot be undone.
        </Text>
      ) : null}
      <Text testId="revoke-all-chain">Earlier secrets of rotated tokens that are still in their grace period stop working in the same step.</Text>
    </ConfirmModal>
  );
}
