/**
 * CSV export: one row per event, a header row, RFC 4180 quoting by csv-stringify (CRLF, UTF-8
 * with BOM so spreadsheets read non-ASCII text right). Cells that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) are prefixed with ' — request paths and descriptions come
 * from outside. Pure and browser-safe: the browser build of csv-stringify (Buffer polyfilled).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AuditEvent } from '../model';

export const CSV_COLUMNS = [
  'Timestamp',
  'Category',
  'Action',
  'Author ID',
  'Author name',
  'Author type',
  'Affected objects',
  'Changed values',
  'Attributes',
  'Source',
  'Method',
  'System',
  'ID',
] as const;

const joinList = (items: string[]): string => items.join('; ');

function row(event: AuditEvent): string[] {
  return [
    event.timestamp,
    event.type.category,
    event.type.action,
    event.author.id,
    event.author.name,
    event.author.type,
    joinList(event.affectedObjects.map((o) => `${o.type} ${o.id} (${o.name})`)),
    joinList(event.changedValues.map((c) => `${c.key}: ${c.from ?? '—'} → ${c.to ?? '—'}`)),
    joinList(event.extraAttributes.map((a) => `${a.name}: ${a.value}`)),
    event.source ?? '',
    event.method,
    event.system,
    event.id,
  ];
}

export function toCsv(events: readonly AuditEvent[]): string {
  return stringify([[...CSV_COLUMNS], ...events.map(row)], { bom: true, record_delimiter: 'windows', escape_formulas: true });
}
