import React from 'react';
import { Inline, Stack, Text } from '@forge/react';
import type { ChangedValue } from '../../domain/audit/model';
import type { ResolverError } from '../../shared/result';
import { FailureMessage } from '../components/FailureMessage';
import { FormDialog } from '../components/FormDialog';
import { labelledChanges } from './change-labels';

interface ReviewChangesModalProps {
  changes: ChangedValue[];
  busy: boolean;
  error: ResolverError | null;
  onSave: () => void;
  onClose: () => void;
}

/** Lists each change before saving, under the label its control has on the page: `label: from → to`. */
export function ReviewChangesModal({ changes, busy, error, onSave, onClose }: ReviewChangesModalProps): React.JSX.Element {
  return (
    <FormDialog
      title="Review changes"
      width="large"
      space="space.150"
      busy={busy}
      onClose={onClose}
      cancelLabel="Back to editing"
      mainLabel={changes.length === 1 ? 'Save 1 change' : `Save ${changes.length} changes`}
      mainAppearance="primary"
      isMainDisabled={changes.length === 0}
      onMain={onSave}
      testIds={{ dialog: 'settings-review', cancel: 'settings-review-back', main: 'settings-save' }}
    >
      <Text>
        {changes.length === 0
          ? 'Nothing differs from the saved settings.'
          : `Saving records ${changes.length === 1 ? 'this change' : `these ${changes.length} changes`} in the audit log.`}
      </Text>
      <Stack space="space.075" testId="settings-review-changes">
        {labelledChanges(changes).map((change) => (
          <Inline key={change.key} space="space.100" alignBlock="center" shouldWrap testId={`change-${change.key}`}>
            <Text weight="medium">{change.label}:</Text>
            <Text>
              {change.from} → {change.to}
            </Text>
          </Inline>
        ))}
      </Stack>
      <FailureMessage failure={error} title="The settings were not saved" testId="settings-review-error" />
    </FormDialog>
  );
}
