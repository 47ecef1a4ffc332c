/**
 * Buttons and form controls. Controls keep their own copy of the value so typing shows at once,
 * and follow the app's `value` prop whenever the app re-renders with a new one. Handlers get
 * what the platform passes: a serialised event, or a plain value where UI Kit documents one.
 */
import React, { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { callHandler, serialiseEvent } from '../events';
import { textOf } from '../forge-doc';
import { bool, hooks, str, type ForgeComponent, type Props } from '../node';
import { GlyphIcon } from './glyph';

/** Local value that follows the app's controlled `value` prop when it changes. */
function useFollowedValue<T>(controlled: unknown, initial: T, normalise: (value: unknown) => T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(controlled !== undefined ? normalise(controlled) : initial);
  useEffect(() => {
    if (controlled !== undefined) setValue(normalise(controlled));
  }, [controlled]);
  return [value, setValue];
}

const asText = (value: unknown): string => str(value) ?? '';

function buttonClass(props: Props, extra = ''): string {
  return ['forge-button', `forge-button-${str(props.appearance) ?? 'default'}`, bool(props.shouldFitContainer) ? 'forge-fit' : '', bool(props.isSelected) ? 'forge-selected' : '', str(props.spacing) ? `forge-spacing-${str(props.spacing)}` : '', extra]
    .filter(Boolean)
    .join(' ');
}

const Button: ForgeComponent = ({ node, props, children }) => (
  <button
    type={(str(props.type) ?? 'button') as 'button'}
    className={buttonClass(props)}
    disabled={bool(props.isDisabled)}
    aria-pressed={props.isSelected === undefined ? undefined : bool(props.isSelected)}
    autoFocus={bool(props.autoFocus)}
    onClick={(event) => callHandler(props.onClick, serialiseEvent(event))}
    onFocus={(event) => callHandler(props.onFocus, serialiseEvent(event))}
    onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event))}
    {...hooks(node)}
  >
    {props.iconBefore ? <GlyphIcon glyph={props.iconBefore} /> : null}
    {children}
    {props.iconAfter ? <GlyphIcon glyph={props.iconAfter} /> : null}
  </button>
);

const LoadingButton: ForgeComponent = ({ node, props, children }) => {
  const loading = bool(props.isLoading);
  return (
    <button
      type={(str(props.type) ?? 'button') as 'button'}
      className={buttonClass(props, loading ? 'forge-loading' : '')}
      disabled={bool(props.isDisabled) || loading}
      aria-busy={loading}
      onClick={(event) => callHandler(props.onClick, serialiseEvent(event))}
      {...hooks(node)}
    >
      {loading ? <span className="forge-spinner forge-spinner-small" aria-hidden="true" /> : null}
      {children}
    </button>
  );
};

const LinkButton: ForgeComponent = ({ node, props, children }) => (
  <a className={buttonClass(props)} href={str(props.href)} target={str(props.target)} {...hooks(node)}>
    {children}
  </a>
);

const ButtonGroup: ForgeComponent = ({ node, props, children }) => (
  <div className="forge-button-group" role="group" aria-label={str(props.label)} {...hooks(node)}>
    {children}
  </div>
);

const Pressable: ForgeComponent = ({ node, props, children }) => (
  <button type="button" className="forge-pressable" disabled={bool(props.isDisabled)} onClick={(event) => callHandler(props.onClick, serialiseEvent(event))} {...hooks(node)}>
    {children}
  </button>
);

function fieldAttributes(props: Props): Record<string, unknown> {
  return {
    id: str(props.id),
    name: str(props.name),
    disabled: bool(props.isDisabled),
    required: bool(props.isRequired),
    readOnly: bool(props.isReadOnly),
    placeholder: str(props.placeholder),
    autoFocus: bool(props.autoFocus),
    'aria-invalid': bool(props.isInvalid) || props['aria-invalid'] === true ? true : undefined,
    'aria-labelledby': str(props['aria-labelledby']),
    'aria-label': str(props['aria-label']) ?? str(props.label),
    'aria-required': bool(props.isRequired) || undefined,
  };
}

const Textfield: ForgeComponent = ({ node, props }) => {
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue), asText);
  return (
    <input
      className={`forge-textfield${bool(props.isCompact) ? ' forge-compact' : ''}${bool(props.isMonospaced) ? ' forge-mono' : ''}`}
      type={str(props.type) ?? 'text'}
      value={value}
      min={str(props.min)}
      max={str(props.max)}
      maxLength={typeof props.maxLength === 'number' ? props.maxLength : undefined}
      minLength={typeof props.minLength === 'number' ? props.minLength : undefined}
      pattern={str(props.pattern)}
      style={{ width: typeof props.width === 'number' ? `${props.width}px` : str(props.width) }}
      {...fieldAttributes(props)}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        setValue(event.target.value);
        callHandler(props.onChange, serialiseEvent(event));
      }}
      onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event))}
      onFocus={(event) => callHandler(props.onFocus, serialiseEvent(event))}
      {...hooks(node)}
    />
  );
};

const TextArea: ForgeComponent = ({ node, props }) => {
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue), asText);
  return (
    <textarea
      className="forge-textarea"
      value={value}
      rows={typeof props.minimumRows === 'number' ? props.minimumRows : 3}
      maxLength={typeof props.maxLength === 'number' ? props.maxLength : undefined}
      {...fieldAttributes(props)}
      onChange={(event) => {
        setValue(event.target.value);
        callHandler(props.onChange, serialiseEvent(event, { type: 'textarea' }));
      }}
      onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event, { type: 'textarea' }))}
      onFocus={(event) => callHandler(props.onFocus, serialiseEvent(event, { type: 'textarea' }))}
      {...hooks(node)}
    />
  );
};

interface Option {
  label?: unknown;
  value?: unknown;
  isDisabled?: boolean;
}

const optionsOf = (props: Props): Option[] => (Array.isArray(props.options) ? (props.options as Option[]) : []);
const sameOption = (a: Option | undefined, b: unknown): boolean =>
  !!a && b !== null && typeof b === 'object' ? a.value === (b as Option).value : a?.value === b;

/** Native select: single value → `onChange(option | null)`, multi → `onChange(option[])`, as UI Kit's Select. */
const Select: ForgeComponent = ({ node, props }) => {
  const options = optionsOf(props);
  const multi = bool(props.isMulti);
  const toIndexes = (value: unknown): number[] => {
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    return options.map((option, index) => (values.some((v) => sameOption(option, v)) ? index : -1)).filter((index) => index >= 0);
  };
  const [selected, setSelected] = useFollowedValue<number[]>(props.value, toIndexes(props.defaultValue), toIndexes);
  return (
    <select
      className="forge-select"
      multiple={multi}
      value={multi ? selected.map(String) : String(selected[0] ?? '')}
      {...fieldAttributes(props)}
      // UI Kit's Select takes `inputId` for the element a <Label labelFor> points at.
      id={str(props.inputId) ?? str(props.id)}
      aria-busy={bool(props.isLoading) || undefined}
      onChange={(event) => {
        const indexes = Array.from(event.target.selectedOptions)
          .map((option) => Number(option.value))
          .filter((index) => Number.isInteger(index) && index >= 0 && index < options.length);
        setSelected(indexes);
        callHandler(props.onChange, multi ? indexes.map((index) => options[index]) : indexes.length > 0 ? options[indexes[0] ?? 0] : null);
      }}
      onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event))}
      onFocus={(event) => callHandler(props.onFocus, serialiseEvent(event))}
      {...hooks(node)}
    >
      {multi ? null : (
        <option value="" disabled={!bool(props.isClearable) && selected.length > 0}>
          {str(props.placeholder) ?? 'Select…'}
        </option>
      )}
      {options.map((option, index) => (
        <option key={index} value={String(index)} disabled={option.isDisabled === true}>
          {textOf(option.label)}
        </option>
      ))}
    </select>
  );
};

function CheckInput({ node, props, role }: { node: Parameters<ForgeComponent>[0]['node']; props: Props; role?: 'switch' }): React.JSX.Element {
  const [checked, setChecked] = useFollowedValue(props.isChecked, bool(props.defaultChecked), (value) => value === true);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = bool(props.isIndeterminate);
  }, [props.isIndeterminate]);
  const label = str(props.label);
  const input = (
    <input
      ref={ref}
      type="checkbox"
      role={role}
      className={role === 'switch' ? 'forge-toggle-input' : 'forge-checkbox-input'}
      checked={checked}
      value={str(props.value)}
      {...fieldAttributes(props)}
      aria-label={role === 'switch' ? label : undefined}
      onChange={(event) => {
        setChecked(event.target.checked);
        callHandler(props.onChange, serialiseEvent(event));
      }}
      onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event))}
      onFocus={(event) => callHandler(props.onFocus, serialiseEvent(event))}
      {...hooks(node)}
    />
  );
  if (role === 'switch') {
    return (
      <span className={`forge-toggle forge-toggle-${str(props.size) ?? 'regular'}`}>
        {input}
        <span className="forge-toggle-track" aria-hidden="true" />
      </span>
    );
  }
  return label ? (
    <label className="forge-checkbox">
      {input}
      <span>{label}</span>
    </label>
  ) : (
    input
  );
}

const Checkbox: ForgeComponent = ({ node, props }) => <CheckInput node={node} props={props} />;
const Toggle: ForgeComponent = ({ node, props }) => <CheckInput node={node} props={props} role="switch" />;

const CheckboxGroup: ForgeComponent = ({ node, props }) => {
  const options = optionsOf(props);
  const toValues = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const [values, setValues] = useFollowedValue(props.value, toValues(props.defaultValue), toValues);
  return (
    <div className="forge-checkbox-group" role="group" aria-labelledby={str(props['aria-labelledby'])} {...hooks(node)}>
      {options.map((option, index) => {
        const value = String(option.value);
        return (
          <label key={index} className="forge-checkbox">
            <input
              type="checkbox"
              name={str(props.name)}
              value={value}
              checked={values.includes(value)}
              disabled={bool(props.isDisabled) || option.isDisabled === true}
              onChange={(event) => {
                const next = event.target.checked ? [...values, value] : values.filter((item) => item !== value);
                setValues(next);
                callHandler(props.onChange, next);
              }}
            />
            <span>{textOf(option.label)}</span>
          </label>
        );
      })}
    </div>
  );
};

const RadioGroup: ForgeComponent = ({ node, props }) => {
  const options = optionsOf(props);
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue), asText);
  const name = str(props.name) ?? `radio-${node.key ?? 'group'}`;
  return (
    <div className="forge-radio-group" role="radiogroup" aria-labelledby={str(props['aria-labelledby'])} aria-required={bool(props.isRequired) || undefined} {...hooks(node)}>
      {options.map((option, index) => (
        <label key={index} className="forge-radio">
          <input
            type="radio"
            name={name}
            value={String(option.value)}
            checked={value === String(option.value)}
            disabled={bool(props.isDisabled) || option.isDisabled === true}
            onChange={(event) => {
              setValue(event.target.value);
              callHandler(props.onChange, serialiseEvent(event));
            }}
          />
          <span>{textOf(option.label)}</span>
        </label>
      ))}
    </div>
  );
};

const Radio: ForgeComponent = ({ node, props }) => (
  <label className="forge-radio">
    <input
      type="radio"
      name={str(props.name)}
      value={str(props.value)}
      defaultChecked={bool(props.isChecked)}
      disabled={bool(props.isDisabled)}
      onChange={(event) => callHandler(props.onChange, serialiseEvent(event))}
      {...hooks(node)}
    />
    <span>{str(props.label)}</span>
  </label>
);

/** `onChange` gets the ISO date string (YYYY-MM-DD), or '' when cleared, as UI Kit's DatePicker. */
const DatePicker: ForgeComponent = ({ node, props }) => {
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue), asText);
  return (
    <input
      type="date"
      className="forge-datepicker"
      value={value}
      min={str(props.minDate)}
      max={str(props.maxDate)}
      {...fieldAttributes(props)}
      onChange={(event) => {
        setValue(event.target.value);
        callHandler(props.onChange, event.target.value);
      }}
      onBlur={(event) => callHandler(props.onBlur, serialiseEvent(event))}
      {...hooks(node)}
    />
  );
};

const TimePicker: ForgeComponent = ({ node, props }) => {
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue), asText);
  return (
    <input
      type="time"
      className="forge-timepicker"
      value={value}
      {...fieldAttributes(props)}
      onChange={(event) => {
        setValue(event.target.value);
        callHandler(props.onChange, event.target.value);
      }}
      {...hooks(node)}
    />
  );
};

const Range: ForgeComponent = ({ node, props }) => {
  const [value, setValue] = useFollowedValue(props.value, asText(props.defaultValue ?? 0), asText);
  return (
    <input
      type="range"
      className="forge-range"
      value={value}
      min={str(props.min)}
      max={str(props.max)}
      step={str(props.step)}
      {...fieldAttributes(props)}
      onChange={(event) => {
        setValue(event.target.value);
        callHandler(props.onChange, Number(event.target.value));
      }}
      {...hooks(node)}
    />
  );
};

export const inputComponents = {
  Button, LoadingButton, LinkButton, ButtonGroup, Pressable, Textfield, TextArea, Select, Checkbox, Toggle, CheckboxGroup,
  RadioGroup, Radio, DatePicker, TimePicker, Range,
};
