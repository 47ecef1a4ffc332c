import React from 'react';
import { TextArea } from '@forge/react';
import { inputValue } from './events';
import { FormField } from './FormField';
import { RateLimitField } from './RateLimitField';
import type { TokenLimitsDraft } from './token-limits-form';

interface TokenLimitsFieldsProps {
  /** Prefix of the fields' ids and test ids (`create` gives `create-allowlist`, `create-rate-limit`). */
  idPrefix: string;
  value: TokenLimitsDraft;
  onChange: (next: TokenLimitsDraft) => void;
  /** Error messages by payload field (`ipAllowlist`, `rateLimit`). */
  messages: (field: string) => string[];
  allowlistPlaceholder?: string;
  allowlistHelp: React.ReactNode;
  rateLimitHelp: React.ReactNode;
}

/** The IP allowlist and rate limit fields of the create and edit token dialogs. */
export function TokenLimitsFields({
  idPrefix,
  value,
  onChange,
  messages,
  allowlistPlaceholder,
  allowlistHelp,
  rateLimitHelp,
}: TokenLimitsFieldsProps): React.JSX.Element {
  const allowlistId = `${idPrefix}-allowlist`;
  const rateLimitId = `${idPrefix}-rate-limit`;
  return (
    <>
      <FormField id={allowlistId} label="IP allowlist" helper={allowlistHelp} messages={messages('ipAllowlist')} messagesTestId={`${allowlistId}-issues`}>
        <TextArea
          id={allowlistId}
          value={value.allowlist}
          isMonospaced
          minimumRows={2}
          placeholder={allowlistPlaceholder}
          isInvalid={messages('ipAllowlist').length > 0}
          onChange={(event) => onChange({ ...value, allowlist: inputValue(event) })}
          testId={allowlistId}
        />
      </FormField>
      <FormField id={rateLimitId} label="Rate limit" helper={rateLimitHelp} messages={messages('rateLimit')} messagesTestId={`${rateLimitId}-issues`}>
        <RateLimitField
          id={rateLimitId}
          value={value.rateLimit}
          onChange={(rateLimit) => onChange({ ...value, rateLimit })}
          isInvalid={messages('rateLimit').length > 0}
          testId={rateLimitId}
        />
      </FormField>
    </>
  );
}
