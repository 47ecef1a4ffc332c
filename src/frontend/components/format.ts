/** How the pages write times, scopes and limits: one place, so both pages read the same. */
import type { RateLimit, TokenScope } from '../../domain/tokens/model';

const pad = (value: number): string => String(value).padStart(2, '0');

/** A UTC date and time, the same in every browser and in tests (no locale-dependent output). */
export function formatDateTime(epochMs: number | null, whenNull = '—'): string {
  if (epochMs === null) return whenNull;
  const date = new Date(epochMs);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

export function formatDate(epochMs: number | null, whenNull = '—'): string {
  if (epochMs === null) return whenNull;
  return new Date(epochMs).toISOString().slice(0, 10);
}

export const SCOPE_LABELS: Record<TokenScope, string> = {
  'read-only': 'Read only',
  'read-write': 'Read & write',
  'audit-read': 'Audit read',
};

export const SCOPE_HELP: Record<TokenScope, string> = {
  'read-only': 'GET, HEAD and OPTIONS requests only.',
  'read-write': 'Any request method.',
  'audit-read': 'Only the audit-events endpoint, for SIEM and compliance tools.',
};

export function formatWindow(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? 'day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}

export function formatRateLimit(limit: RateLimit | null, whenNull = 'No limit'): string {
  if (!limit) return whenNull;
  return `${limit.requests} per ${formatWindow(limit.windowSeconds)}`;
}

export const RATE_WINDOWS: Array<{ label: string; value: number }> = [
  { label: 'per minute', value: 60 },
  { label: 'per 5 minutes', value: 300 },
  { label: 'per hour', value: 3600 },
  { label: 'per day', value: 86400 },
];
