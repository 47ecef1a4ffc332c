import React, { useState } from 'react';
import {
  Button,
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
import type { ResolverError } from '../../shared/result';

interface ConfirmModalProps {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  /** Runs the action; answers the error to show, or null when done (the caller then closes the modal). */
  onConfirm: () => Promise<ResolverError | null>;
  onClose: () => void;
  testId: string;
}

/** Asks before an action that cannot be undone, and keeps the dialog open with the reason if it fails. */
export function ConfirmModal({ title, children, confirmLabel, onConfirm, onClose, testId }: ConfirmModalProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
  };

  return (
    <ModalTransition>
      <Modal onClose={busy ? () => undefined : onClose} testId={testId}>
        <ModalHeader>
          <ModalTitle appearance="danger">{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            {children}
            {error ? (
              <SectionMessage appearance="error" testId={`${testId}-error`}>
                <Text>{error.message}</Text>
              </SectionMessage>
            ) : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId={`${testId}-cancel`}>
            Cancel
          </Button>
          <LoadingButton appearance="danger" isLoading={busy} onClick={() => void confirm()} testId={`${testId}-confirm`}>
            {confirmLabel}
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
