import React, { useState } from 'react';
import { HelperMessage, Label, Select, Stack, Text } from '@forge/react';
import type { TokenView } from '../../shared/resolvers';
import { invoke } from '../invoke';
import type { CreatedToken } from './CreateTokenModal';
import { findOption, optionValue, type SelectOption } from './events';
import { FailureMessage } from './FailureMessage';
import { FormDialog } from './FormDialog';
import { useSubmit } from './useSubmit';

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
  const submit = useSubmit();

  const rotate = (): Promise<void> => submit.run(() => invoke('tokens/rotate', { tokenId: token.id, graceSeconds }), onRotated);

  return (
    <FormDialog
      title={<>Rotate “{token.description}”</>}
      titleAppearance="warning"
      busy={submit.busy}
      onClose={onClose}
      mainLabel="Rotate"
      mainAppearance="warning"
      onMain={() => void rotate()}
      testIds={{ dialog: 'rotate-token-modal', cancel: 'rotate-cancel', main: 'rotate-confirm' }}
    >
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
      <FailureMessage failure={submit.failure} title="The token was not rotated" testId="rotate-error" />
    </FormDialog>
  );
}
