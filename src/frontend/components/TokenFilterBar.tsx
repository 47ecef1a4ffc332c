import React from 'react';
import { Box, Inline, Label, Select, Stack, Textfield, xcss } from '@forge/react';
import { findOption, inputValue, optionValue, type SelectOption } from './events';
import type { TokenFilters } from './token-filters';
import { UserSearch } from './UserSearch';

const STATUS_OPTIONS: Array<SelectOption> = [
  { label: 'Any status', value: 'any' },
  { label: 'Active', value: 'active' },
  { label: 'Revoked', value: 'revoked' },
  { label: 'Expired', value: 'expired' },
];

const EXPIRING_OPTIONS: Array<SelectOption> = [
  { label: 'Any time', value: 'any' },
  { label: 'Within 7 days', value: '7' },
  { label: 'Within 30 days', value: '30' },
  { label: 'Within 90 days', value: '90' },
];

const fieldStyle = xcss({ minWidth: '180px' });

/** One labelled filter, at least wide enough to read its value. */
function FilterField({ id, label, children }: { id: string; label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <Box xcss={fieldStyle}>
      <Stack space="space.050">
        <Label labelFor={id}>{label}</Label>
        {children}
      </Stack>
    </Box>
  );
}

interface TokenFilterBarProps {
  filters: TokenFilters;
  onChange: (next: TokenFilters) => void;
  /** Only the admin page filters by owner. */
  withOwner: boolean;
}

export function TokenFilterBar({ filters, onChange, withOwner }: TokenFilterBarProps): React.JSX.Element {
  // "Show them" of the expiring count may set a day count the fixed choices lack (the widest reminder day).
  const days = filters.expiringWithinDays;
  const expiringOptions =
    days === null || EXPIRING_OPTIONS.some((option) => option.value === String(days))
      ? EXPIRING_OPTIONS
      : [...EXPIRING_OPTIONS, { label: `Within ${days} days`, value: String(days) }];
  return (
    <Inline space="space.200" shouldWrap alignBlock="start" testId="token-filters">
      {withOwner ? (
        <FilterField id="filter-owner" label="Owner">
          <UserSearch
            id="filter-owner"
            value={filters.owner}
            onChange={(owner) => onChange({ ...filters, owner })}
            placeholder="Any owner"
            testId="filter-owner"
          />
        </FilterField>
      ) : null}
      <FilterField id="filter-text" label="Description or token">
        <Textfield
          id="filter-text"
          value={filters.text}
          placeholder="Search"
          onChange={(event) => onChange({ ...filters, text: inputValue(event) })}
          testId="filter-text"
        />
      </FilterField>
      <FilterField id="filter-status" label="Status">
        <Select
          inputId="filter-status"
          options={STATUS_OPTIONS}
          value={findOption(STATUS_OPTIONS, filters.status ?? 'any')}
          onChange={(option: unknown) => {
            const value = optionValue(option);
            const status = value === 'active' || value === 'revoked' || value === 'expired' ? value : null;
            // "Expiring within" lists active tokens only (the resolver rejects it with another status).
            onChange({ ...filters, status, expiringWithinDays: status === null || status === 'active' ? filters.expiringWithinDays : null });
          }}
          testId="filter-status"
        />
      </FilterField>
      <FilterField id="filter-expiring" label="Expiring">
        <Select
          inputId="filter-expiring"
          options={expiringOptions}
          value={findOption(expiringOptions, filters.expiringWithinDays === null ? 'any' : String(filters.expiringWithinDays))}
          onChange={(option: unknown) => {
            const days = Number(optionValue(option));
            const expiringWithinDays = Number.isInteger(days) && days > 0 ? days : null;
            const status = expiringWithinDays === null || filters.status === 'active' ? filters.status : null;
            onChange({ ...filters, status, expiringWithinDays });
          }}
          testId="filter-expiring"
        />
      </FilterField>
    </Inline>
  );
}
