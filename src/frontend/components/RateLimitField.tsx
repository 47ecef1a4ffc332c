import React from 'react';
import { Inline, Select, Textfield } from '@forge/react';
import type { RateLimit } from '../../domain/tokens/model';
import { findOption, inputValue, optionValue } from './events';
import { RATE_WINDOWS } from './format';

/** What the user typed: the request count stays text until it is submitted, so it can be empty or wrong. */
export interface RateLimitDraft {
  requests: string;
  windowSeconds: number;
}

export function draftOf(limit: RateLimit | null): RateLimitDraft {
  return limit ? { requests: String(limit.requests), windowSeconds: limit.windowSeconds } : { requests: '', windowSeconds: 60 };
}

/** Empty means "no limit of its own"; anything else must be a positive whole number. */
export function parseRateLimit(draft: RateLimitDraft): { ok: true; value: RateLimit | null } | { ok: false; message: string } {
  const text = draft.requests.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^\d+$/.test(text) || Number(text) < 1) return { ok: false, message: 'Enter a whole number of requests, or leave it empty.' };
  return { ok: true, value: { requests: Number(text), windowSeconds: draft.windowSeconds } };
}

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
