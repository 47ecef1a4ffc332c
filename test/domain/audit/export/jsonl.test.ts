import fc from 'fast-check';
import { toJsonLines } from '../../../../src/domain/audit/export/jsonl';
import { toSiemEntity } from '../../../../src/domain/audit/export/siem-entity';
import { arbitraryText, HOSTILE, hostileEvent } from './hostile';

describe('JSON Lines export', () => {
  it('writes one parseable Atlassian Audit entity per line, for hostile values too', () => {
    const events = HOSTILE.map((value, i) => hostileEvent(`e${i}`, value));
    const text = toJsonLines(events);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(events.length);
    expect(lines.map((line) => JSON.parse(line))).toEqual(events.map(toSiemEntity));
  });

  it('keeps every event on its own line even for splitters that break at U+2028/U+2029', () => {
    fc.assert(
      fc.property(fc.array(arbitraryText, { minLength: 1, maxLength: 5 }), (values) => {
        const events = values.map((value, i) => hostileEvent(`e${i}`, `${value}\u2028${value}`));
        const lines = toJsonLines(events).split(/\r\n|\n|\r|\u2028|\u2029/).filter((line) => line !== '');
        expect(lines.map((line) => JSON.parse(line))).toEqual(events.map(toSiemEntity));
      }),
    );
  });

  it('writes nothing for no events', () => {
    expect(toJsonLines([])).toBe('');
  });
});
