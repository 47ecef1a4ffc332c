import React from 'react';
import { ErrorMessage, Stack } from '@forge/react';

/** The resolver's INVALID_INPUT messages for one field, shown right under it. */
export function FieldMessages({ messages, testId }: { messages: string[]; testId: string }): React.JSX.Element | null {
  if (messages.length === 0) return null;
  return (
    <Stack space="space.050" testId={testId}>
      {messages.map((message) => (
        <ErrorMessage key={message}>{message}</ErrorMessage>
      ))}
    </Stack>
  );
}
