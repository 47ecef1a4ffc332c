import React from 'react';
import { Inline, Lozenge } from '@forge/react';
import type { TokenView } from '../../shared/resolvers';

/**
 * A token's status at a glance. A rotated-away token is still active until its grace period ends,
 * so it gets its own lozenge: people must see that it is on its way out.
 * No hooks: DynamicTable calls cell components as plain functions.
 */
export function StatusLozenge({ token }: { token: TokenView }): React.JSX.Element {
  if (token.status === 'revoked') return <Lozenge appearance="removed">Revoked</Lozenge>;
  if (token.status === 'expired') return <Lozenge appearance="default">Expired</Lozenge>;
  if (token.replacedBy !== null) return <Lozenge appearance="moved">Replaced</Lozenge>;
  // The daily run found the owner's Atlassian account deactivated (setting "flag"): an admin decides.
  if (token.hygiene?.ownerDeactivatedAt !== undefined) {
    return (
      <Inline space="space.050" shouldWrap>
        <Lozenge appearance="success">Active</Lozenge>
        <Lozenge appearance="removed" testId={`owner-deactivated-${token.id}`}>
          Owner deactivated
        </Lozenge>
      </Inline>
    );
  }
  return <Lozenge appearance="success">Active</Lozenge>;
}
