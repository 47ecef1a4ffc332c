/**
 * The filter bar: date range, categories, actions, author, affected token, free text and its scan limit.
 * Choices (dates, categories, actions) apply at once; typed fields apply on Enter or "Apply",
 * so a query is not sent for every keystroke.
 */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import type { AuditFacets } from '../../../../src/shared/resolvers';
import type { CallResolver } from '../api/resolvers';
import { AuthorPicker, type PickedAuthor } from './AuthorPicker';
import { fromLocalInputValue, toLocalInputValue } from './datetime';
import { EMPTY_FILTERS, OBJECT_TYPE_OPTIONS, SCAN_DEPTH_OPTIONS, authorFieldText, hasActiveFilters, typedAuthor, visibleActions, type Filters } from './model';
import { MultiSelect } from './MultiSelect';

export interface FilterBarProps {
  facets: AuditFacets | null;
  filters: Filters;
  /** Authors seen in the loaded events, with the names the page shows them by. */
  authorSuggestions: readonly PickedAuthor[];
  /** For the person picker's search. */
  call: CallResolver;
  disabled: boolean;
  onChange: (filters: Filters) => void;
}

const HOUR = 3_600_000;
/** Shortcuts for the date range: from that long ago up to now; "Any time" clears both bounds. */
const QUICK_RANGES: ReadonlyArray<{ id: string; label: string; ms: number | null }> = [
  { id: '1h', label: 'Last hour', ms: HOUR },
  { id: '24h', label: 'Last 24 hours', ms: 24 * HOUR },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR },
  { id: 'any', label: 'Any time', ms: null },
];

type TypedFields = Pick<Filters, 'author' | 'objectId' | 'text'>;

/** The draft's `author` is the author field's text: the picked person's name, or what is typed. */
const typedFields = (filters: Filters): TypedFields => ({ author: authorFieldText(filters), objectId: filters.objectId, text: filters.text });

export function FilterBar({ facets, filters, authorSuggestions, call, disabled, onChange }: FilterBarProps): ReactElement {
  const id = useId();
  const [draft, setDraft] = useState<TypedFields>(() => typedFields(filters));

  // Filters also change from outside the bar (chart drag, "Show this token's events", Clear).
  useEffect(() => {
    setDraft(typedFields(filters));
  }, [filters]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onChange({ ...filters, ...draft, ...authorOfDraft() });
  };

  // Text left in the author field that is not the picked person's name is applied as typed.
  const authorOfDraft = (): Pick<Filters, 'author' | 'authorName'> =>
    draft.author === authorFieldText(filters) ? { author: filters.author, authorName: filters.authorName } : typedAuthor(draft.author, authorSuggestions);

  const pickAuthor = (author: PickedAuthor | null): void => {
    onChange({ ...filters, ...draft, author: author?.id ?? '', authorName: author?.name ?? '' });
  };

  const setBound = (bound: 'from' | 'to', value: string): void => {
    const parsed = fromLocalInputValue(value);
    if (value !== '' && parsed === null) return;
    // The inputs show whole seconds, so "To" means the end of the second it shows.
    onChange({ ...filters, ...draft, ...authorOfDraft(), [bound]: parsed === null ? null : bound === 'to' ? parsed + 999 : parsed });
  };

  const categoryOptions = (facets?.categories ?? []).map((category) => ({ value: category, label: category }));
  const actionOptions = visibleActions(facets?.actions ?? [], filters).map((entry) => ({
    value: entry.action,
    label: entry.action,
    group: entry.category,
  }));
  const objectLabel = OBJECT_TYPE_OPTIONS.find((option) => option.value === filters.objectType)?.label ?? 'Object';
  const draftDiffers = draft.author !== authorFieldText(filters) || draft.objectId !== filters.objectId || draft.text !== filters.text;

  return (
    <form className="filters" role="search" aria-label="Filter audit events" onSubmit={submit} data-testid="filter-bar">
      <div className="filters__row">
        <label className="field">
          <span className="field__label">From</span>
          <input
            type="datetime-local"
            step={1}
            value={toLocalInputValue(filters.from)}
            max={toLocalInputValue(filters.to) || undefined}
            disabled={disabled}
            onChange={(event) => setBound('from', event.target.value)}
            data-testid="filter-from"
          />
        </label>
        <label className="field">
          <span className="field__label">To</span>
          <input
            type="datetime-local"
            step={1}
            value={toLocalInputValue(filters.to)}
            min={toLocalInputValue(filters.from) || undefined}
            disabled={disabled}
            onChange={(event) => setBound('to', event.target.value)}
            data-testid="filter-to"
          />
        </label>
        <label className="field">
          <span className="field__label">Quick range</span>
          <select
            className="select"
            value=""
            disabled={disabled}
            onChange={(event) => {
              const choice = QUICK_RANGES.find((range) => range.id === event.target.value);
              if (choice) onChange({ ...filters, ...draft, ...authorOfDraft(), from: choice.ms === null ? null : Date.now() - choice.ms, to: null });
            }}
            data-testid="filter-quick-range"
          >
            <option value="" disabled>
              Choose…
            </option>
            {QUICK_RANGES.map((range) => (
              <option key={range.id} value={range.id}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span className="field__label" aria-hidden="true">Category</span>
          <MultiSelect
            label="Categories"
            testId="filter-categories"
            options={categoryOptions}
            selected={filters.categories}
            disabled={disabled}
            onChange={(categories) => onChange({ ...filters, ...draft, ...authorOfDraft(), categories })}
          />
        </div>
        <div className="field">
          <span className="field__label" aria-hidden="true">Action</span>
          <MultiSelect
            label="Actions"
            testId="filter-actions"
            options={actionOptions}
            selected={filters.actions}
            disabled={disabled}
            onChange={(actions) => onChange({ ...filters, ...draft, ...authorOfDraft(), actions })}
          />
        </div>
      </div>
      <div className="filters__row">
        <div className="field field--grow">
          <span className="field__label" id={`${id}-author`}>
            Author
          </span>
          <AuthorPicker
            call={call}
            labelId={`${id}-author`}
            text={draft.author}
            picked={filters.author !== '' && filters.authorName !== '' ? { id: filters.author, name: filters.authorName } : null}
            known={authorSuggestions}
            disabled={disabled}
            onTextChange={(author) => setDraft({ ...draft, author })}
            onPick={pickAuthor}
          />
        </div>
        <div className="field field--grow">
          <span className="field__label" id={`${id}-object`}>
            Affected {objectLabel.toLowerCase()} ID
          </span>
          <div className="combo">
            <select
              aria-label="Affected object type"
              value={filters.objectType}
              disabled={disabled}
              onChange={(event) => onChange({ ...filters, ...draft, ...authorOfDraft(), objectType: event.target.value })}
              data-testid="filter-object-type"
            >
              {OBJECT_TYPE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <input
              type="text"
              aria-labelledby={`${id}-object`}
              value={draft.objectId}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              onChange={(event) => setDraft({ ...draft, objectId: event.target.value })}
              data-testid="filter-object-id"
            />
          </div>
        </div>
        <label className="field field--wide">
          <span className="field__label">Text</span>
          <input
            type="search"
            value={draft.text}
            placeholder="Description, path, IP, attribute value…"
            disabled={disabled}
            onChange={(event) => setDraft({ ...draft, text: event.target.value })}
            data-testid="filter-text"
          />
        </label>
        <label className="field">
          <span className="field__label">Text search looks through</span>
          <select
            className="select"
            value={filters.scanLimit === null ? '' : String(filters.scanLimit)}
            disabled={disabled}
            onChange={(event) => onChange({ ...filters, ...draft, ...authorOfDraft(), scanLimit: event.target.value === '' ? null : Number(event.target.value) })}
            data-testid="filter-scan-limit"
          >
            {SCAN_DEPTH_OPTIONS.map((option) => (
              <option key={option.label} value={option.value === null ? '' : String(option.value)}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <div className="filters__actions">
          <button type="submit" className={`button ${draftDiffers ? 'button--primary' : ''}`} disabled={disabled} data-testid="filter-apply">
            Apply
          </button>
          <button
            type="button"
            className="button button--subtle"
            disabled={disabled || (!hasActiveFilters(filters) && !draftDiffers)}
            onClick={() => onChange(EMPTY_FILTERS)}
            data-testid="filter-clear"
          >
            Clear filters
          </button>
        </div>
      </div>
    </form>
  );
}
