import { basicPassword, extractCredential } from '../../../src/domain/verification/credentials';
import { generateToken } from '../../../src/domain/tokens/format';
import { seededRandom } from '../../fakes/random';
import { TOKEN } from '../../fakes/verification-fixtures';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const OTHER = generateToken(seededRandom(7));
const BROKEN = TOKEN.slice(0, -1) + (TOKEN.endsWith('A') ? 'B' : 'A');

describe('extractCredential', () => {
  it('reads a Bearer token, with any case of the scheme and extra spaces', () => {
    expect(extractCredential({ authorization: [`Bearer ${TOKEN}`] })).toMatchObject({ kind: 'token', token: TOKEN, source: 'bearer' });
    expect(extractCredential({ Authorization: [`bearer    ${TOKEN}  `] })).toMatchObject({ kind: 'token', token: TOKEN, source: 'bearer' });
  });

  it('reads the token as the password of Basic authentication, whatever the user name', () => {
    expect(extractCredential({ authorization: [basic('automation', TOKEN)] })).toMatchObject({ kind: 'token', token: TOKEN, source: 'basic' });
    expect(extractCredential({ authorization: [basic('', TOKEN)] })).toMatchObject({ kind: 'token', source: 'basic' });
    expect(extractCredential({ authorization: [basic('a:b', TOKEN)] })).toMatchObject({ kind: 'malformed' });
  });

  it('reads X-Api-Token', () => {
    expect(extractCredential({ 'x-api-token': [TOKEN] })).toMatchObject({ kind: 'token', token: TOKEN, source: 'x-api-token' });
  });

  it('prefers the Authorization header when both carry a well-formed token', () => {
    expect(extractCredential({ authorization: [`Bearer ${TOKEN}`], 'x-api-token': [OTHER] })).toMatchObject({ token: TOKEN, source: 'bearer' });
  });

  it('falls through to X-Api-Token when Authorization carries something that is not a token (a Jira password)', () => {
    expect(extractCredential({ authorization: [basic('jdoe', 'hunter2')], 'x-api-token': [OTHER] })).toMatchObject({ token: OTHER, source: 'x-api-token' });
  });

  it('answers missing when nothing was presented, blank values included', () => {
    expect(extractCredential({})).toEqual({ kind: 'missing', presented: [] });
    expect(extractCredential({ authorization: ['   '], 'x-api-token': [''] })).toMatchObject({ kind: 'missing' });
  });

  it('answers malformed for a wrong checksum, another scheme, an empty Bearer or broken Basic', () => {
    for (const authorization of [`Bearer ${BROKEN}`, 'Digest username="x"', 'Bearer', `Basic !!!`, `Basic ${Buffer.from('no-colon').toString('base64')}`, TOKEN]) {
      expect(extractCredential({ authorization: [authorization] }).kind).toBe('malformed');
    }
    expect(extractCredential({ 'x-api-token': [BROKEN] }).kind).toBe('malformed');
  });

  it('keeps every presented string, so that logs can redact even a password', () => {
    const credential = extractCredential({ authorization: [basic('jdoe', 'hunter2-secret')] });
    expect(credential.kind).toBe('malformed');
    expect(credential.presented).toContain('hunter2-secret');
  });

  it('does not decode oversized Authorization values', () => {
    expect(extractCredential({ authorization: [`Basic ${'A'.repeat(10_000)}`] }).kind).toBe('malformed');
  });
});

describe('basicPassword', () => {
  it('accepts base64 with or without padding and rejects other text', () => {
    expect(basicPassword(Buffer.from('u:p').toString('base64'))).toBe('p');
    expect(basicPassword(Buffer.from('u:pw').toString('base64').replace(/=+$/, ''))).toBe('pw');
    expect(basicPassword('not base64!')).toBeNull();
    expect(basicPassword('')).toBeNull();
  });
});
