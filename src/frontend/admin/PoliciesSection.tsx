import React from 'react';
import { HelperMessage, Heading, Inline, Label, RadioGroup, Select, Stack, Text, TextArea, Textfield, Toggle } from '@forge/react';
import type { MaxValidityChoice } from '../../domain/settings/model';
import { FieldMessages } from '../components/FieldMessages';
import { checkedValue, findOption, inputValue, optionValue, type SelectOption } from '../components/events';
import { RateLimitField } from '../components/RateLimitField';
import { GroupPicker } from './GroupPicker';
import type { SectionProps } from './section-props';

const VALIDITY_OPTIONS: Array<SelectOption<MaxValidityChoice>> = [
  { label: 'No maximum (tokens may never expire)', value: 'never' },
  { label: '30 days', value: '30d' },
  { label: '90 days', value: '90d' },
  { label: '6 months', value: '6m' },
  { label: '1 year', value: '1y' },
  { label: '2 years', value: '2y' },
  { label: 'Custom number of days', value: 'custom' },
];

const CACHE_OPTIONS: Array<SelectOption<number>> = [
  { label: 'Off: every request is verified', value: 0 },
  ...[5, 10, 15, 30, 60].map((seconds) => ({ label: `${seconds} seconds`, value: seconds })),
];

/** What the cache time means for revocation, in the admin's terms. */
export function cacheDelayText(seconds: number): string {
  if (seconds === 0) return 'Revoking a token takes effect at once.';
  return `A revoked or expired token can still pass a caching gateway for up to ${seconds} seconds. Tokens with a rate limit are never cached.`;
}

const CREATOR_OPTIONS = [
  { name: 'creators', value: 'everyone', label: 'Everyone with access to Jira' },
  { name: 'creators', value: 'groups', label: 'Only members of these groups' },
];

/** The token policies of docs/tokens.md. Administrators are exempt from the creator and read-only rules, not from the maximum validity. */
export function PoliciesSection({ form, onChange, messages }: SectionProps): React.JSX.Element {
  const cacheOptions = CACHE_OPTIONS.some((option) => option.value === form.verificationCacheSeconds)
    ? CACHE_OPTIONS
    : [...CACHE_OPTIONS, { label: `${form.verificationCacheSeconds} seconds`, value: form.verificationCacheSeconds }];
  return (
    <Stack space="space.200">
      <Heading as="h3" size="small">
        Token policies
      </Heading>

      <Stack space="space.050">
        <Label labelFor="policy-max-validity">Maximum validity of new tokens</Label>
        <Select
          inputId="policy-max-validity"
          options={VALIDITY_OPTIONS}
          value={findOption(VALIDITY_OPTIONS, form.maxValidity)}
          onChange={(option: unknown) => {
            const value = optionValue(option);
            const choice = VALIDITY_OPTIONS.find((entry) => entry.value === value);
            if (choice) onChange({ maxValidity: choice.value });
          }}
          testId="policy-max-validity"
        />
        {form.maxValidity === 'custom' ? (
          <Textfield
            id="policy-custom-days"
            type="number"
            width={120}
            value={form.customDays}
            placeholder="Days"
            isInvalid={messages('policies.customDays').length > 0}
            onChange={(event) => onChange({ customDays: inputValue(event) })}
            testId="policy-custom-days"
          />
        ) : null}
        <HelperMessage>Applies to every new token, including those administrators create. Existing tokens keep their expiry.</HelperMessage>
        <FieldMessages messages={messages('policies.customDays')} testId="policy-custom-days-issues" />
      </Stack>

      <Stack space="space.050">
        <Text weight="medium">Who may create tokens for themselves</Text>
        <RadioGroup
          name="creators"
          options={CREATOR_OPTIONS}
          value={form.creatorsMode}
          onChange={(event) => onChange({ creatorsMode: inputValue(event) === 'groups' ? 'groups' : 'everyone' })}
          testId="policy-creators"
        />
        {form.creatorsMode === 'groups' ? (
          <GroupPicker
            id="policy-creators-groups"
            value={form.creatorGroups}
            onChange={(creatorGroups) => onChange({ creatorGroups })}
            isInvalid={messages('policies.creators').length > 0}
          />
        ) : null}
        <HelperMessage>Administrators can always create tokens, for themselves and for anyone else.</HelperMessage>
        <FieldMessages messages={messages('policies.creators')} testId="policy-creators-issues" />
      </Stack>

      <Inline space="space.150" alignBlock="center">
        <Toggle
          id="policy-force-read-only"
          isChecked={form.forceReadOnly}
          onChange={(event) => onChange({ forceReadOnly: checkedValue(event, form.forceReadOnly) })}
          testId="policy-force-read-only"
        />
        <Label labelFor="policy-force-read-only">Tokens people create for themselves are read-only</Label>
      </Inline>

      <Stack space="space.050">
        <Label labelFor="policy-rate-limit">Default rate limit</Label>
        <RateLimitField
          id="policy-rate-limit"
          value={form.defaultRateLimit}
          onChange={(defaultRateLimit) => onChange({ defaultRateLimit })}
          isInvalid={messages('policies.defaultRateLimit').length > 0}
          testId="policy-rate-limit"
        />
        <HelperMessage>Given to new tokens that do not set their own limit. Empty means no default limit.</HelperMessage>
        <FieldMessages messages={messages('policies.defaultRateLimit')} testId="policy-rate-limit-issues" />
      </Stack>

      <Stack space="space.050">
        <Label labelFor="policy-ip-allowlist">System-wide IP allowlist</Label>
        <TextArea
          id="policy-ip-allowlist"
          value={form.systemIpAllowlist}
          isMonospaced
          minimumRows={2}
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
          isInvalid={messages('policies.systemIpAllowlist').length > 0}
          onChange={(event) => onChange({ systemIpAllowlist: inputValue(event) })}
          testId="policy-ip-allowlist"
        />
        <HelperMessage>
          Every token is accepted only from these addresses, in addition to its own list. One address or CIDR range per line;
          empty allows any address.
        </HelperMessage>
        <FieldMessages messages={messages('policies.systemIpAllowlist')} testId="policy-ip-allowlist-issues" />
      </Stack>

      <Stack space="space.050">
        <Label labelFor="trusted-gateways">Trusted gateways</Label>
        <TextArea
          id="trusted-gateways"
          value={form.trustedGateways}
          isMonospaced
          minimumRows={2}
          placeholder="198.51.100.10/32"
          isInvalid={messages('trustedGateways').length > 0}
          onChange={(event) => onChange({ trustedGateways: inputValue(event) })}
          testId="trusted-gateways"
        />
        <HelperMessage>
          Your own gateways (nginx, Caddy, Traefik) that call the verification trigger for their clients. Only when a request
          comes from one of these is the client address it forwards believed; otherwise the address Atlassian saw is used. One
          address or CIDR range per line; empty trusts no gateway. The Tokens tab shows, for each token, the addresses its last
          use arrived with.
        </HelperMessage>
        <FieldMessages messages={messages('trustedGateways')} testId="trusted-gateways-issues" />
      </Stack>

      <Stack space="space.050">
        <Label labelFor="verification-cache">Gateways may reuse a successful verification for</Label>
        <Select
          inputId="verification-cache"
          options={cacheOptions}
          value={findOption(cacheOptions, form.verificationCacheSeconds)}
          onChange={(option: unknown) => {
            const seconds = Number(optionValue(option));
            if (cacheOptions.some((choice) => choice.value === seconds)) onChange({ verificationCacheSeconds: seconds });
          }}
          testId="verification-cache"
        />
        <HelperMessage>
          A gateway that caches (the shipped nginx configuration does) asks once per token and request in that time, instead of
          once per request. {cacheDelayText(form.verificationCacheSeconds)} Cached requests are not counted in the token&apos;s use or
          in success events.
        </HelperMessage>
        <FieldMessages messages={messages('verificationCacheSeconds')} testId="verification-cache-issues" />
      </Stack>
    </Stack>
  );
}
