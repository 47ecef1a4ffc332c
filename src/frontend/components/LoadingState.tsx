import React from 'react';
import { Inline, Spinner, Text } from '@forge/react';

export function LoadingState({ label }: { label: string }): React.JSX.Element {
  return (
    <Inline space="space.100" alignBlock="center" testId="loading-state">
      <Spinner size="medium" label={label} />
      <Text color="color.text.subtle">{label}</Text>
    </Inline>
  );
}
