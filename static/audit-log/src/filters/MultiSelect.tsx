/**
 * A compact multi-choice filter: a disclosure button that opens a labelled group of checkboxes.
 * Native <details>/<summary> keeps it keyboard operable without a component library.
 */
import { useEffect, useRef, type ReactElement } from 'react';

export interface MultiSelectProps {
  label: string;
  testId: string;
  options: ReadonlyArray<{ value: string; label: string; group?: string }>;
  selected: readonly string[];
  disabled?: boolean;
  onChange: (selected: string[]) => void;
}

function summaryText(label: string, selected: readonly string[]): string {
  if (selected.length === 0) return `${label}: all`;
  if (selected.length === 1) return `${label}: ${selected[0]}`;
  return `${label}: ${selected.length} selected`;
}

export function MultiSelect({ label, testId, options, selected, disabled, onChange }: MultiSelectProps): ReactElement {
  const details = useRef<HTMLDetailsElement>(null);

  // Close when focus or a click lands outside, as a menu would.
  useEffect(() => {
    const close = (event: Event): void => {
      const element = details.current;
      if (element?.open && event.target instanceof Node && !element.contains(event.target)) element.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('focusin', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('focusin', close);
    };
  }, []);

  const toggle = (value: string, checked: boolean): void => {
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));
  };

  let lastGroup: string | undefined;
  return (
    <details
      ref={details}
      className="multi"
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && details.current?.open) {
          // Handled here: the page's Escape (closing the detail panel) leaves it alone.
          event.preventDefault();
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className={`multi__summary${selected.length > 0 ? ' multi__summary--active' : ''}`} aria-disabled={disabled}
        onClick={(event) => {
          if (disabled) event.preventDefault();
        }}
      >
        {summaryText(label, selected)}
      </summary>
      <fieldset className="multi__panel" disabled={disabled}>
        <legend className="visually-hidden">{label}</legend>
        {options.length === 0 && <p className="multi__empty">No {label.toLowerCase()} recorded yet.</p>}
        {options.map((option) => {
          const heading = option.group !== undefined && option.group !== lastGroup ? option.group : null;
          lastGroup = option.group;
          return (
            <div key={`${option.group ?? ''}/${option.value}`}>
              {heading !== null && <div className="multi__group">{heading}</div>}
              <label className="multi__option">
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <span>{option.label}</span>
              </label>
            </div>
          );
        })}
        {selected.length > 0 && (
          <button type="button" className="button button--subtle multi__clear" onClick={() => onChange([])}>
            Clear {label.toLowerCase()}
          </button>
        )}
      </fieldset>
    </details>
  );
}
