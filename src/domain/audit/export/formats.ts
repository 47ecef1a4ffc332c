/** The export formats the audit-log page offers (docs/audit-events.md), with file details for the download. */
import type { SealWithLeaves } from '../../seals/seal';
import type { AuditEvent } from '../model';
import { toCef } from './cef';
import { toCsv } from './csv';
import { toSealedJsonLines } from './sealed-jsonl';

export interface AuditExportFormat {
  id: 'jsonl' | 'csv' | 'cef';
  label: string;
  extension: string;
  mimeType: string;
  /**
   * Whether the file carries the integrity seals of its events (docs/audit-events.md), so that
   * `npm run verify-export -- <file>` can check it offline. Only JSON Lines can: a seal is one
   * more line, `{"seal": {...}}`, after the events.
   */
  carriesSeals: boolean;
  render(events: readonly AuditEvent[], seals: readonly SealWithLeaves[]): string;
}

export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = [
  { id: 'jsonl', label: 'JSON Lines', extension: 'jsonl', mimeType: 'application/x-ndjson;charset=utf-8', carriesSeals: true, render: toSealedJsonLines },
  { id: 'csv', label: 'CSV', extension: 'csv', mimeType: 'text/csv;charset=utf-8', carriesSeals: false, render: (events) => toCsv(events) },
  { id: 'cef', label: 'CEF', extension: 'cef', mimeType: 'text/plain;charset=utf-8', carriesSeals: false, render: (events) => toCef(events) },
];
