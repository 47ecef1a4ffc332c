/** Short labels for an event's cells: what a dense table row shows of each field. */
import type { AuditEvent } from '../../../../src/domain/audit/model';

export function affectedLabel(event: AuditEvent): string {
  const [first, ...rest] = event.affectedObjects;
  if (!first) return '—';
  const label = first.name !== '' ? first.name : first.id;
  return rest.length > 0 ? `${label} (+${rest.length})` : label;
}


/** The value of a named extra attribute, e.g. the reason code of a failed authentication. */
export function attribute(event: AuditEvent, name: string): string | null {
  return event.extraAttributes.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}
