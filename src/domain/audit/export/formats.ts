/** The export formats the audit-log page offers (product.md §5), with file details for the download. */
import type { AuditEvent } from '../model';
import { toCef } from './cef';
import { toCsv } from './csv';
import { toJsonLines } from './jsonl';

export interface AuditExportFormat {
  id: 'jsonl' | 'csv' | 'cef';
  label: string;
  extension: string;
  mimeType: string;
  render(events: AuditEvent[]): string;
}

export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = [
  { id: 'jsonl', label: 'JSON Lines', extension: 'jsonl', mimeType: 'application/x-ndjson;charset=utf-8', render: toJsonLines },
  { id: 'csv', label: 'CSV', extension: 'csv', mimeType: 'text/csv;charset=utf-8', render: toCsv },
  { id: 'cef', label: 'CEF', extension: 'cef', mimeType: 'text/plain;charset=utf-8', render: toCef },
];
