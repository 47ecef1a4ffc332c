import fc from 'fast-check';
import { CSV_COLUMNS, toCsv } from '../../../../src/domain/audit/export/csv';
import { arbitraryText, HOSTILE, hostileEvent } from './hostile';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records), to read exports back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with a record delimiter');
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and a header row', () => {
    const text = toCsv([]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([[...CSV_COLUMNS]]);
  });

  it('reads back exactly, with newlines, quotes, commas and non-ASCII intact and formulas defused', () => {
    const events = HOSTILE.map((value, i) => hostileEvent(`e${i}`, value));
    const rows = parseCsv(toCsv(events).slice(1));
    expect(rows).toHaveLength(events.length + 1);
    events.forEach((event, i) => {
      const cells = Object.fromEntries(CSV_COLUMNS.map((column, c) => [column, rows[i + 1][c]]));
      const author = HOSTILE[i];
      expect(cells['Author ID']).toBe(FORMULA_START.test(author) ? `'${author}` : author);
      expect(cells['Action']).toBe('Permission denied');
      expect(cells['ID']).toBe(event.id);
      expect(cells['Attributes']).toContain(`Note: ${author}`);
      for (const cell of rows[i + 1]) expect(FORMULA_START.test(cell)).toBe(false);
    });
  });

  it('reads back any text: one record per event, every column in place', () => {
    fc.assert(
      fc.property(fc.array(arbitraryText, { minLength: 1, maxLength: 5 }), (values) => {
        const events = values.map((value, i) => hostileEvent(`e${i}`, `x${value}`));
        const rows = parseCsv(toCsv(events).slice(1));
        expect(rows.map((r) => r.length)).toEqual(rows.map(() => CSV_COLUMNS.length));
        expect(rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('Author name')])).toEqual(values.map((v) => `x${v}`));
      }),
    );
  });
});
