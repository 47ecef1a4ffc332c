/**
 * A value read at most once per invocation: a resolver whose parts each need the settings (the admin
 * check's App API call recording, retention, the page data) shares one storage read, and the next
 * invocation reads again, so a change is seen at once. Keyed by the platform's invocation id
 * (`appContext.invocationId`); a few recent invocations are kept because one warm function can serve
 * concurrent invocations.
 */
import { __getRuntime } from '@forge/api';
import { BoundedMap } from '../../domain/bounded-map';

const MAX_REMEMBERED_INVOCATIONS = 32;

function invocationId(): string | null {
  try {
    return __getRuntime().appContext.invocationId || null;
  } catch {
    return null; // no Forge runtime (a script): nothing to share a read with
  }
}

export interface InvocationMemo<T> {
  get(): Promise<T>;
  /** Forgets this invocation's value, e.g. after writing a new one. */
  forget(): void;
}

export function memoizePerInvocation<T>(load: () => Promise<T>): InvocationMemo<T> {
  const byInvocation = new BoundedMap<string, Promise<T>>(MAX_REMEMBERED_INVOCATIONS);
  return {
    get() {
      const id = invocationId();
      if (id === null) return load();
      const known = byInvocation.get(id);
      if (known) return known;
      const loading = load();
      // A failed read is not remembered: the next caller in the invocation tries again.
      loading.catch(() => byInvocation.delete(id));
      byInvocation.set(id, loading);
      return loading;
    },
    forget() {
      const id = invocationId();
      if (id !== null) byInvocation.delete(id);
    },
  };
}
