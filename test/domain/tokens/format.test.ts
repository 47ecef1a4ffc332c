import fc from 'fast-check';
import {
  BASE62,
  TOKEN_LENGTH,
  TOKEN_PREFIX,
  base62Checksum,
  checksumOf,
  generateToken,
  parseToken,
  randomBase62,
  tokenHint,
} from '../../../src/domain/tokens/format';
import type { RandomSource } from '../../../src/domain/ports';
import { countingRandom, seededRandom } from '../../fakes/random';

/** fast-check drives the seed, so a failing case is reported with a seed that reproduces it. */
const randomFrom = (seed: number): RandomSource => seededRandom(seed);

// Expected values were computed independently with Python's zlib.crc32 and a base62 encoder.
describe('token format known answers', () => {
  it('turns bytes 0..31 into an exact token', () => {
    expect(generateToken(countingRandom(0))).toBe('atat_0123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW');
  });

  it('skips bytes 248..255 (rejection sampling) and keeps drawing', () => {
    const random = countingRandom(240);
    expect(generateToken(random)).toBe('atat_stuvwxyz0123456789ABCDEFGHIJKLMN0XK381');
    expect(random.consumed()).toBe(40);
  });

  it('computes the CRC32 checksum of fixed bodies', () => {
    expect(checksumOf('atat_00000000000000000000000000000000')).toBe('1F4Lcx');
    expect(checksumOf('atat_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toBe('0ObYbJ');
  });

  it('encodes checksums as fixed-width base62', () => {
    expect(base62Checksum(0xcbf43926)).toBe('3jZRME');
    expect(base62Checksum(0)).toBe('000000');
    expect(base62Checksum(0xffffffff)).toBe('4gfFC3');
  });

  it('draws every base62 character equally often from uniform bytes (no modulo bias)', () => {
    const text = randomBase62(countingRandom(0), 248);
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    expect([...counts.values()].every((count) => count === 4)).toBe(true);
  });

  it('carries at least 190 random bits', () => {
    expect(32 * Math.log2(BASE62.length)).toBeGreaterThanOrEqual(190);
    expect(TOKEN_LENGTH).toBe(43);
  });

  it('shows the prefix and first four random characters as the hint', () => {
    expect(tokenHint('atat_0123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW')).toBe('atat_0123…');
  });
});

describe('parseToken', () => {
  const valid = 'atat_0123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW';

  it('accepts a well-formed token', () => {
    expect(parseToken(valid)).toEqual({ ok: true, token: valid });
  });

  it.each([
    ['wrong prefix', `ghp_${valid.slice(4)}`],
    ['another prefix of the same length', `btat_${valid.slice(5)}`],
    ['too short', valid.slice(0, -1)],
    ['too long', `${valid}0`],
    ['a character outside base62', `${valid.slice(0, 10)}-${valid.slice(11)}`],
    ['a bad checksum', `${valid.slice(0, -1)}X`],
    ['empty', ''],
    ['surrounding whitespace', ` ${valid.slice(1)}`],
    ['a non-ASCII look-alike', `${valid.slice(0, 10)}Ａ${valid.slice(11)}`],
  ])('rejects %s', (_name, candidate) => {
    expect(parseToken(candidate)).toEqual({ ok: false });
  });
});

describe('token format properties', () => {
  it('always parses a generated token', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffffffff }), (seed) => {
        const token = generateToken(randomFrom(seed));
        return token.startsWith(TOKEN_PREFIX) && token.length === TOKEN_LENGTH && parseToken(token).ok;
      }),
    );
  });

  it('rejects any one-character change to a generated token', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffffffff }),
        fc.nat(),
        fc.constantFrom(...BASE62.split(''), '_', '-', ' '),
        (seed, position, replacement) => {
          const token = generateToken(randomFrom(seed));
          const index = position % token.length;
          fc.pre(token[index] !== replacement);
          const mutated = token.slice(0, index) + replacement + token.slice(index + 1);
          return parseToken(mutated).ok === false;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
