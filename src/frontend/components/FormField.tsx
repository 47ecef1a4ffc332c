import React from 'react';
import { HelperMessage, Label, RequiredAsterisk, Stack } from '@forge/react';
import { FieldMessages } from './FieldMessages';

interface FormFieldProps {
  /** Id of the control inside, so the label names it. */
  id: string;
  label: string;
  isRequired?: boolean;
  helper?: React.ReactNode;
  /** The field's own error messages (local checks and the resolver's INVALID_INPUT issues). */
  messages: string[];
  messagesTestId: string;
  children: React.ReactNode;
}

/** One labelled form control with its help text and its field-level errors underneath, in that order. */
export function FormField({ id, label, isRequired = false, helper, messages, messagesTestId, children }: FormFieldProps): React.JSX.Element {
  return (
    <Stack space="space.050">
      <Label labelFor={id}>
        {isRequired ? (
          <>
            {label}
            <RequiredAsterisk />
          </>
        ) : (
          label
        )}
      </Label>
      {children}
      {helper === undefined ? null : <HelperMessage>{helper}</HelperMessage>}
      <FieldMessages messages={messages} testId={messagesTestId} />
    </Stack>
  );
}
