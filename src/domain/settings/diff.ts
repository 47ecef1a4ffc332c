/**
 * What a settings save changed, as Atlassian Audit changed values with flattened keys
 * (`audit.successfulAuthentication`, `policies.creators.mode`, `retention.perCategoryDays.Authentication`).
 */
import type { ChangedValue } from '../audit/model';
import type { Settings } from './model';

type Flat = Map<string, string | null>;

function isRateLimit(value: object): value is { requests: number; windowSeconds: number } {
  const keys = Object.keys(value).sort().join(',');
  return keys === 'requests,windowSeconds';
}

/** Leaves become strings; lists are joined; a rate limit reads as one value rather than two keys. */
function flatten(value: unknown, prefix: string, out: Flat): void {
  if (value === null || value === undefined) {
    out.set(prefix, null);
  } else if (Array.isArray(value)) {
    out.set(prefix, value.length === 0 ? null : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', '));
  } else if (typeof value === 'object') {
    if (isRateLimit(value)) {
      out.set(prefix, `${value.requests} requests per ${value.windowSeconds} s`);
      return;
    }
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.set(prefix, String(value));
  }
}

function flat(settings: Settings): Flat {
  const { version: _version, ...rest } = settings;
  const out: Flat = new Map();
  flatten(rest, '', out);
  return out;
}

/** Changed values in a stable order (keys of `before` first, then new keys). Version is bookkeeping, not a change. */
export function diffSettings(before: Settings, after: Settings): ChangedValue[] {
  const from = flat(before);
  const to = flat(after);
  const keys = [...new Set([...from.keys(), ...to.keys()])];
  return keys
    .map((key) => ({ key, from: from.get(key) ?? null, to: to.get(key) ?? null }))
    .filter((change) => change.from !== change.to);
}

const POLICY_GROUPS = ['policies', 'hygiene'];

/**
 * Policy changes (token policies and token hygiene) are their own audit action ("Token policy
 * changed"); everything else is audit settings.
 */
export function isPolicyChange(change: ChangedValue): boolean {
  return POLICY_GROUPS.some((group) => change.key === group || change.key.startsWith(`${group}.`));
}
