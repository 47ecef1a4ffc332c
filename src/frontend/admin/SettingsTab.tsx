import React, { useState } from 'react';
import { Box, Button, Inline, SectionMessage, Stack, Text, xcss } from '@forge/react';
import type { ChangedValue } from '../../domain/audit/model';
import { diffSettings } from '../../domain/settings/diff';
import type { Settings } from '../../domain/settings/model';
import type { ResolverError } from '../../shared/result';
import { issuesFor, unclaimedIssues, type FieldIssues } from '../components/field-issues';
import { invoke } from '../invoke';
import { AuditEventsSection } from './AuditEventsSection';
import { HygieneSection } from './HygieneSection';
import { PoliciesSection } from './PoliciesSection';
import { ReviewChangesModal } from './ReviewChangesModal';
import { formFromSettings, RETENTION_CATEGORIES, sameForm, settingsFromForm, type GroupRef, type SettingsForm } from './settings-form';
import { VolumeSection } from './VolumeSection';

interface SettingsTabProps {
  initial: Settings;
  creatorGroups: GroupRef[];
  /** The page's token policy follows the saved settings (e.g. a new maximum validity). */
  onSaved: (settings: Settings) => void;
}

type Outcome =
  | { kind: 'saved'; changes: number }
  | { kind: 'conflict' }
  | { kind: 'invalid'; error: ResolverError }
  | { kind: 'failed'; error: ResolverError };

const sectionStyle = xcss({ paddingBlockEnd: 'space.300' });
/** Paths shown next to a field; anything else the server reports is listed in the error message. */
const FIELDS = [
  'retention.defaultDays',
  ...RETENTION_CATEGORIES.map((category) => `retention.perCategoryDays.${category}`),
  'policies.customDays',
  'policies.creators',
  'policies.defaultRateLimit',
  'policies.systemIpAllowlist',
  'trustedGateways',
  'verificationCacheSeconds',
  'hygiene.reminderDays',
  'hygiene.unusedDays',
];

/** Changed group ids read better as group names in the review. */
function withGroupNames(changes: ChangedValue[], names: ReadonlyMap<string, string>): ChangedValue[] {
  const rename = (value: string | null): string | null =>
    value === null ? null : value.split(', ').map((id) => names.get(id) ?? id).join(', ');
  return changes.map((change) =>
    change.key === 'policies.creators.groupIds' ? { ...change, from: rename(change.from), to: rename(change.to) } : change,
  );
}

/**
 * The Audit settings tab: edit, review what changed, save. Saving sends the version the form was based on,
 * so a concurrent save by another admin comes back as CONFLICT instead of being overwritten.
 */
export function SettingsTab({ initial, creatorGroups, onSaved }: SettingsTabProps): React.JSX.Element {
  const [names, setNames] = useState<Map<string, string>>(() => new Map(creatorGroups.map((group) => [group.groupId, group.name])));
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(initial, names));
  const [issues, setIssues] = useState<FieldIssues>([]);
  const [review, setReview] = useState<{ changes: ChangedValue[]; candidate: Settings } | null>(null);
  const [saving, setSaving] = useState(false);
  const [reviewError, setReviewError] = useState<ResolverError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reloading, setReloading] = useState(false);

  const pristine = formFromSettings(saved, names);
  const dirty = !sameForm(form, pristine);
  const messages = (field: string): string[] => issuesFor(issues, field, 'settings');

  const change = (patch: Partial<SettingsForm>): void => {
    if (patch.creatorGroups) {
      const known = new Map(names);
      for (const group of patch.creatorGroups) known.set(group.groupId, group.name);
      setNames(known);
    }
    setForm((current) => ({ ...current, ...patch }));
    setOutcome((current) => (current?.kind === 'saved' ? null : current));
  };

  const adopt = (settings: Settings): void => {
    setSaved(settings);
    setForm(formFromSettings(settings, names));
    setIssues([]);
    onSaved(settings);
  };

  const startReview = (): void => {
    const parsed = settingsFromForm(form, saved.version);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setIssues([]);
    setReviewError(null);
    setReview({ changes: withGroupNames(diffSettings(saved, parsed.settings), names), candidate: parsed.settings });
  };

  const save = async (): Promise<void> => {
    if (!review) return;
    setSaving(true);
    setReviewError(null);
    const result = await invoke('settings/update', { settings: review.candidate });
    setSaving(false);
    if (result.ok) {
      const count = review.changes.length;
      setReview(null);
      adopt(result.data.settings);
      setOutcome({ kind: 'saved', changes: count });
      return;
    }
    if (result.error.code === 'CONFLICT') {
      setReview(null);
      setOutcome({ kind: 'conflict' });
    } else if (result.error.code === 'INVALID_INPUT') {
      setReview(null);
      setIssues(result.error.issues ?? []);
      setOutcome({ kind: 'invalid', error: result.error });
    } else {
      setReviewError(result.error);
    }
  };

  const reload = async (): Promise<void> => {
    setReloading(true);
    const result = await invoke('settings/get', {});
    setReloading(false);
    if (result.ok) {
      adopt(result.data.settings);
      setOutcome(null);
    } else {
      setOutcome({ kind: 'failed', error: result.error });
    }
  };

  const leftover = unclaimedIssues(issues, FIELDS, 'settings');

  return (
    <Stack space="space.300">
      <Box xcss={sectionStyle}>
        <AuditEventsSection form={form} onChange={change} messages={messages} />
      </Box>
      <Box xcss={sectionStyle}>
        <VolumeSection form={form} onChange={change} messages={messages} />
      </Box>
      <Box xcss={sectionStyle}>
        <PoliciesSection form={form} onChange={change} messages={messages} />
      </Box>
      <Box xcss={sectionStyle}>
        <HygieneSection form={form} onChange={change} messages={messages} />
      </Box>

      {/* Beside the buttons: after Save, focus returns to "Review changes", so the outcome is in view there (the page is long). */}
      {outcome?.kind === 'saved' ? (
        <SectionMessage appearance="success" title="Settings saved" testId="settings-saved">
          <Text>
            {outcome.changes === 1 ? 'The change is' : `All ${outcome.changes} changes are`} in effect and recorded in the audit log.
          </Text>
        </SectionMessage>
      ) : null}
      {outcome?.kind === 'conflict' ? (
        <SectionMessage appearance="warning" title="Someone else saved the settings" testId="settings-conflict">
          <Stack space="space.100">
            <Text>
              Another administrator saved these settings after you opened this page, so your changes were not saved. Reload to see
              their version; your unsaved edits will be discarded, so note them first.
            </Text>
            <Inline>
              <Button onClick={() => void reload()} isDisabled={reloading} testId="settings-reload">
                Reload settings
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : null}
      {outcome?.kind === 'invalid' || outcome?.kind === 'failed' ? (
        <SectionMessage appearance="error" title="The settings were not saved" testId="settings-error">
          <Stack space="space.050">
            <Text>{outcome.error.message}</Text>
            {leftover.map((issue) => (
              <Text key={issue.path + issue.message}>
                {issue.path}: {issue.message}
              </Text>
            ))}
          </Stack>
        </SectionMessage>
      ) : null}

      <Inline space="space.100" alignBlock="center">
        <Button appearance="primary" onClick={startReview} isDisabled={!dirty} testId="settings-review-open">
          Review changes
        </Button>
        <Button
          appearance="subtle"
          onClick={() => {
            setForm(pristine);
            setIssues([]);
          }}
          isDisabled={!dirty}
          testId="settings-discard"
        >
          Discard changes
        </Button>
        {dirty ? <Text color="color.text.subtle">You have unsaved changes.</Text> : null}
      </Inline>

      {review ? (
        <ReviewChangesModal
          changes={review.changes}
          busy={saving}
          error={reviewError}
          onSave={() => void save()}
          onClose={() => setReview(null)}
        />
      ) : null}
    </Stack>
  );
}
