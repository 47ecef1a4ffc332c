import React from 'react';
import { Inline, Label, Select, Textfield } from '@forge/react';
import { findOption, inputValue, optionValue } from './events';
import { RATE_WINDOWS } from './format';
import type { RateLimitDraft } from './token-limits-form';

interface RateLimitFieldProps {
  id: string;
  value: RateLimitDraft;
  onChange: (value: RateLimitDraft) => void;
  isInvalid?: boolean;
  testId: string;
}

export function RateLimitField({ id, value, onChange, isInvalid = false, testId }: RateLimitFieldProps): React.JSX.Element {
  const windows = RATE_WINDOWS.some((option) => option.value === value.windowSeconds)
    ? RATE_WINDOWS
    : [...RATE_WINDOWS, { label: `per ${value.windowSeconds} seconds`, value: value.windowSeconds }];
  return (
    <Inline space="space.100" alignBlock="center">
      <Textfield
        id={id}
        type="number"
        min={1}
        width={120}
        value={value.requests}
        placeholder="Requests"
        isInvalid={isInvalid}
        onChange={(event) => onChange({ ...value, requests: inputValue(event) })}
        testId={`${testId}-requests`}
      />
      {/* The field's own label names the number; this one names the window, so the pair reads "10 requests per minute". */}
      <Label labelFor={`${id}-window`}>requests</Label>
      <Select
        inputId={`${id}-window`}
        options={windows}
        value={findOption(windows, value.windowSeconds)}
        onChange={(option: unknown) => {
          const seconds = Number(optionValue(option));
          if (Number.isFinite(seconds) && seconds > 0) onChange({ ...value, windowSeconds: seconds });
        }}
        testId={`${testId}-window`}
      />
    </Inline>
  );
}
