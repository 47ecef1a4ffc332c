import React from 'react';
import {
  Button,
  Form,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Stack,
  type LoadingButtonProps,
  type ModalProps,
  type ModalTitleProps,
  type StackProps,
} from '@forge/react';

interface FormDialogProps {
  title: React.ReactNode;
  titleAppearance?: ModalTitleProps['appearance'];
  width?: ModalProps['width'];
  /** Spacing of the body's stack. */
  space?: StackProps['space'];
  children: React.ReactNode;
  /** While the main action runs, the dialog cannot be dismissed and Cancel is disabled. */
  busy: boolean;
  onClose: () => void;
  cancelLabel?: string;
  mainLabel: React.ReactNode;
  mainAppearance: LoadingButtonProps['appearance'];
  isMainDisabled?: boolean;
  onMain: () => void;
  testIds: { dialog: string; cancel: string; main: string };
}

/** The frame every dialog with a server action shares: title, body, Cancel and a main button that shows progress. */
export function FormDialog({
  title,
  titleAppearance,
  width,
  space = 'space.200',
  children,
  busy,
  onClose,
  cancelLabel = 'Cancel',
  mainLabel,
  mainAppearance,
  isMainDisabled,
  onMain,
  testIds,
}: FormDialogProps): React.JSX.Element {
  return (
    <ModalTransition>
      <Modal onClose={busy ? () => undefined : onClose} width={width} testId={testIds.dialog}>
        {/* A form, as UI Kit's modal-with-form pattern has it, so Enter in a field runs the main action. */}
        <Form onSubmit={() => (busy || isMainDisabled === true ? undefined : onMain())}>
          <ModalHeader>
            <ModalTitle appearance={titleAppearance}>{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space={space}>{children}</Stack>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId={testIds.cancel}>
              {cancelLabel}
            </Button>
            <LoadingButton type="submit" appearance={mainAppearance} isLoading={busy} isDisabled={isMainDisabled} testId={testIds.main}>
              {mainLabel}
            </LoadingButton>
          </ModalFooter>
        </Form>
      </Modal>
    </ModalTransition>
  );
}
