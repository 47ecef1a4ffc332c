/**
 * What UI Kit hands to change handlers: inputs send a serialised event ({target: {value | checked}}),
 * Select sends the chosen option(s), DatePicker the ISO date. These read each shape in one place.
 */
export interface SelectOption<V extends string | number = string> {
  label: string;
  value: V;
}

function target(event: unknown): { value?: unknown; checked?: unknown } | null {
  if (typeof event !== 'object' || event === null || !('target' in event)) return null;
  const eventTarget = event.target;
  return typeof eventTarget === 'object' && eventTarget !== null ? eventTarget : null;
}

export function inputValue(event: unknown): string {
  const value = target(event)?.value ?? event;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A toggle reports `checked`; when a renderer sends nothing usable, the toggle flips. */
export function checkedValue(event: unknown, current: boolean): boolean {
  const checked = target(event)?.checked;
  return typeof checked === 'boolean' ? checked : !current;
}

export function optionValue(option: unknown): string | null {
  if (typeof option === 'string') return option;
  if (typeof option === 'object' && option !== null && 'value' in option) {
    const value = option.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
  return null;
}

export function optionValues(options: unknown): string[] {
  if (!Array.isArray(options)) return options === null || options === undefined ? [] : [optionValue(options)].filter((v): v is string => v !== null);
  return options.map(optionValue).filter((value): value is string => value !== null);
}

export function findOption<V extends string | number>(options: Array<SelectOption<V>>, value: V | null): SelectOption<V> | null {
  return options.find((option) => option.value === value) ?? null;
}
