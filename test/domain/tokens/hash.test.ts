import { constantTimeEqual, hashToken } from '../../../src/domain/tokens/hash';

describe('hashToken', () => {
  it('is the lower-case hex SHA-256 of the whole token (known answer)', () => {
    // Computed independently with Python's hashlib.
    expect(hashToken('atat_0123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW')).toBe(
      '4d9bc851dabc297e12071995065b16cb8681e5da416d08dc6b21b44e75a746b4',
    );
  });

  it('differs for tokens that differ in one character', () => {
    expect(hashToken('atat_0123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW')).not.toBe(hashToken('atat_1123456789ABCDEFGHIJKLMNOPQRSTUV3V0rIW'));
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
  });

  it('is false for strings of different lengths instead of throwing', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
