import React from 'react';
import { CheckboxGroup, HelperMessage, Heading, Inline, Label, Select, Stack, Text, Textfield, Toggle } from '@forge/react';
import { FieldMessages } from '../components/FieldMessages';
import { checkedValue, findOption, inputValue, optionValue, type SelectOption } from '../components/events';
import type { SectionProps } from './section-props';
import { EXCLUDABLE_ACTIONS, RETENTION_CATEGORIES } from './settings-form';

const AGGREGATION_WINDOWS: Array<SelectOption<number>> = [
  { label: '1 minute', value: 60 },
  { label: '5 minutes', value: 300 },
  { label: '15 minutes', value: 900 },
  { label: '1 hour', value: 3600 },
];

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Retention, excluded actions and success aggregation: the controls that keep the log's size bounded. */
export function VolumeSection({ form, onChange, messages }: SectionProps): React.JSX.Element {
  const actionOptions: SelectOption[] = EXCLUDABLE_ACTIONS.map((action) => ({ label: action, value: action }));
  const windows = AGGREGATION_WINDOWS.some((option) => option.value === form.aggregationWindowSeconds)
    ? AGGREGATION_WINDOWS
    : [...AGGREGATION_WINDOWS, { label: `${form.aggregationWindowSeconds} seconds`, value: form.aggregationWindowSeconds }];

  return (
    <Stack space="space.200">
      <Heading as="h3" size="small">
        Retention
      </Heading>
      <Stack space="space.050">
        <Label labelFor="retention-default">Keep events for (days)</Label>
        <Textfield
          id="retention-default"
          type="number"
          width={120}
          value={form.retentionDefault}
          isInvalid={messages('retention.defaultDays').length > 0}
          onChange={(event) => onChange({ retentionDefault: inputValue(event) })}
          testId="retention-default"
        />
        <HelperMessage>Older events are never returned and are deleted by the daily housekeeping run.</HelperMessage>
        <FieldMessages messages={messages('retention.defaultDays')} testId="retention-default-issues" />
      </Stack>
      <Stack space="space.100">
        <Text>Per category (empty uses the period above), for example keep failures longer than successes:</Text>
        {RETENTION_CATEGORIES.map((category) => (
          <Stack key={category} space="space.025">
            <Inline space="space.150" alignBlock="center">
              <Textfield
                id={`retention-${slug(category)}`}
                type="number"
                width={120}
                value={form.retentionPerCategory[category] ?? ''}
                placeholder={form.retentionDefault}
                isInvalid={messages(`retention.perCategoryDays.${category}`).length > 0}
                onChange={(event) =>
                  onChange({ retentionPerCategory: { ...form.retentionPerCategory, [category]: inputValue(event) } })
                }
                testId={`retention-${slug(category)}`}
              />
              <Label labelFor={`retention-${slug(category)}`}>{category}</Label>
            </Inline>
            <FieldMessages messages={messages(`retention.perCategoryDays.${category}`)} testId={`retention-${slug(category)}-issues`} />
          </Stack>
        ))}
      </Stack>

      <Heading as="h3" size="small">
        Excluded actions
      </Heading>
      <Stack space="space.050">
        <Text>Never record these actions, even when their event type is on:</Text>
        {/* Every action in sight as a checkbox (a multi-select list cut its fifth item off). */}
        <CheckboxGroup
          name="excluded-actions"
          options={actionOptions}
          value={form.excludedActions}
          onChange={(values: unknown) => onChange({ excludedActions: Array.isArray(values) ? values.map(String) : [] })}
        />
        <HelperMessage>Token management and settings changes are always recorded and cannot be excluded.</HelperMessage>
      </Stack>

      <Heading as="h3" size="small">
        Success aggregation
      </Heading>
      <Inline space="space.150" alignBlock="center">
        <Toggle
          id="aggregation-enabled"
          isChecked={form.aggregationEnabled}
          onChange={(event) => onChange({ aggregationEnabled: checkedValue(event, form.aggregationEnabled) })}
          testId="aggregation-enabled"
        />
        <Label labelFor="aggregation-enabled">Aggregate successful authentications</Label>
      </Inline>
      {/* Each control has its own label: the toggle's does not name the window dropdown. */}
      <Inline space="space.150" alignBlock="center">
        <Label labelFor="aggregation-window">Record one success event per token per</Label>
        <Select
          inputId="aggregation-window"
          options={windows}
          value={findOption(windows, form.aggregationWindowSeconds)}
          isDisabled={!form.aggregationEnabled}
          onChange={(option: unknown) => {
            const seconds = Number(optionValue(option));
            if (windows.some((choice) => choice.value === seconds)) onChange({ aggregationWindowSeconds: seconds });
          }}
          testId="aggregation-window"
        />
      </Inline>
      <HelperMessage>The event carries how many successful requests it stands for, and appears about two minutes after its window ends.</HelperMessage>
    </Stack>
  );
}
