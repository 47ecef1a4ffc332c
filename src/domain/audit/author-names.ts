/**
 * Which authors of a page of events need a display name looked up. Events are kept as written
 * (exports and integrity seals carry them byte for byte), and some writers know only the account
 * id: the verify-token web trigger names the token owner by id. Pages show those authors' display
 * names from a map beside the events (`authorNames` of `audit/search`), never inside them.
 */
import type { AuditEvent } from './model';

/** Account ids of user authors whose event stores no name but the id, each once, in page order. */
export function unnamedAuthorIds(events: readonly AuditEvent[]): string[] {
  const ids = new Set<string>();
  for (const { author } of events) {
    if (author.type === 'user' && author.id !== '' && (author.name === '' || author.name === author.id)) ids.add(author.id);
  }
  return [...ids];
}

/** The name a page shows for an event's author: the looked-up display name, else the stored name, else the id. */
export function authorDisplayName(event: Pick<AuditEvent, 'author'>, names: Readonly<Record<string, string>>): string {
  const looked = Object.hasOwn(names, event.author.id) ? names[event.author.id] : undefined;
  if (looked !== undefined && looked !== '') return looked;
  return event.author.name !== '' ? event.author.name : event.author.id;
}
