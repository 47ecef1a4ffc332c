import React, { useState } from 'react';
import { Button, EmptyState, Inline, LoadingButton, SectionMessage, Stack, Text } from '@forge/react';
import type { ExpiringCount, TokenView, UserSummary } from '../../shared/resolvers';
import { ExpiringCountMessage } from './ExpiringCountMessage';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';
import { ConfirmModal } from './ConfirmModal';
import { CreateTokenModal, type CreatedToken, type CreatePolicy } from './CreateTokenModal';
import { EditTokenModal } from './EditTokenModal';
import { ErrorState } from './ErrorState';
import { RevokeAllModal } from './RevokeAllModal';
import { RotateModal } from './RotateModal';
import { SecretPanel } from './SecretPanel';
import { isFiltered, NO_FILTERS } from './token-filters';
import { TokenFilterBar } from './TokenFilterBar';
import { TokenTable } from './TokenTable';
import { useTokenList } from './useTokenList';

type Dialog =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'secret'; created: CreatedToken; reason: 'created' | 'rotated' }
  | { kind: 'revoke'; token: TokenView }
  | { kind: 'revokeAll'; user: UserSummary }
  | { kind: 'rotate'; token: TokenView }
  | { kind: 'edit'; token: TokenView };

interface TokensPanelProps {
  initial: { tokens: TokenView[]; cursor: string | null };
  /** Admin page: owner column, owner filter, create for anyone, revoke all of a user. */
  withOwner: boolean;
  /** Null when the caller may not create tokens; `cannotCreate` then says why. */
  createPolicy: CreatePolicy | null;
  cannotCreate?: React.ReactNode;
  /** Admin page: how many live tokens end within the widest reminder day, with a button that lists them. */
  expiring?: ExpiringCount;
}

/** What revoking a token of a rotation chain also does (the back end revokes them in the same transaction). */
const CHAIN_SENTENCE =
  'This token replaced earlier secrets. Any of them still in its grace period is revoked with it, at the same moment, so none of them keeps working.';

/** The token list with everything that can be done to a token, shared by the admin and personal pages. */
export function TokensPanel({ initial, withOwner, createPolicy, cannotCreate, expiring }: TokensPanelProps): React.JSX.Element {
  const list = useTokenList(initial);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const close = (): void => setDialog({ kind: 'none' });
  const filtered = isFiltered(list.applied);

  const revoke = async (token: TokenView): Promise<ResolverError | null> => {
    const result = await invoke('tokens/revoke', { tokenId: token.id });
    if (!result.ok) return result.error;
    if (token.replaces === null) {
      list.upsert(result.data.token);
      setNotice(`Revoked “${token.description}” (${token.hint}). It no longer authenticates.`);
    } else {
      // Earlier secrets of its chain were revoked with it: list again to show their rows as revoked.
      list.reload();
      setNotice(`Revoked “${token.description}” (${token.hint}) and the earlier secrets it replaced. None of them authenticates any more.`);
    }
    close();
    return null;
  };

  const createButton = (testId: string): React.JSX.Element | null =>
    createPolicy ? (
      <Button appearance="primary" iconBefore="add" onClick={() => setDialog({ kind: 'create' })} testId={testId}>
        Create token
      </Button>
    ) : null;

  // Offered while the owner may still have a token it would revoke: not once every loaded one is revoked or expired.
  const ownerHasLiveTokens = list.cursor !== null || list.tokens.some((token) => token.status === 'active');

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Text color="color.text.subtle">
          {withOwner ? 'Every API token on this site.' : 'Tokens that act as you when a script or integration calls Jira.'}
        </Text>
        {createButton('create-token')}
      </Inline>

      {!createPolicy && cannotCreate ? cannotCreate : null}

      {notice ? (
        <SectionMessage appearance="success" testId="token-notice">
          <Inline spread="space-between" alignBlock="center">
            <Text>{notice}</Text>
            <Button appearance="subtle" spacing="compact" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          </Inline>
        </SectionMessage>
      ) : null}

      <ExpiringCountMessage expiring={expiring} onShow={(days) => list.setFilters({ ...NO_FILTERS, expiringWithinDays: days })} />

      <TokenFilterBar filters={list.filters} onChange={list.setFilters} withOwner={withOwner} />

      {withOwner && list.filters.owner && ownerHasLiveTokens ? (
        <Inline>
          <Button appearance="danger" onClick={() => list.filters.owner && setDialog({ kind: 'revokeAll', user: list.filters.owner })} testId="revoke-all">
            {`Revoke all tokens of ${list.filters.owner.displayName}`}
          </Button>
        </Inline>
      ) : null}

      {list.error ? <ErrorState title="The tokens could not be loaded" error={list.error} onRetry={list.reload} testId="token-list-error" /> : null}

      {!list.error && list.tokens.length === 0 && !list.listing ? (
        filtered ? (
          <Stack space="space.100" alignInline="center" testId="tokens-empty-filtered">
            <EmptyState header="No tokens match these filters" description="Try another owner, status or search text." width="narrow" />
            <Button onClick={() => list.setFilters(NO_FILTERS)} testId="clear-filters">
              Clear filters
            </Button>
          </Stack>
        ) : (
          <Stack space="space.100" alignInline="center" testId="tokens-empty">
            <EmptyState
              header={withOwner ? 'No API tokens yet' : 'You have no API tokens yet'}
              description={
                withOwner
                  ? 'Tokens let scripts, CI jobs and gateways call Jira as a user. Create one for yourself or for anyone on the site.'
                  : 'A token lets a script or integration call Jira as you. You see its secret once, when you create it.'
              }
              width="narrow"
            />
            {/* No second "Create token" here: the header's button stays in view above the empty state. */}
          </Stack>
        )
      ) : null}

      {!list.error && (list.tokens.length > 0 || list.listing) ? (
        <TokenTable
          tokens={list.tokens}
          showOwner={withOwner}
          isLoading={list.listing}
          onEdit={(token) => setDialog({ kind: 'edit', token })}
          onRotate={(token) => setDialog({ kind: 'rotate', token })}
          onRevoke={(token) => setDialog({ kind: 'revoke', token })}
        />
      ) : null}

      {list.cursor && !list.error ? (
        <Inline alignInline="center">
          <LoadingButton isLoading={list.loadingMore} onClick={list.loadMore} testId="load-more">
            Load more
          </LoadingButton>
        </Inline>
      ) : null}

      {dialog.kind === 'create' && createPolicy ? (
        <CreateTokenModal
          withOwner={withOwner}
          policy={createPolicy}
          onClose={close}
          onCreated={(created) => {
            list.upsert(created.token);
            setNotice(null);
            setDialog({ kind: 'secret', created, reason: 'created' });
          }}
        />
      ) : null}

      {dialog.kind === 'secret' ? (
        <SecretPanel token={dialog.created.token} secret={dialog.created.secret} reason={dialog.reason} onClose={close} />
      ) : null}

      {dialog.kind === 'revoke' ? (
        <ConfirmModal
          title={`Revoke “${dialog.token.description}”?`}
          confirmLabel="Revoke"
          onConfirm={() => revoke(dialog.token)}
          onClose={close}
          testId="revoke-modal"
        >
          <Text>
            Scripts and integrations using {dialog.token.hint} stop working immediately. This cannot be undone; the revocation is
            recorded in the audit log.
          </Text>
          {dialog.token.replaces !== null ? (
            <Text testId="revoke-modal-chain">{CHAIN_SENTENCE}</Text>
          ) : null}
        </ConfirmModal>
      ) : null}

      {dialog.kind === 'revokeAll' ? (
        <RevokeAllModal
          user={dialog.user}
          onClose={close}
          onRevoked={(revoked) => {
            setNotice(`Revoked ${revoked} token${revoked === 1 ? '' : 's'} of ${dialog.user.displayName}.`);
            close();
            list.reload();
          }}
        />
      ) : null}

      {dialog.kind === 'rotate' ? (
        <RotateModal
          token={dialog.token}
          onClose={close}
          onRotated={(rotated) => {
            setDialog({ kind: 'secret', created: rotated, reason: 'rotated' });
            // The old row changes too (replaced, grace end): list again rather than guess its new state.
            list.reload();
          }}
        />
      ) : null}

      {dialog.kind === 'edit' ? (
        <EditTokenModal
          token={dialog.token}
          onClose={close}
          onSaved={(token) => {
            list.upsert(token);
            setNotice(`Saved changes to “${token.description}”.`);
            close();
          }}
        />
      ) : null}
    </Stack>
  );
}
