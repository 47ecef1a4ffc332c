import React from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import type { ResolverError } from '../../shared/result';

interface FailureMessageProps {
  failure: ResolverError | null;
  title?: string;
  testId: string;
  /** Lines shown under the message (e.g. input issues no field claims). */
  details?: React.ReactNode;
}

/** Why a dialog's action did not happen, in the resolver's words; nothing while there is no failure. */
export function FailureMessage({ failure, title, testId, details }: FailureMessageProps): React.JSX.Element | null {
  if (!failure) return null;
  return (
    <SectionMessage appearance="error" title={title} testId={testId}>
      {details !== undefined ? (
        <Stack space="space.050">
          <Text>{failure.message}</Text>
          {details}
        </Stack>
      ) : (
        <Text>{failure.message}</Text>
      )}
    </SectionMessage>
  );
}
