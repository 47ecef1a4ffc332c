import React, { useState } from 'react';
import {
  Button,
  HelperMessage,
  Label,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Select,
  Stack,
  Text,
} from '@forge/react';
import type { TokenView } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';
import type { CreatedToken } from './CreateTokenModal';
import { findOption, optionValue, type SelectOption } from './events';

const GRACE_OPTIONS: Array<SelectOption<number>> = [
  { label: 'None: the old secret stops working now', value: 0 },
  { label: '1 hour', value: 3600 },
  { label: '24 hours', value: 86_400 },
  { label: '7 days', value: 604_800 },
];

interface RotateModalProps {
  token: TokenView;
  onRotated: (rotated: CreatedToken) => void;
  onClose: () => void;
}

/** Issues a replacement secret; the old one keeps working for the chosen grace period so clients can move over. */
export function RotateModal({ token, onRotated, onClose }: RotateModalProps): React.JSX.Element {
  const [graceSeconds, setGraceSeconds] = useState(86_400);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [busy, setBusy] = useState(false);

  const rotate = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const result = await invoke('tokens/rotate', { tokenId: token.id, graceSeconds });
    setBusy(false);
    if (result.ok) onRotated(result.data);
    else setFailure(result.error);
  };

  return (
    <ModalTransition>
      <Modal onClose={busy ? () => undefined : onClose} testId="rotate-token-modal">
        <ModalHeader>
          <ModalTitle appearance="warning">Rotate “{token.description}”</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <Text>
              A new secret replaces {token.hint}. The new token keeps the description, scope, expiry, allowlist and rate limit.
            </Text>
            <Stack space="space.050">
              <Label labelFor="rotate-grace">Keep the old secret working for</Label>
              <Select
                inputId="rotate-grace"
                options={GRACE_OPTIONS}
                value={findOption(GRACE_OPTIONS, graceSeconds)}
                onChange={(option: unknown) => {
                  const value = Number(optionValue(option));
                  if (GRACE_OPTIONS.some((choice) => choice.value === value)) setGraceSeconds(value);
                }}
                testId="rotate-grace"
              />
              <HelperMessage>Time to update every script and integration that uses the old secret.</HelperMessage>
            </Stack>
            {failure ? (
              <SectionMessage appearance="error" title="The token was not rotated" testId="rotate-error">
                <Text>{failure.message}</Text>
              </SectionMessage>
            ) : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="rotate-cancel">
            Cancel
          </Button>
          <LoadingButton appearance="warning" isLoading={busy} onClick={() => void rotate()} testId="rotate-confirm">
            Rotate
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
