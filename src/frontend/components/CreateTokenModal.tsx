import React, { useState } from 'react';
import { DatePicker, Select, Text, Textfield } from '@forge/react';
import type { RateLimit, TokenScope } from '../../domain/tokens/model';
import type { CreateTokenPayload, TokenView, UserSummary } from '../../shared/resolvers';
import { invoke } from '../invoke';
import { findOption, inputValue, optionValue, type SelectOption } from './events';
import { defaultExpiryChoice, expiryOptions, resolveExpiry, type ExpiryChoice } from './expiry';
import { FailureMessage } from './FailureMessage';
import { issuesFor, unclaimedIssues, type FieldIssues } from './field-issues';
import { formatDate, formatRateLimit, SCOPE_HELP, SCOPE_LABELS } from './format';
import { FormDialog } from './FormDialog';
import { FormField } from './FormField';
import { limitsDraftOf, parseTokenLimits } from './token-limits-form';
import { TokenLimitsFields } from './TokenLimitsFields';
import { useSubmit } from './useSubmit';
import { UserSearch } from './UserSearch';

/** What the token policy allows the person creating a token (admin page: any user; personal page: themselves). */
export interface CreatePolicy {
  forcedScope: TokenScope | null;
  /** The audit-read scope is for administrators' SIEM tokens only (the server rejects it for others). */
  allowAuditRead: boolean;
  /** Latest allowed expiry (epoch ms), or null when tokens may never expire. */
  maxExpiresAt: number | null;
  defaultRateLimit: RateLimit | null;
}

export interface CreatedToken {
  token: TokenView;
  secret: string;
}

interface CreateTokenModalProps {
  /** Admins choose the owner; on the personal page the owner is always the caller. */
  withOwner: boolean;
  policy: CreatePolicy;
  onCreated: (created: CreatedToken) => void;
  onClose: () => void;
}

const FIELDS = ['ownerAccountId', 'description', 'scope', 'expiresAt', 'ipAllowlist', 'rateLimit'];
const ALL_SCOPES: TokenScope[] = ['read-only', 'read-write', 'audit-read'];

export function CreateTokenModal({ withOwner, policy, onCreated, onClose }: CreateTokenModalProps): React.JSX.Element {
  const [now] = useState(() => Date.now());
  const [owner, setOwner] = useState<UserSummary | null>(null);
  /** The owner search holds text nobody picked from: Enter there must not create the token for the admin. */
  const [ownerPending, setOwnerPending] = useState(false);
  const [description, setDescription] = useState('');
  const [scope, setScope] = useState<TokenScope>(policy.forcedScope ?? 'read-only');
  const [expiry, setExpiry] = useState<ExpiryChoice>(() => defaultExpiryChoice(policy.maxExpiresAt, now));
  const [expiryDate, setExpiryDate] = useState<string | null>(null);
  const [limits, setLimits] = useState(() => limitsDraftOf({ ipAllowlist: [], rateLimit: null }));
  const submit = useSubmit();

  const scopes = policy.forcedScope ? [policy.forcedScope] : ALL_SCOPES.filter((value) => value !== 'audit-read' || policy.allowAuditRead);
  const scopeOptions: Array<SelectOption<TokenScope>> = scopes.map((value) => ({ label: SCOPE_LABELS[value], value }));
  const expiryChoices = expiryOptions(policy.maxExpiresAt, now);
  const messages = (field: string): string[] => issuesFor(submit.issues, field);

  const create = async (): Promise<void> => {
    const local: FieldIssues = [];
    if (withOwner && !owner && ownerPending) {
      local.push({ path: 'ownerAccountId', message: 'Pick a person from the results, or clear the search to create the token for yourself.' });
    }
    if (description.trim() === '') local.push({ path: 'description', message: 'Describe what the token is for, so it can be told apart later.' });
    const resolvedExpiry = resolveExpiry(expiry, expiryDate, policy.maxExpiresAt, Date.now());
    if (!resolvedExpiry.ok) local.push({ path: 'expiresAt', message: resolvedExpiry.message });
    const parsedLimits = parseTokenLimits(limits);
    if (!parsedLimits.ok) local.push(...parsedLimits.issues);
    submit.showIssues(local);
    if (local.length > 0 || !resolvedExpiry.ok || !parsedLimits.ok) return;

    const payload: CreateTokenPayload = {
      description: description.trim(),
      scope,
      expiresAt: resolvedExpiry.expiresAt === null ? null : new Date(resolvedExpiry.expiresAt).toISOString(),
    };
    if (withOwner && owner) payload.ownerAccountId = owner.accountId;
    const { ipAllowlist, rateLimit } = parsedLimits.value;
    if (ipAllowlist.length > 0) payload.ipAllowlist = ipAllowlist;
    if (rateLimit) payload.rateLimit = rateLimit;

    await submit.run(() => invoke('tokens/create', payload), onCreated);
  };

  const leftover = unclaimedIssues(submit.issues, FIELDS);

  return (
    <FormDialog
      title="Create API token"
      width="medium"
      busy={submit.busy}
      onClose={onClose}
      mainLabel="Create token"
      mainAppearance="primary"
      onMain={() => void create()}
      testIds={{ dialog: 'create-token-modal', cancel: 'create-cancel', main: 'create-submit' }}
    >
      <FailureMessage
        failure={submit.failure}
        title="The token was not created"
        testId="create-error"
        details={leftover.map((issue) => (
          <Text key={issue.path + issue.message}>
            {issue.path}: {issue.message}
          </Text>
        ))}
      />

      {withOwner ? (
        <FormField
          id="create-owner"
          label="Owner"
          helper="The token acts as this person. Leave empty to create it for yourself."
          messages={messages('ownerAccountId')}
          messagesTestId="create-owner-issues"
        >
          <UserSearch id="create-owner" value={owner} onChange={setOwner} onPendingChange={setOwnerPending} testId="create-owner" />
        </FormField>
      ) : null}

      <FormField id="create-description" label="Description" isRequired messages={messages('description')} messagesTestId="create-description-issues">
        <Textfield
          id="create-description"
          value={description}
          placeholder="e.g. Nightly backup job on build-01"
          isInvalid={messages('description').length > 0}
          onChange={(event) => setDescription(inputValue(event))}
          testId="create-description"
        />
      </FormField>

      <FormField
        id="create-scope"
        label="Scope"
        helper={
          policy.forcedScope
            ? `Your administrator requires ${SCOPE_LABELS[policy.forcedScope]} for tokens you create yourself.`
            : SCOPE_HELP[scope]
        }
        messages={messages('scope')}
        messagesTestId="create-scope-issues"
      >
        <Select
          inputId="create-scope"
          options={scopeOptions}
          value={findOption(scopeOptions, scope)}
          isDisabled={scopes.length === 1}
          onChange={(option: unknown) => {
            const value = optionValue(option);
            if (value && (scopes as string[]).includes(value)) setScope(value as TokenScope);
          }}
          testId="create-scope"
        />
      </FormField>

      <FormField
        id="create-expiry"
        label="Expires"
        helper={
          policy.maxExpiresAt === null
            ? 'Tokens that never expire are allowed; an expiry date still limits the damage of a leaked token.'
            : `The token policy allows tokens until ${formatDate(policy.maxExpiresAt)} at the latest.`
        }
        messages={messages('expiresAt')}
        messagesTestId="create-expiry-issues"
      >
        <Select
          inputId="create-expiry"
          options={expiryChoices}
          value={findOption(expiryChoices, expiry)}
          onChange={(option: unknown) => {
            const value = optionValue(option);
            if (value && expiryChoices.some((choice) => choice.value === value)) setExpiry(value as ExpiryChoice);
          }}
          testId="create-expiry"
        />
        {expiry === 'date' ? (
          <DatePicker
            id="create-expiry-date"
            value={expiryDate ?? undefined}
            minDate={formatDate(now + 86_400_000)}
            maxDate={policy.maxExpiresAt === null ? undefined : formatDate(policy.maxExpiresAt)}
            onChange={(value) => setExpiryDate(value || null)}
            testId="create-expiry-date"
          />
        ) : null}
      </FormField>

      <TokenLimitsFields
        idPrefix="create"
        value={limits}
        onChange={setLimits}
        messages={messages}
        allowlistPlaceholder={'203.0.113.0/24\n2001:db8::/32'}
        allowlistHelp="One IPv4 or IPv6 address or CIDR range per line. Leave empty to allow any address."
        rateLimitHelp={<>Leave empty for the default: {formatRateLimit(policy.defaultRateLimit, 'no limit')}.</>}
      />
    </FormDialog>
  );
}
