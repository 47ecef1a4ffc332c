import fc from 'fast-check';
import { OUTBOUND_CATALOG } from '../../../src/adapters/outbound/catalog';
import { auditDescriptionFor } from '../../../src/adapters/outbound/client';
import {
  MAX_DESCRIPTION_LENGTH,
  assertCleanDescriptions,
  isCleanHeaderValue,
  sanitizeHeaderValue,
} from '../../../src/adapters/outbound/header';

/** What may ever be sent: printable ASCII only, one line, at most 250 characters. */
const SAFE_HEADER = /^[\x20-\x7e]{0,250}$/;

// Strings rich in the characters that matter: CR, LF, NUL, tab, DEL, accents, emoji, other scripts.
const nastyChar = fc.constantFrom('\r', '\n', '\r\n', '\0', '\t', '\x7f', '\u0085', '\u2028', 'é', 'ß', 'İ', '😀', '中', ' ', '  ', 'a', 'Z', '9', ':', '\u0301');
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(nastyChar, { maxLength: 300 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 600 }),
);

describe('x-audit-log-description sanitiser', () => {
  it('never lets CR, LF, other control characters or non-ASCII through, and never exceeds 250 characters', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const value = sanitizeHeaderValue(text);
        expect(value).toMatch(SAFE_HEADER);
        expect(value).not.toMatch(/[\r\n]/);
        expect(value.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a sanitised value sanitises to itself', () => {
    fc.assert(fc.property(nastyString, (text) => sanitizeHeaderValue(sanitizeHeaderValue(text)) === sanitizeHeaderValue(text)));
  });

  it('returns a clean value unchanged', () => {
    const clean = fc
      .array(fc.string({ unit: fc.constantFrom(...'abcXYZ019.,:;()-_/'.split('')), minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 10 })
      .map((words) => words.join(' ').slice(0, MAX_DESCRIPTION_LENGTH).trim())
      .filter((value) => value.length > 0);
    fc.assert(fc.property(clean, (value) => isCleanHeaderValue(value) && sanitizeHeaderValue(value) === value));
  });

  it('keeps the letters of accented words and turns line breaks into single spaces', () => {
    expect(sanitizeHeaderValue('Café  résumé\r\nX-Injected: yes')).toBe('Cafe resume X-Injected: yes');
  });
});

describe('catalog sentences', () => {
  it.each(Object.entries(OUTBOUND_CATALOG))('%s has a clean sentence of at most 250 ASCII characters', (_id, entry) => {
    expect(isCleanHeaderValue(entry.description)).toBe(true);
    expect(entry.description.length).toBeLessThanOrEqual(250);
    expect(auditDescriptionFor(entry)).toBe(entry.description);
  });

  it.each([
    ['a carriage return', 'Reads users.\rX-Evil: 1'],
    ['a line feed', 'Reads users.\nX-Evil: 1'],
    ['non-ASCII', 'Liest Benutzer für die Anzeige.'],
    ['251 characters', 'x'.repeat(251)],
    ['an empty sentence', ''],
    ['leading spaces', ' Reads users.'],
  ])('refuses, when the client loads, a catalog sentence with %s', (_what, description) => {
    expect(() => assertCleanDescriptions({ 'bad.entry': { description } })).toThrow(/bad\.entry/);
  });

  it('refuses to send a call whose description sanitises to nothing', () => {
    expect(() => auditDescriptionFor({ description: '\r\n😀' })).toThrow(/x-audit-log-description/);
  });
});
