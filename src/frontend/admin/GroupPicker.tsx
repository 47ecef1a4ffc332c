import React from 'react';
import { Button, Inline, Stack, Text } from '@forge/react';
import { ok, type ResolverResult } from '../../shared/result';
import { invoke } from '../invoke';
import { SearchPicker } from '../components/SearchPicker';
import type { GroupRef } from './settings-form';

interface GroupPickerProps {
  id: string;
  value: GroupRef[];
  onChange: (groups: GroupRef[]) => void;
  isInvalid?: boolean;
}

const searchGroups = async (query: string): Promise<ResolverResult<GroupRef[]>> => {
  const result = await invoke('groups/search', { query });
  return result.ok ? ok(result.data.groups) : result;
};

/** Chooses the Jira groups whose members may create tokens, through the `groups/search` resolver. */
export function GroupPicker({ id, value, onChange, isInvalid = false }: GroupPickerProps): React.JSX.Element {
  const chosen = new Set(value.map((group) => group.groupId));

  return (
    <Stack space="space.100">
      {value.length > 0 ? (
        <Stack space="space.050" testId="creator-groups">
          {value.map((group) => (
            <Inline key={group.groupId} space="space.100" alignBlock="center">
              <Text weight="medium">{group.name}</Text>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => onChange(value.filter((other) => other.groupId !== group.groupId))}
                testId={`creator-group-remove-${group.groupId}`}
              >
                Remove
              </Button>
            </Inline>
          ))}
        </Stack>
      ) : (
        <Text color="color.text.subtle">No groups chosen yet.</Text>
      )}
      <SearchPicker
        id={id}
        placeholder="Find a group to add"
        isInvalid={isInvalid}
        search={searchGroups}
        isOffered={(group) => !chosen.has(group.groupId)}
        onPick={(group) => onChange([...value, group])}
        itemKey={(group) => group.groupId}
        itemLabel={(group) => group.name}
        itemIcon="add"
        searchingLabel="Searching groups"
        noMatch={(query) => <>No other groups match “{query}”.</>}
        searchTestId="creator-group-search"
        optionTestId={(group) => `creator-group-add-${group.groupId}`}
      />
    </Stack>
  );
}
