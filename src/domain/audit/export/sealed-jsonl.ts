/**
 * A JSON Lines export that carries its seals: the event lines (siem-entity.ts, as toJsonLines
 * writes them) followed by one `{"seal": {...}}` line per seal whose period holds any of the
 * events, leaves included. `npm run verify-export -- <file>` checks such a file offline.
 */
import type { SealWithLeaves } from '../../seals/seal';
import type { AuditEvent } from '../model';
import { lineSafe, toJsonLines } from './jsonl';

/** The seals whose periods hold any of the events: those an export of them carries. */
export function sealsCovering<S extends Pick<SealWithLeaves, 'from' | 'to'>>(events: readonly AuditEvent[], seals: readonly S[]): S[] {
  const times = events.map((event) => Date.parse(event.timestamp));
  return seals.filter((seal) => times.some((t) => t > seal.from && t <= seal.to));
}

export function toSealedJsonLines(events: readonly AuditEvent[], seals: readonly SealWithLeaves[]): string {
  return toJsonLines(events) + sealsCovering(events, seals).map((seal) => `${lineSafe(JSON.stringify({ seal }))}\n`).join('');
}
