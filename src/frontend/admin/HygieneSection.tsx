import React, { useState } from 'react';
import { Button, DynamicTable, Heading, HelperMessage, Label, Select, SectionMessage, Stack, Text, Textfield } from '@forge/react';
import type { DeactivatedOwnerAction } from '../../domain/settings/model';
import type { UnusedPreview } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { FieldMessages } from '../components/FieldMessages';
import { findOption, inputValue, optionValue, type SelectOption } from '../components/events';
import { formatDate } from '../components/format';
import { invoke } from '../invoke';
import type { SectionProps } from './section-props';
import { unusedDaysOf, type UnusedChoice } from './settings-form';

const UNUSED_OPTIONS: Array<SelectOption<UnusedChoice>> = [
  { label: 'Off: never revoke tokens for not being used', value: 'off' },
  { label: 'Unused for 30 days', value: '30' },
  { label: 'Unused for 60 days', value: '60' },
  { label: 'Unused for 90 days', value: '90' },
  { label: 'Unused for a custom number of days', value: 'custom' },
];

const OWNER_OPTIONS: Array<SelectOption<DeactivatedOwnerAction>> = [
  { label: 'Flag them for an administrator to decide', value: 'flag' },
  { label: 'Revoke them', value: 'revoke' },
];

type PreviewState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; days: number | null; preview: UnusedPreview } | { kind: 'failed'; error: ResolverError };

function PreviewResult({ state }: { state: PreviewState }): React.JSX.Element | null {
  if (state.kind === 'failed') {
    return (
      <SectionMessage appearance="error" title="The preview could not be computed" testId="unused-preview-error">
        <Text>{state.error.message}</Text>
      </SectionMessage>
    );
  }
  if (state.kind !== 'shown') return null;
  const { preview, days } = state;
  if (days === null) return <Text testId="unused-preview-off">With the policy off, no token is revoked for not being used.</Text>;
  if (preview.tokens.length === 0) {
    return <Text testId="unused-preview-empty">{`No token has been unused long enough to be revoked under “unused for ${days} days”.`}</Text>;
  }
  return (
    <Stack space="space.100" testId="unused-preview">
      <Text>
        {`Saving “unused for ${days} days” would revoke ${preview.tokens.length === 1 ? 'this token' : `these ${preview.tokens.length} tokens`}${preview.complete ? '' : ` (of the first ${preview.scanned} tokens read)`}. Their owners are warned first, and a token used before the date is kept.`}
      </Text>
      <DynamicTable
        testId="unused-preview-table"
        head={{
          cells: [
            { key: 'owner', content: 'Owner' },
            { key: 'token', content: 'Token' },
            { key: 'lastUsed', content: 'Last used' },
            { key: 'revoked', content: 'Revoked on or after' },
          ],
        }}
        rows={preview.tokens.map((item) => ({
          key: item.tokenId,
          cells: [
            { key: 'owner', content: <Text>{item.ownerDisplayName ?? item.ownerAccountId}</Text> },
            { key: 'token', content: <Text>{`${item.description} (${item.hint})`}</Text> },
            { key: 'lastUsed', content: <Text>{item.lastUsedAt === null ? `Never (created ${formatDate(item.idleSince)})` : formatDate(item.lastUsedAt)}</Text> },
            { key: 'revoked', content: <Text>{formatDate(item.revokeAfter)}</Text> },
          ],
        }))}
      />
    </Stack>
  );
}

/** Token hygiene of docs/tokens.md: expiry reminders, unused tokens and deactivated owners, applied by the daily run. */
export function HygieneSection({ form, onChange, messages }: SectionProps): React.JSX.Element {
  const [preview, setPreview] = useState<PreviewState>({ kind: 'idle' });
  const unused = unusedDaysOf(form);

  const runPreview = async (): Promise<void> => {
    if (!unused.ok) return;
    setPreview({ kind: 'loading' });
    const result = await invoke('hygiene/previewUnused', { unusedDays: unused.days });
    setPreview(result.ok ? { kind: 'shown', days: unused.days, preview: result.data } : { kind: 'failed', error: result.error });
  };

  return (
    <Stack space="space.200">
      <Heading as="h3" size="small">
        Token hygiene
      </Heading>

      <Stack space="space.050">
        <Label labelFor="hygiene-reminder-days">Remind owners this many days before a token expires</Label>
        <Textfield
          id="hygiene-reminder-days"
          width={200}
          value={form.reminderDays}
          placeholder="7, 1"
          isInvalid={messages('hygiene.reminderDays').length > 0}
          onChange={(event) => onChange({ reminderDays: inputValue(event) })}
          testId="hygiene-reminder-days"
        />
        <HelperMessage>
          Days separated by commas. The owner&apos;s page lists their tokens that expire within the largest number, this page counts
          them, and the daily run records one &quot;Token expiring soon&quot; event per token and day. Empty: no reminders.
        </HelperMessage>
        <FieldMessages messages={messages('hygiene.reminderDays')} testId="hygiene-reminder-days-issues" />
      </Stack>

      <Stack space="space.050">
        <Label labelFor="hygiene-unused">Revoke tokens that are not used</Label>
        <Select
          inputId="hygiene-unused"
          options={UNUSED_OPTIONS}
          value={findOption(UNUSED_OPTIONS, form.unusedChoice)}
          onChange={(option: unknown) => {
            const choice = UNUSED_OPTIONS.find((entry) => entry.value === optionValue(option));
            if (choice) onChange({ unusedChoice: choice.value });
            setPreview({ kind: 'idle' });
          }}
          testId="hygiene-unused"
        />
        {form.unusedChoice === 'custom' ? (
          <Textfield
            id="hygiene-unused-days"
            type="number"
            width={120}
            value={form.unusedCustomDays}
            placeholder="Days"
            isInvalid={messages('hygiene.unusedDays').length > 0}
            onChange={(event) => {
              onChange({ unusedCustomDays: inputValue(event) });
              setPreview({ kind: 'idle' });
            }}
            testId="hygiene-unused-days"
          />
        ) : null}
        <HelperMessage>
          A token never used counts from its creation. Its owner is warned on their page and in the audit log at least 7 days
          before the daily run revokes it; using the token keeps it.
        </HelperMessage>
        <FieldMessages messages={messages('hygiene.unusedDays')} testId="hygiene-unused-issues" />
        <Stack space="space.100">
          <Button onClick={() => void runPreview()} isDisabled={!unused.ok || preview.kind === 'loading'} testId="hygiene-unused-preview">
            Preview which tokens this would revoke
          </Button>
          <PreviewResult state={preview} />
        </Stack>
      </Stack>

      <Stack space="space.050">
        <Label labelFor="hygiene-deactivated-owners">Tokens of people whose Atlassian account is deactivated</Label>
        <Select
          inputId="hygiene-deactivated-owners"
          options={OWNER_OPTIONS}
          value={findOption(OWNER_OPTIONS, form.deactivatedOwners)}
          onChange={(option: unknown) => {
            const choice = OWNER_OPTIONS.find((entry) => entry.value === optionValue(option));
            if (choice) onChange({ deactivatedOwners: choice.value });
          }}
          testId="hygiene-deactivated-owners"
        />
        <HelperMessage>
          The daily run asks Jira about the owners of active tokens. Flagged tokens keep working and are marked &quot;Owner
          deactivated&quot; in the token list; if Jira cannot answer, nothing is done until the next run.
        </HelperMessage>
      </Stack>
    </Stack>
  );
}
