/**
 * The author filter: a person picker, the Custom UI counterpart of the token page's SearchPicker.
 * Typing searches Jira's people (`audit/searchAuthors`, debounced, newest answer only) and offers
 * the authors of the loaded events whose name matches (the app and the housekeeping are authors
 * too, and Jira does not know them). It follows the ARIA combobox pattern: the list is a listbox,
 * Down and Up move through it, Enter picks, Escape closes it. Picking applies the filter at once;
 * text that was not picked is sent as an account ID when the form is applied, and the field says so.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { UserSummary } from '../../../../src/shared/resolvers';
import type { CallResolver } from '../api/resolvers';

export interface PickedAuthor {
  id: string;
  name: string;
}

export interface AuthorPickerProps {
  call: CallResolver;
  /** Id of the visible label that names the field. */
  labelId: string;
  /** Text in the field (a picked person's name, or what is being typed). */
  text: string;
  /** The person the filter is on, or null. */
  picked: PickedAuthor | null;
  /** Authors of the loaded events, with the names the page shows. */
  known: readonly PickedAuthor[];
  disabled: boolean;
  onTextChange: (text: string) => void;
  onPick: (author: PickedAuthor | null) => void;
}

export const SEARCH_DELAY_MS = 250;

function matches(author: PickedAuthor, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  return wanted !== '' && (author.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(wanted)) || author.name.toLowerCase().startsWith(wanted) || author.id.toLowerCase() === wanted);
}

export function AuthorPicker({ call, labelId, text, picked, known, disabled, onTextChange, onPick }: AuthorPickerProps): ReactElement {
  const id = useId();
  const listId = `${id}-people`;
  const hintId = `${id}-hint`;
  const [found, setFound] = useState<{ query: string; people: UserSummary[]; failure: string | null } | null>(null);
  const [searching, setSearching] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);

  const query = text.trim();
  const typing = query !== '' && (picked === null || text !== picked.name);

  useEffect(() => {
    if (!typing) {
      latest.current += 1;
      setSearching(false);
      setFound(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      const mine = ++latest.current;
      setSearching(true);
      void call('audit/searchAuthors', { query }).then((result) => {
        if (mine !== latest.current) return;
        setSearching(false);
        setFound({ query, people: result.ok ? result.data.users : [], failure: result.ok ? null : result.error.message });
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [call, query, typing]);

  const options = useMemo((): PickedAuthor[] => {
    if (!typing) return [];
    const people = (found?.people ?? []).map((person) => ({ id: person.accountId, name: person.displayName }));
    const seen = new Set(people.map((person) => person.id));
    return [...people, ...known.filter((author) => !seen.has(author.id) && matches(author, query))];
  }, [found, known, query, typing]);

  useEffect(() => {
    setActive(-1);
  }, [options]);

  const expanded = open && options.length > 0;
  const pick = (author: PickedAuthor): void => {
    setOpen(false);
    onPick(author);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === 'Enter' && expanded) {
      // The one person found, or the one chosen with the arrows; otherwise the form applies the text as an ID.
      const choice = active >= 0 ? options[active] : options.length === 1 ? options[0] : options.find((option) => option.name.toLowerCase() === query.toLowerCase());
      if (choice === undefined) return;
      event.preventDefault();
      pick(choice);
    } else if (event.key === 'Escape' && expanded) {
      // Handled here: the page's Escape (closing the detail panel) leaves it alone.
      event.preventDefault();
      setOpen(false);
    }
  };

  const settled = typing && !searching && found !== null && found.query === query;
  const hint = !typing
    ? picked !== null
      ? `Account ID ${picked.id}`
      : 'Type a name and pick the person.'
    : searching || !settled
      ? 'Searching people…'
      : found?.failure
        ? `People search is unavailable (${found.failure}). Apply searches for the text as an account ID.`
        : options.length === 0
          ? `Nobody is called “${query}”. Apply searches for it as an account ID.`
          : `${options.length} ${options.length === 1 ? 'person' : 'people'} found: pick one with Down and Enter, or click.`;

  return (
    <div className="picker">
      <div className="picker__field">
        <svg className="picker__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="8" cy="5" r="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M2.5 14c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-labelledby={labelId}
          aria-describedby={hintId}
          value={text}
          placeholder="Search people by name"
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          onChange={(event) => {
            setOpen(true);
            onTextChange(event.target.value);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid="filter-author"
        />
        {picked !== null && (
          <button type="button" className="picker__clear" aria-label={`Remove the author filter (${picked.name})`} disabled={disabled} onClick={() => onPick(null)} data-testid="filter-author-clear">
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        )}
      </div>
      <ul id={listId} role="listbox" aria-label="People" className="picker__list" hidden={!expanded} data-testid="filter-author-options">
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={`picker__option${index === active ? ' is-active' : ''}`}
            // Keeps focus in the field, so the list is still there when the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
            data-testid="filter-author-option"
            data-account-id={option.id}
          >
            <span>{option.name}</span> <span className="picker__id">{option.id}</span>
          </li>
        ))}
      </ul>
      <span id={hintId} className="field__hint" aria-live="polite" data-testid="filter-author-hint">
        {hint}
      </span>
    </div>
  );
}
