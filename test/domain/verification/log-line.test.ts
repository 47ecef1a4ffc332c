import { denied } from '../../../src/domain/verification/model';
import { badRequestLogLine, describeWindow, logLine } from '../../../src/domain/verification/log-line';
import { verify } from '../../../src/domain/verification/verify';
import { input, lookup, NOW, settings, TOKEN, rateRead } from '../../fakes/verification-fixtures';

describe('logLine (worded after the Data Center log file)', () => {
  it('names the token, its scope, the user and the endpoint on success', () => {
    expect(logLine(verify(input(), lookup(), settings(), rateRead(), NOW), input())).toBe(
      '[verify-token] VALID Found a matching token "CI pipeline" with Read & Write scope and authenticated user alice. REST endpoint: GET /rest/api/3/myself',
    );
  });

  it('explains a read-only scope denial with the method', () => {
    const line = logLine(denied('SCOPE_DENIED', lookup({ scope: 'read-only' })), input({ target: { method: 'PUT' } }));
    expect(line).toContain('Token verification for user alice failed: The token "CI pipeline" with Read Only scope only covers GET, HEAD, OPTIONS requests. Request method type was PUT.');
  });

  it('states the limit when rate limited', () => {
    const line = logLine(denied('RATE_LIMITED', lookup(), { limit: { requests: 5, windowSeconds: 300 }, retryAfterSeconds: 10 }), input());
    expect(line).toContain('User alice has been rate limited. The API token "CI pipeline" with Read & Write scope allows executing 5 requests within 5 minutes.');
  });

  it('keeps a description with line breaks on one line and never prints the credential', () => {
    const line = logLine(denied('IP_NOT_ALLOWED', lookup({ description: 'evil\nINFO fake line' })), input({ target: { path: `/x/${TOKEN}` } }));
    expect(line).not.toContain('\n');
    expect(line).not.toContain(TOKEN);
    expect(line).toContain('IP address 203.0.113.7');
  });

  it('prints no spelling of the secret in the endpoint', () => {
    const rest = TOKEN.slice('atat_'.length);
    for (const path of [`/p/${rest}`, `/p/%61tat_${rest}`, `/p/atat%5F${rest}`, `/p/atat_+${rest}`]) {
      const line = logLine(denied('UNKNOWN_TOKEN'), input({ target: { path } }));
      expect(line).toContain('REST endpoint: GET /p/[redacted]');
      expect(line).not.toContain(rest.slice(0, 8));
    }
  });

  it('has a line for a request that could not be read', () => {
    expect(badRequestLogLine('verify-token', 'The body is not valid JSON.')).toContain('BAD_REQUEST');
  });

  it('describes windows in the largest whole unit', () => {
    expect([describeWindow(1), describeWindow(90), describeWindow(300), describeWindow(3600)]).toEqual(['1 second', '90 seconds', '5 minutes', '1 hour']);
  });
});
