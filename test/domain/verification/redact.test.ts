import fc from 'fast-check';
import { generateToken, TOKEN_PREFIX } from '../../../src/domain/tokens/format';
import { extractCredential } from '../../../src/domain/verification/credentials';
import { recordablePath, redact } from '../../../src/domain/verification/redact';
import { seededRandom } from '../../fakes/random';
import { LEAK_RUN, leakedRuns as leaked } from '../../support/leaks';

const TOKEN = generateToken(seededRandom(7));
/** The secret part: the random characters and the checksum. */
const BODY = TOKEN.slice(TOKEN_PREFIX.length);
/** What extractCredential keeps for a Bearer token: the header value and the token. */
const PRESENTED = extractCredential({ authorization: [`Bearer ${TOKEN}`] }).presented;

const hex = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
const fullwidth = (char: string): string => String.fromCharCode(char.charCodeAt(0) + 0xfee0);

/** Runs of LEAK_RUN characters of the body that can still be read in the text, separators and spelling aside. */
const leakedRuns = (text: string, body = BODY): string[] => leaked(text, body);

describe('redact: the spellings that leaked the whole secret', () => {
  it.each([
    ['without the prefix', `/p/${BODY}`],
    ['with an encoded first letter', `/p/%61tat_${BODY}`],
    ['with an encoded underscore', `/p/atat%5F${BODY}`],
    ['with a plus after the prefix', `/p/atat_+${BODY}`],
  ])('redacts the token %s, presented or not', (_name, path) => {
    expect(recordablePath(path, PRESENTED)).toBe('/p/[redacted]');
    expect(recordablePath(path, [])).toBe('/p/[redacted]');
  });
});

describe('redact: any spelling of a presented secret', () => {
  it.each([
    ['+', '+'],
    ['-', '-'],
    ['_', '_'],
    ['.', '.'],
    ['/', '/'],
    ['%20', '%20'],
    ['a space', ' '],
    ['a zero-width space', '\u200b'],
    ['an encoded zero-width space', '%E2%80%8B'],
    ['a soft hyphen', '\u00ad'],
    ['a word joiner', '\u2060'],
    ['an encoded slash', '%2F'],
    ['a double-encoded slash', '%252F'],
    ['a combining accent (it must not turn the letter before it into another)', '\u0301'],
  ])('whatever separator is inserted between its characters: %s', (_name, separator) => {
    const spelled = [...TOKEN].join(separator);
    expect(recordablePath(`/p/${spelled}/next`, PRESENTED)).toBe('/p/[redacted]/next');
    expect(recordablePath(`/p/${[...BODY].join(separator)}/next`, PRESENTED)).toBe('/p/[redacted]/next');
  });

  it.each([
    ['in lower case', `/p/${TOKEN.toLowerCase()}/x`],
    ['in upper case', `/p/${TOKEN.toUpperCase()}/x`],
    ['in full-width letters (NFKC)', `/p/${[...TOKEN].map(fullwidth).join('')}/x`],
    ['percent-encoded throughout', `/p/${[...TOKEN].map(hex).join('')}/x`],
    ['double-encoded', `/p/${[...TOKEN].map((c) => hex(c).replace('%', '%25')).join('')}/x`],
    ['encoded seven times', `/p/${[...TOKEN].map((c) => hex(c).replace('%', `%${'25'.repeat(6)}`)).join('')}/x`],
    ['encoded full-width letters', `/p/${encodeURIComponent([...BODY].map(fullwidth).join(''))}/x`],
  ])('%s', (_name, path) => {
    expect(recordablePath(path, PRESENTED)).toBe('/p/[redacted]/x');
  });

  it('redacts any run of 8 of its characters, and takes the prefix just before it along', () => {
    expect(recordablePath(`/p/${BODY.slice(10, 18)}/x`, PRESENTED)).toBe('/p/[redacted]/x');
    expect(recordablePath(`/p/ATAT-${BODY.slice(10)}/x`, PRESENTED)).toBe('/p/[redacted]/x');
    expect(recordablePath(`/a/${BODY.slice(0, 20)}/b/${BODY.slice(20)}`, PRESENTED)).toBe('/a/[redacted]/b/[redacted]');
  });

  it('leaves shorter runs alone: they would match by coincidence, not leak', () => {
    const seven = BODY.slice(3, 3 + LEAK_RUN - 1);
    expect(recordablePath(`/p/${seven}/x`, PRESENTED)).toBe(`/p/${seven}/x`);
  });

  it('redacts a password or another credential that is not a token, in any case', () => {
    expect(redact('/a/hunter2-pw/b', ['hunter2-pw'])).toBe('/a/[redacted]/b');
    expect(redact('/a/HUNTER2%2Dpw/b', ['hunter2-pw'])).toBe('/a/[redacted]/b');
    expect(recordablePath('/a/abc?defghi', ['abc?defghi'])).toBe('/a/[redacted]');
  });

  it('leaves short presented strings alone (they would match by coincidence)', () => {
    expect(redact('/rest/api', ['api'])).toBe('/rest/api');
  });
});

describe('redact: anything shaped like one of our tokens, presented or not', () => {
  const other = generateToken(seededRandom(99));

  it('redacts the prefix in any case followed by the body, and a body whose checksum is right', () => {
    expect(redact(`/x/${other}/y`, [])).toBe('/x/[redacted]/y');
    expect(redact(`/x/ATAT_${other.slice(5)}/y`, [])).toBe('/x/[redacted]/y');
    expect(redact(`/x/atat-${other.slice(5).toLowerCase()}/y`, [])).toBe('/x/[redacted]/y');
    expect(redact(`/x/${encodeURIComponent(encodeURIComponent(other))}/y`, [])).toBe('/x/[redacted]/y');
    expect(redact(`/x/${other.slice(5)}/y`, [])).toBe('/x/[redacted]/y');
    expect(redact(`/x/id${other.slice(5)}42/y`, [])).toBe('/x/[redacted]/y');
  });

  it('redacts a run of letters and digits too long to search for a token in', () => {
    expect(redact(`/x/${'a1'.repeat(100)}/y`, [])).toBe('/x/[redacted]/y');
  });

  it('keeps paths whose long words and hashes are not tokens', () => {
    for (const path of [
      '/rest/api/3/issue/ABC-123/comment',
      '/data/dataTransformationServiceImplementationForAll',
      '/commit/3f786850e387550fdab836ed7e6dc881de23001b',
      '/user/557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
      `/x/${other.slice(5, -1)}Z/y`,
    ]) {
      expect(redact(path, [])).toBe(path);
    }
  });
});

describe('redact: what is recorded', () => {
  it('is the path as sent, escapes included, with only the secret replaced', () => {
    expect(recordablePath(`/a%2Fb/${encodeURIComponent(TOKEN)}/c%20d?q=1`, PRESENTED)).toBe('/a%2Fb/[redacted]/c%20d');
    expect(recordablePath('/rest/api/3/search/%E3%83%9A', PRESENTED)).toBe('/rest/api/3/search/%E3%83%9A');
  });

  it('drops the query, after redacting a secret that spans it', () => {
    expect(recordablePath('/a?token=secret', [])).toBe('/a');
    expect(recordablePath(`/a/${BODY.slice(0, 12)}?${BODY.slice(12)}`, PRESENTED)).toBe('/a/[redacted]');
    expect(recordablePath(null, [])).toBe('-');
  });

  it('percent-encodes characters that would break a line, hide text or reorder it', () => {
    expect(redact('/x\u202eevil/a\nb/c\u200bd e', [])).toBe('/x%E2%80%AEevil/a%0Ab/c%E2%80%8Bd%20e');
  });

  it('tolerates malformed escapes and keeps them as sent', () => {
    for (const path of ['/a%zz/b', '/a%ff%fe', '/a%e2%80', '/a%', '/a%2', '/%C0%AF', '/%ED%A0%80']) {
      expect(redact(path, PRESENTED)).toBe(path);
    }
    expect(recordablePath(`/a%zz%ff/${TOKEN}/b%`, PRESENTED)).toBe('/a%zz%ff/[redacted]/b%');
  });

  it('decodes at most 8 layers, and redacts unread what would still decode after them', () => {
    // k layers of encoding spell `A` as `%` + `25` × (k − 1) + `41`.
    const layers = (k: number, char = 'A'): string => `%${'25'.repeat(k - 1)}${hex(char).slice(1)}`;
    expect(redact(`/a/${layers(600)}/b`, PRESENTED)).toBe('/a/[redacted]/b');
    expect(redact(`/a/${layers(8)}/b`, [])).toBe(`/a/${layers(8)}/b`);
    expect(redact(`/a/${'%25'.repeat(600)}41/b`, [])).toBe(`/a/${'%25'.repeat(600)}41/b`);
    const deepToken = [...TOKEN].map((char, i) => (i % 7 === 3 ? layers(9, char) : char)).join('');
    expect(leakedRuns(redact(`/p/${deepToken}`, PRESENTED))).toEqual([]);
  });
});

describe('redact: property over spellings of a presented token', () => {
  const CHAR_SPELLINGS: Record<string, (char: string) => string> = {
    same: (c) => c,
    upper: (c) => c.toUpperCase(),
    lower: (c) => c.toLowerCase(),
    encoded: hex,
    encodedLowerHex: (c) => hex(c).toLowerCase(),
    double: (c) => hex(c).replace('%', '%25'),
    triple: (c) => hex(c).replace('%', '%2525'),
    fullwidth,
    encodedFullwidth: (c) => encodeURIComponent(fullwidth(c)),
  };
  const SEPARATORS = ['', '', '', '', '+', '-', '_', '.', '/', '%20', ' ', '\u200b', '%E2%80%8B', '\u00ad', '%2F', '%252F', '%2B', ':', '~', '\u2060', '\t'];
  const PREFIXES = ['', 'atat_', 'ATAT_', 'atat', 'Atat-', '%61tat_', 'atat%5F', 'atat_+'];
  const CONTEXTS: Array<(spelled: string) => string> = [
    (s) => `/p/${s}`,
    (s) => `/rest/api/3/${s}/comment?expand=renderedFields`,
    (s) => `/x${s}y/z`,
    (s) => `/a/b?token=${s}&c=d`,
    (s) => `/a/${s}?${s}`,
    (s) => s,
  ];

  const spelledToken = fc
    .record({
      seed: fc.integer(),
      prefix: fc.constantFrom(...PREFIXES),
      chars: fc.array(fc.tuple(fc.constantFrom(...Object.keys(CHAR_SPELLINGS)), fc.constantFrom(...SEPARATORS)), { minLength: 38, maxLength: 38 }),
      context: fc.integer({ min: 0, max: CONTEXTS.length - 1 }),
    })
    .map(({ seed, prefix, chars, context }) => {
      const token = generateToken(seededRandom(seed));
      const body = token.slice(TOKEN_PREFIX.length);
      const spelled = prefix + [...body].map((char, i) => CHAR_SPELLINGS[chars[i][0]](char) + chars[i][1]).join('');
      return { token, body, text: CONTEXTS[context](spelled) };
    });

  it('leaves no run of 8 characters of the body, in any case, after decoding', () => {
    fc.assert(
      fc.property(spelledToken, ({ token, body, text }) => {
        const presented = extractCredential({ authorization: [`Bearer ${token}`] }).presented;
        expect(leakedRuns(recordablePath(text, presented), body)).toEqual([]);
        expect(leakedRuns(redact(text, presented), body)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no token-shaped string readable when nothing was presented (encoded letters, prefix or not)', () => {
    const encodedToken = fc
      .record({
        seed: fc.integer(),
        prefix: fc.constantFrom('', 'atat_', 'ATAT_', 'atat', 'Atat-', '%61tat_', 'atat%5F', 'atat_+', 'atat%5F%20'),
        encoded: fc.array(fc.constantFrom('same', 'encoded', 'double', 'fullwidth', 'encodedFullwidth'), { minLength: 38, maxLength: 38 }),
        context: fc.integer({ min: 0, max: CONTEXTS.length - 1 }),
      })
      .map(({ seed, prefix, encoded, context }) => {
        const body = generateToken(seededRandom(seed)).slice(TOKEN_PREFIX.length);
        return { body, text: CONTEXTS[context](prefix + [...body].map((char, i) => CHAR_SPELLINGS[encoded[i]](char)).join('')) };
      });
    fc.assert(
      fc.property(encodedToken, ({ body, text }) => {
        expect(leakedRuns(redact(text, []), body)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
