/**
 * A JSON Lines export that carries its seals: the event lines (siem-entity.ts, as toJsonLines
 * writes them) followed by one `{"seal": {...}}` line per seal whose period holds any of the
 * events, leaves included. `npm run verify-export -- <file>` checks such a file offline.
 */
import type { SealWithLeaves } from '../../seals/seal';
import type { AuditEvent } from '../model';
import { lineSafe, toJsonLines } from './jsonl';

export function toSealedJsonLines(events: readonly AuditEvent[], seals: readonly SealWithLeaves[]): string {
  const times = events.map((event) => Date.parse(event.timestamp));
  const relevant = seals.filter((seal) => times.some((t) => t > seal.from && t <= seal.to));
  return toJsonLines(events) + relevant.map((seal) => `${lineSafe(JSON.stringify({ seal }))}\n`).join('');
}
