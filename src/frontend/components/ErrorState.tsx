import React from 'react';
import { Button, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { ResolverError } from '../../shared/result';

interface ErrorStateProps {
  title: string;
  error: ResolverError;
  onRetry?: () => void;
  testId?: string;
}

/** A failed load or action: what went wrong, in the resolver's words, and a way to try again. */
export function ErrorState({ title, error, onRetry, testId = 'error-state' }: ErrorStateProps): React.JSX.Element {
  return (
    <SectionMessage appearance="error" title={title} testId={testId}>
      <Stack space="space.100">
        <Text>{error.message}</Text>
        {onRetry ? (
          <Inline>
            <Button onClick={onRetry} testId={`${testId}-retry`}>
              Try again
            </Button>
          </Inline>
        ) : null}
      </Stack>
    </SectionMessage>
  );
}
