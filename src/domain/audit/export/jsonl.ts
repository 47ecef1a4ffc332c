/**
 * JSON Lines, the Atlassian Audit (Data Center) file format: one audit entity per line (the
 * published entity shape, siem-entity.ts), UTF-8, every line a complete JSON object. Pure and
 * browser-safe (the Custom UI bundles it).
 */
import type { AuditEvent } from '../model';
import { toSiemEntity } from './siem-entity';

/**
 * U+2028/U+2029 are legal inside JSON strings but are line breaks to many line splitters
 * (Python's splitlines, some log shippers); escaped, a line is always exactly one event.
 */
export function lineSafe(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function toJsonLines(events: readonly AuditEvent[]): string {
  return events.map((event) => `${lineSafe(JSON.stringify(toSiemEntity(event)))}\n`).join('');
}
