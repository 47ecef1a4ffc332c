import React from 'react';
import type { ResolverError, ResolverResult } from '../../shared/result';
import { FailureMessage } from './FailureMessage';
import { FormDialog } from './FormDialog';
import { useSubmit } from './useSubmit';

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
  const submit = useSubmit();

  const confirm = async (): Promise<ResolverResult<null>> => {
    const failure = await onConfirm();
    return failure ? { ok: false, error: failure } : { ok: true, data: null };
  };

  return (
    <FormDialog
      title={title}
      titleAppearance="danger"
      space="space.150"
      busy={submit.busy}
      onClose={onClose}
      mainLabel={confirmLabel}
      mainAppearance="danger"
      onMain={() => void submit.run(confirm, () => undefined)}
      testIds={{ dialog: testId, cancel: `${testId}-cancel`, main: `${testId}-confirm` }}
    >
      {children}
      <FailureMessage failure={submit.failure} testId={`${testId}-error`} />
    </FormDialog>
  );
}
