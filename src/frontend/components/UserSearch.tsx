import React from 'react';
import { Button, Inline, Stack, Text } from '@forge/react';
import type { UserSummary } from '../../shared/resolvers';
import { ok, type ResolverResult } from '../../shared/result';
import { invoke } from '../invoke';
import { SearchPicker } from './SearchPicker';

interface UserSearchProps {
  /** Id of the field, for the Label that names it. */
  id: string;
  value: UserSummary | null;
  onChange: (user: UserSummary | null) => void;
  testId: string;
  placeholder?: string;
  /** Told whether the search field holds text that was not picked from (see SearchPicker). */
  onPendingChange?: (pending: boolean) => void;
}

const searchUsers = async (query: string): Promise<ResolverResult<UserSummary[]>> => {
  const result = await invoke('users/search', { query });
  return result.ok ? ok(result.data.users) : result;
};

/**
 * Picks a Jira user through the `users/search` resolver. Results are buttons rather than a dropdown,
 * so choosing the owner of a credential is always an explicit click on a named person.
 */
export function UserSearch({ id, value, onChange, testId, placeholder = 'Search by name or email', onPendingChange }: UserSearchProps): React.JSX.Element {
  if (value) {
    return (
      <Inline space="space.100" alignBlock="center" testId={`${testId}-selected`}>
        <Text weight="medium">{value.displayName}</Text>
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => {
            onPendingChange?.(false);
            onChange(null);
          }}
          testId={`${testId}-clear`}
        >
          Change
        </Button>
      </Inline>
    );
  }

  return (
    <Stack space="space.050">
      <SearchPicker
        id={id}
        placeholder={placeholder}
        search={searchUsers}
        onPick={onChange}
        onQueryChange={(query) => onPendingChange?.(query.trim() !== '')}
        itemKey={(user) => user.accountId}
        itemLabel={(user) => user.displayName}
        itemIcon="person"
        searchingLabel="Searching users"
        noMatch={(query) => <>No users match “{query}”.</>}
        searchTestId={`${testId}-search`}
        resultsTestId={`${testId}-results`}
        optionTestId={(user) => `${testId}-option-${user.accountId}`}
      />
    </Stack>
  );
}
