import React, { useEffect, useRef, useState } from 'react';
import { Button, Inline, Spinner, Text, Textfield } from '@forge/react';
import type { ResolverResult } from '../../shared/result';
import { inputValue } from './events';

const SEARCH_DELAY_MS = 300;

interface SearchPickerProps<T> {
  /** Id of the search field, for the Label that names it. */
  id: string;
  placeholder: string;
  isInvalid?: boolean;
  /** A resolver search; stable across renders (a module-level function), since a new one searches again. */
  search: (query: string) => Promise<ResolverResult<T[]>>;
  /** Results to offer; the others (e.g. those already chosen) are left out. */
  isOffered?: (item: T) => boolean;
  onPick: (item: T) => void;
  /** Told the search text as typed, so a form can refuse to submit while a search was not picked from. */
  onQueryChange?: (query: string) => void;
  itemKey: (item: T) => string;
  itemLabel: (item: T) => string;
  itemIcon: React.ComponentProps<typeof Button>['iconBefore'];
  searchingLabel: string;
  /** Shown when the search found nothing to offer. */
  noMatch: (query: string) => React.ReactNode;
  searchTestId: string;
  resultsTestId?: string;
  optionTestId: (item: T) => string;
}

const offerAll = (): boolean => true;

/**
 * A search field whose results are buttons rather than a dropdown, so every choice is an explicit
 * click on a named result. Debounced: one search per pause in typing, and only the newest answer is
 * shown. Renders its parts without a container, so they sit in the caller's own Stack.
 */
export function SearchPicker<T>({
  id,
  placeholder,
  isInvalid,
  search,
  isOffered = offerAll,
  onPick,
  onQueryChange,
  itemKey,
  itemLabel,
  itemIcon,
  searchingLabel,
  noMatch,
  searchTestId,
  resultsTestId,
  optionTestId,
}: SearchPickerProps<T>): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<T[] | null>(null);
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
      void search(text).then((result) => {
        if (sequence !== latest.current) return;
        setSearching(false);
        setFailure(result.ok ? null : result.error.message);
        setResults(result.ok ? result.data : null);
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, search]);

  const offered = (results ?? []).filter(isOffered);

  return (
    <>
      <Textfield
        id={id}
        value={query}
        placeholder={placeholder}
        isInvalid={isInvalid}
        onChange={(event) => {
          const text = inputValue(event);
          setQuery(text);
          onQueryChange?.(text);
        }}
        testId={searchTestId}
      />
      {searching ? <Spinner size="small" label={searchingLabel} /> : null}
      {failure ? <Text color="color.text.danger">{failure}</Text> : null}
      {results && offered.length === 0 && !searching ? <Text color="color.text.subtle">{noMatch(query.trim())}</Text> : null}
      {offered.length > 0 ? (
        <Inline space="space.050" shouldWrap testId={resultsTestId}>
          {offered.map((item) => (
            <Button
              key={itemKey(item)}
              appearance="subtle"
              spacing="compact"
              iconBefore={itemIcon}
              onClick={() => {
                setQuery('');
                setResults(null);
                onQueryChange?.('');
                onPick(item);
              }}
              testId={optionTestId(item)}
            >
              {itemLabel(item)}
            </Button>
          ))}
        </Inline>
      ) : null}
    </>
  );
}
