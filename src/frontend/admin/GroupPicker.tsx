import React, { useEffect, useRef, useState } from 'react';
import { Button, Inline, Spinner, Stack, Text, Textfield } from '@forge/react';
import { invoke } from '../invoke';
import { inputValue } from '../components/events';
import type { GroupRef } from './settings-form';

const SEARCH_DELAY_MS = 300;

interface GroupPickerProps {
  id: string;
  value: GroupRef[];
  onChange: (groups: GroupRef[]) => void;
  isInvalid?: boolean;
}

/** Chooses the Jira groups whose members may create tokens, through the `groups/search` resolver. */
export function GroupPicker({ id, value, onChange, isInvalid = false }: GroupPickerProps): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<GroupRef[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      setResults(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      const sequence = ++latest.current;
      setSearching(true);
      void invoke('groups/search', { query: text }).then((result) => {
        if (sequence !== latest.current) return;
        setSearching(false);
        setFailure(result.ok ? null : result.error.message);
        setResults(result.ok ? result.data.groups : null);
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const chosen = new Set(value.map((group) => group.groupId));
  const offered = (results ?? []).filter((group) => !chosen.has(group.groupId));

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
      <Textfield
        id={id}
        value={query}
        placeholder="Find a group to add"
        isInvalid={isInvalid}
        onChange={(event) => setQuery(inputValue(event))}
        testId="creator-group-search"
      />
      {searching ? <Spinner size="small" label="Searching groups" /> : null}
      {failure ? <Text color="color.text.danger">{failure}</Text> : null}
      {results && offered.length === 0 && !searching ? <Text color="color.text.subtle">No other groups match “{query.trim()}”.</Text> : null}
      {offered.length > 0 ? (
        <Inline space="space.050" shouldWrap>
          {offered.map((group) => (
            <Button
              key={group.groupId}
              appearance="subtle"
              spacing="compact"
              iconBefore="add"
              onClick={() => {
                onChange([...value, group]);
                setQuery('');
              }}
              testId={`creator-group-add-${group.groupId}`}
            >
              {group.name}
            </Button>
          ))}
        </Inline>
      ) : null}
    </Stack>
  );
}
