import React, { useEffect, useRef, useState } from 'react';
import { Button, Inline, Spinner, Stack, Text, Textfield } from '@forge/react';
import type { UserSummary } from '../../shared/resolvers';
import { invoke } from '../invoke';
import { inputValue } from './events';

const SEARCH_DELAY_MS = 300;

interface UserSearchProps {
  /** Id of the field, for the Label that names it. */
  id: string;
  value: UserSummary | null;
  onChange: (user: UserSummary | null) => void;
  testId: string;
  placeholder?: string;
}

/**
 * Picks a Jira user through the `users/search` resolver. Results are buttons rather than a dropdown,
 * so choosing the owner of a credential is always an explicit click on a named person.
 */
export function UserSearch({ id, value, onChange, testId, placeholder = 'Search by name or email' }: UserSearchProps): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      setResults(null);
      return undefined;
    }
    // Debounced: one search per pause in typing, and only the newest answer is shown.
    const timer = setTimeout(() => {
      const sequence = ++latest.current;
      setSearching(true);
      void invoke('users/search', { query: text }).then((result) => {
        if (sequence !== latest.current) return;
        setSearching(false);
        if (result.ok) {
          setResults(result.data.users);
          setFailure(null);
        } else {
          setResults(null);
          setFailure(result.error.message);
        }
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  if (value) {
    return (
      <Inline space="space.100" alignBlock="center" testId={`${testId}-selected`}>
        <Text weight="medium">{value.displayName}</Text>
        <Button appearance="subtle" spacing="compact" onClick={() => onChange(null)} testId={`${testId}-clear`}>
          Change
        </Button>
      </Inline>
    );
  }

  return (
    <Stack space="space.050">
      <Textfield
        id={id}
        value={query}
        placeholder={placeholder}
        onChange={(event) => setQuery(inputValue(event))}
        testId={`${testId}-search`}
      />
      {searching ? <Spinner size="small" label="Searching users" /> : null}
      {failure ? <Text color="color.text.danger">{failure}</Text> : null}
      {results && results.length === 0 && !searching ? <Text color="color.text.subtle">No users match “{query.trim()}”.</Text> : null}
      {results && results.length > 0 ? (
        <Inline space="space.050" shouldWrap testId={`${testId}-results`}>
          {results.map((user) => (
            <Button
              key={user.accountId}
              appearance="subtle"
              spacing="compact"
              iconBefore="person"
              onClick={() => {
                setQuery('');
                setResults(null);
                onChange(user);
              }}
              testId={`${testId}-option-${user.accountId}`}
            >
              {user.displayName}
            </Button>
          ))}
        </Inline>
      ) : null}
    </Stack>
  );
}
