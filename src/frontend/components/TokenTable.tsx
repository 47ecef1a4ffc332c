import React from 'react';
import { Button, Code, DynamicTable, Inline, Stack, Text } from '@forge/react';
import type { TokenView } from '../../shared/resolvers';
import { formatDate, formatDateTime, formatRateLimit, SCOPE_LABELS } from './format';
import { StatusLozenge } from './StatusLozenge';
import { UsageChart } from './UsageChart';

export interface TokenActions {
  onEdit: (token: TokenView) => void;
  onRotate: (token: TokenView) => void;
  onRevoke: (token: TokenView) => void;
}

interface TokenTableProps extends TokenActions {
  tokens: TokenView[];
  /**
   * The admin page lists everyone's tokens, with their owners and the address chain of their last
   * use; the personal page only the caller's, without either.
   */
  showOwner: boolean;
  isLoading: boolean;
}

const head = (showOwner: boolean): { cells: Array<{ key: string; content: string }> } => ({
  cells: [
    ...(showOwner ? [{ key: 'owner', content: 'Owner' }] : []),
    { key: 'description', content: 'Description' },
    { key: 'hint', content: 'Token' },
    { key: 'scope', content: 'Scope' },
    { key: 'created', content: 'Created' },
    { key: 'expires', content: 'Expires' },
    { key: 'lastUsed', content: 'Last used' },
    { key: 'usage', content: 'Requests, last 30 days' },
    { key: 'status', content: 'Status' },
    { key: 'actions', content: 'Actions' },
  ],
});

/** Last use with where it came from, because "used yesterday from an unknown address" is what an admin looks for. */
function lastUsed(token: TokenView): string {
  if (token.usage.lastUsedAt === null) return 'Never';
  const from = token.usage.lastUsedIp ? ` from ${token.usage.lastUsedIp}` : '';
  return `${formatDateTime(token.usage.lastUsedAt)}${from} (${token.usage.useCount}×)`;
}

/**
 * The X-Forwarded-For chain the last use arrived with, the entry taken as the client marked, so an
 * admin can see what the platform and their gateways really send (docs/verify-token.md).
 */
export function addressChainText(chain: TokenView['usage']['lastUsedChain']): string | null {
  if (!chain || chain.entries.length === 0) return null;
  const entries = chain.entries.map((entry, index) => (index === chain.taken ? `[${entry || '(blank)'}]` : entry || '(blank)'));
  const taken = chain.taken === null ? 'no entry could be taken' : 'the entry in brackets was taken';
  return `X-Forwarded-For: ${entries.join(', ')}; ${taken}`;
}

function lastUsedCell(token: TokenView, showAddressChain: boolean): React.JSX.Element {
  const chain = showAddressChain ? addressChainText(token.usage.lastUsedChain) : null;
  if (chain === null) return <Text>{lastUsed(token)}</Text>;
  return (
    <Stack space="space.025">
      <Text>{lastUsed(token)}</Text>
      <Text size="small" color="color.text.subtle" testId={`token-address-chain-${token.id}`}>
        {chain}
      </Text>
    </Stack>
  );
}

function details(token: TokenView): string {
  const parts = [];
  if (token.ipAllowlist.length > 0) parts.push(`IPs: ${token.ipAllowlist.join(', ')}`);
  if (token.rateLimit) parts.push(formatRateLimit(token.rateLimit));
  if (token.graceEndsAt !== null && token.status === 'active') parts.push(`old secret accepted until ${formatDateTime(token.graceEndsAt)}`);
  if (token.replaces) parts.push('replaces an earlier token');
  return parts.join(' · ');
}

/**
 * A replaced token stops verifying when its grace period ends (or at its expiry, if sooner): that
 * moment is its expiry now, to the minute, since a grace period is hours or days.
 */
function expires(token: TokenView): React.JSX.Element {
  if (token.replacedBy !== null && token.graceEndsAt !== null) {
    const end = token.expiresAt === null ? token.graceEndsAt : Math.min(token.expiresAt, token.graceEndsAt);
    return (
      <Stack space="space.025">
        <Text testId={`token-expires-${token.id}`}>{formatDateTime(end)}</Text>
        <Text size="small" color="color.text.subtle">
          end of grace period
        </Text>
      </Stack>
    );
  }
  return <Text testId={`token-expires-${token.id}`}>{formatDate(token.expiresAt, 'Never')}</Text>;
}

/** The token list both pages share. Cell contents are plain elements: DynamicTable calls them without hooks. */
export function TokenTable({ tokens, showOwner, isLoading, onEdit, onRotate, onRevoke }: TokenTableProps): React.JSX.Element {
  const rows = tokens.map((token) => {
    const active = token.status === 'active';
    const extra = details(token);
    return {
      key: token.id,
      cells: [
        ...(showOwner ? [{ key: 'owner', content: <Text>{token.ownerDisplayName ?? token.ownerAccountId}</Text> }] : []),
        {
          key: 'description',
          content: (
            <Stack space="space.025">
              <Text>{token.description}</Text>
              {extra ? (
                <Text size="small" color="color.text.subtle">
                  {extra}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        { key: 'hint', content: <Code testId={`token-hint-${token.id}`}>{token.hint}</Code> },
        { key: 'scope', content: <Text>{SCOPE_LABELS[token.scope]}</Text> },
        { key: 'created', content: <Text>{formatDate(token.createdAt)}</Text> },
        { key: 'expires', content: expires(token) },
        { key: 'lastUsed', content: lastUsedCell(token, showOwner) },
        { key: 'usage', content: <UsageChart token={token} /> },
        { key: 'status', content: <StatusLozenge token={token} /> },
        {
          key: 'actions',
          content: active ? (
            <Inline space="space.050" shouldWrap>
              <Button spacing="compact" appearance="subtle" onClick={() => onEdit(token)} testId={`token-edit-${token.id}`}>
                Edit
              </Button>
              {/* A replaced token cannot be rotated again: its replacement is the one to rotate. */}
              {token.replacedBy === null ? (
                <Button spacing="compact" appearance="subtle" onClick={() => onRotate(token)} testId={`token-rotate-${token.id}`}>
                  Rotate
                </Button>
              ) : null}
              <Button spacing="compact" appearance="subtle" onClick={() => onRevoke(token)} testId={`token-revoke-${token.id}`}>
                Revoke
              </Button>
            </Inline>
          ) : (
            <Text color="color.text.subtlest">—</Text>
          ),
        },
      ],
    };
  });
  return <DynamicTable caption="API tokens" head={head(showOwner)} rows={rows} isLoading={isLoading} testId="token-table" />;
}
