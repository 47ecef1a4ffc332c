/**
 * The event as SIEM tools receive it (pull API, JSON Lines export, streamed batches): Atlassian
 * Audit's published `/rest/auditing/1.0/events` entity, field for field.
 *
 * - Every string field of the published type is a string: `source` and `changedValues[].from/to`
 *   are "" where the event has none (never null).
 * - `author.id` and `author.name` are both the account id (or the app/anonymous id) in every
 *   event, so a SIEM's user field means one thing; the display name recorded with the event, when
 *   it had one, is `author.displayName`.
 * - `author.uri`, `author.avatarUri` and `affectedObjects[].uri` are paths on the Jira site
 *   (a user's profile, their avatar); "" for objects without a page.
 * - `node` is "forge": Forge has no cluster nodes to name.
 * Pure and browser-safe (the Custom UI exports with it).
 */
import type { AuditEvent } from '../model';

export interface SiemEntity {
  id: string;
  timestamp: string;
  author: { id: string; name: string; type: string; uri: string; avatarUri: string; displayName?: string };
  type: AuditEvent['type'];
  affectedObjects: Array<{ id: string; name: string; type: string; uri: string }>;
  changedValues: Array<{ key: string; from: string; to: string; i18nKey?: string }>;
  extraAttributes: AuditEvent['extraAttributes'];
  source: string;
  method: string;
  system: string;
  node: string;
}

export const SIEM_NODE = 'forge';

function userPath(accountId: string): string {
  return `/jira/people/${encodeURIComponent(accountId)}`;
}

function avatarPath(accountId: string): string {
  return `/secure/useravatar?ownerId=${encodeURIComponent(accountId)}`;
}

export function toSiemEntity(event: AuditEvent): SiemEntity {
  const { author } = event;
  const isUser = author.type === 'user';
  return {
    id: event.id,
    timestamp: event.timestamp,
    author: {
      id: author.id,
      name: author.id,
      type: author.type,
      uri: isUser ? userPath(author.id) : '',
      avatarUri: isUser ? avatarPath(author.id) : '',
      ...(author.name !== author.id ? { displayName: author.name } : {}),
    },
    type: event.type,
    affectedObjects: event.affectedObjects.map((o) => ({ id: o.id, name: o.name, type: o.type, uri: o.type === 'user' ? userPath(o.id) : '' })),
    changedValues: event.changedValues.map((c) => ({ key: c.key, from: c.from ?? '', to: c.to ?? '', ...(c.i18nKey ? { i18nKey: c.i18nKey } : {}) })),
    extraAttributes: event.extraAttributes,
    source: event.source ?? '',
    method: event.method,
    system: event.system,
    node: SIEM_NODE,
  };
}
