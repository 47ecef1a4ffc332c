/**
 * Whether "App API calls" auditing is on, read at most once per invocation: a resolver that makes several
 * product calls reads the settings once, and a call made in a later invocation sees a changed toggle.
 * Keyed by the platform's invocation id (`appContext.invocationId`); a few recent invocations are kept
 * because one warm function can serve concurrent invocations.
 */
import { __getRuntime } from '@forge/api';
import type { Settings } from '../../domain/settings/model';
import { loadSettings } from '../settings/settings-store';

const MAX_REMEMBERED_INVOCATIONS = 32;
const byInvocation = new Map<string, Promise<Settings>>();

function invocationId(): string | null {
  try {
    return __getRuntime().appContext.invocationId || null;
  } catch {
    return null; // no Forge runtime (a script): nothing to share a read with
  }
}

export function settingsForThisInvocation(): Promise<Settings> {
  const id = invocationId();
  if (id === null) return loadSettings();
  const known = byInvocation.get(id);
  if (known) return known;
  const loading = loadSettings();
  // A failed read is not remembered: the next call in the invocation tries again.
  loading.catch(() => byInvocation.delete(id));
  byInvocation.set(id, loading);
  if (byInvocation.size > MAX_REMEMBERED_INVOCATIONS) {
    const oldest = byInvocation.keys().next().value;
    if (oldest !== undefined) byInvocation.delete(oldest);
  }
  return loading;
}
