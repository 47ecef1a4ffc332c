/**
 * What each scope covers (docs/tokens.md): `read-only` → GET, HEAD, OPTIONS; `read-write` → any
 * method; `audit-read` → only the audit-events web trigger. Conversely, the audit-events trigger
 * accepts only `audit-read` tokens, so a leaked automation token cannot read the audit log.
 */
import type { TokenScope } from '../tokens/model';
import type { HttpMethod, Purpose } from './model';

export const READ_ONLY_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS'];

export function scopeAllows(scope: TokenScope, method: HttpMethod, purpose: Purpose): boolean {
  if (purpose === 'audit-events') return scope === 'audit-read';
  switch (scope) {
    case 'read-only':
      return READ_ONLY_METHODS.includes(method);
    case 'read-write':
      return true;
    case 'audit-read':
      return false;
  }
}
