import React from 'react';
import {
  Button,
  Code,
  Inline,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import type { ChangedValue } from '../../domain/audit/model';
import type { ResolverError } from '../../shared/result';

interface ReviewChangesModalProps {
  changes: ChangedValue[];
  busy: boolean;
  error: ResolverError | null;
  onSave: () => void;
  onClose: () => void;
}

const shown = (value: string | null): string => (value === null || value === '' ? '(none)' : value);

/** Lists `key: from → to` before saving, in the same terms the audit event will record. */
export function ReviewChangesModal({ changes, busy, error, onSave, onClose }: ReviewChangesModalProps): React.JSX.Element {
  return (
    <ModalTransition>
      <Modal onClose={busy ? () => undefined : onClose} width="large" testId="settings-review">
        <ModalHeader>
          <ModalTitle>Review changes</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Text>
              {changes.length === 0
                ? 'Nothing differs from the saved settings.'
                : `Saving records ${changes.length === 1 ? 'this change' : `these ${changes.length} changes`} in the audit log.`}
            </Text>
            <Stack space="space.075" testId="settings-review-changes">
              {changes.map((change) => (
                <Inline key={change.key} space="space.100" alignBlock="center" shouldWrap testId={`change-${change.key}`}>
                  <Code>{change.key}</Code>
                  <Text>
                    {shown(change.from)} → {shown(change.to)}
                  </Text>
                </Inline>
              ))}
            </Stack>
            {error ? (
              <SectionMessage appearance="error" title="The settings were not saved" testId="settings-review-error">
                <Text>{error.message}</Text>
              </SectionMessage>
            ) : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="settings-review-back">
            Back to editing
          </Button>
          <LoadingButton appearance="primary" isLoading={busy} isDisabled={changes.length === 0} onClick={onSave} testId="settings-save">
            {changes.length === 1 ? 'Save 1 change' : `Save ${changes.length} changes`}
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
