/**
 * A page's first render: exactly one bootstrap invocation, `admin/bootstrap` or `personal/bootstrap`
 * (docs/performance.md: one resolver call per page load), and a retry that repeats it.
 */
import { useEffect, useState } from 'react';
import type { DataOf } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';

type BootstrapKey = 'admin/bootstrap' | 'personal/bootstrap';

export type Bootstrap<K extends BootstrapKey> =
  | { state: 'loading' }
  | { state: 'failed'; error: ResolverError }
  | { state: 'ready'; data: DataOf<K> };

export function useBootstrap<K extends BootstrapKey>(key: K): { boot: Bootstrap<K>; retry: () => void } {
  const [boot, setBoot] = useState<Bootstrap<K>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setBoot({ state: 'loading' });
    void invoke<BootstrapKey>(key, {}).then((result) => {
      if (!current) return;
      setBoot(result.ok ? { state: 'ready', data: result.data } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [key, attempt]);

  return { boot, retry: () => setAttempt((count) => count + 1) };
}
