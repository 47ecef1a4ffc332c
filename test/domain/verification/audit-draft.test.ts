import { ANONYMOUS, authenticationDraft } from '../../../src/domain/verification/audit-draft';
import { denied } from '../../../src/domain/verification/model';
import { verify } from '../../../src/domain/verification/verify';
import { input, lookup, NOW, settings, TOKEN, rateRead } from '../../fakes/verification-fixtures';

describe('authenticationDraft', () => {
  it('records a success with the owner as author, the token as affected object and the request details', () => {
    const draft = authenticationDraft(verify(input(), lookup(), settings(), rateRead(), NOW), input({ target: { method: 'PUT', path: '/rest/api/3/issue/A-1?expand=x' } }));
    expect(draft).toEqual({
      action: 'authSucceeded',
      author: { id: 'alice', name: 'alice', type: 'user' },
      affectedObjects: [
        { id: 'tok-1', name: 'CI pipeline', type: 'API token' },
        { id: 'alice', name: 'alice', type: 'user' },
      ],
      extraAttributes: [
        { name: 'Token ID', value: 'tok-1' },
        { name: 'Token description', value: 'CI pipeline' },
        { name: 'Scope', value: 'read-write' },
        { name: 'Owner', value: 'alice' },
        { name: 'Request method', value: 'PUT' },
        { name: 'Request path', value: '/rest/api/3/issue/A-1' },
        { name: 'Client IP', value: '203.0.113.7' },
      ],
      source: '203.0.113.7',
      method: 'Web trigger',
    });
  });

  it('records failed authentication anonymously, with the reason code', () => {
    const draft = authenticationDraft(denied('REVOKED_TOKEN', lookup()), input());
    expect(draft?.action).toBe('authFailed');
    expect(draft?.author).toEqual(ANONYMOUS);
    expect(draft?.extraAttributes).toContainEqual({ name: 'Reason code', value: 'REVOKED_TOKEN' });
  });

  it('maps every outcome to its action of docs/audit-events.md', () => {
    const actions = (['MALFORMED_TOKEN', 'UNKNOWN_TOKEN', 'EXPIRED_TOKEN', 'IP_NOT_ALLOWED', 'SCOPE_DENIED', 'RATE_LIMITED'] as const).map(
      (code) => authenticationDraft(denied(code, code === 'MALFORMED_TOKEN' || code === 'UNKNOWN_TOKEN' ? null : lookup()), input())?.action,
    );
    expect(actions).toEqual(['credentialVerificationFailed', 'authFailed', 'authFailed', 'authFailed', 'permissionDenied', 'rateLimited']);
    for (const code of ['MISSING_CREDENTIALS', 'BAD_REQUEST', 'UNAVAILABLE'] as const) expect(authenticationDraft(denied(code), input())).toBeNull();
  });

  it('never records the presented credential, even when the caller put it in the path', () => {
    const draft = authenticationDraft(denied('UNKNOWN_TOKEN'), input({ target: { path: `/leak/${TOKEN}/x` } }));
    expect(JSON.stringify(draft)).not.toContain(TOKEN);
    expect(draft?.extraAttributes).toContainEqual({ name: 'Request path', value: '/leak/[redacted]/x' });
  });

  it('records no spelling of the secret in the request path', () => {
    const rest = TOKEN.slice('atat_'.length);
    for (const path of [`/p/${rest}`, `/p/%61tat_${rest}`, `/p/atat%5F${rest}`, `/p/atat_+${rest}`, `/p/${rest.toLowerCase()}`]) {
      const draft = authenticationDraft(denied('UNKNOWN_TOKEN'), input({ target: { path } }));
      expect(draft?.extraAttributes).toContainEqual({ name: 'Request path', value: '/p/[redacted]' });
    }
  });
});
