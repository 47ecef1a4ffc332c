/**
 * ArcSight Common Event Format, one event per line:
 *   CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|Extension
 * Header fields escape `\` and `|` and carry no line breaks; extension values escape `\` and `=`
 * and encode line breaks as `\n` / `\r` (CEF Implementation Standard); U+2028/U+2029, which
 * Unicode line splitters also break at, are written as `\u2028` / `\u2029` as JSON Lines does.
 * Standard keys: rt, suser and suid (both the author's account id, in every event), src (IPv4)
 * or c6a2 (IPv6), act, cat, msg, outcome, externalId (at most 40 characters, the standard's
 * limit: a longer event id is replaced by a 40-character digest, the full id is flexString1),
 * requestMethod, request; the author's display name is flexString2; the rest in labelled custom
 * strings cs1..cs6. Pure and browser-safe.
 */
import { sha256Hex } from '../../crypto/sha256';
import { ATTRIBUTES, type AuditEvent } from '../model';

export const CEF_DEVICE = { vendor: 'API Token Audit', product: 'API Token Audit for Jira', version: '1.0' } as const;

/** 0 (routine) to 10 (most severe), by action. */
const SEVERITY: Record<string, number> = {
  'Token authentication succeeded': 1,
  'App API call': 1,
  'Events purged': 2,
  'Token created': 3,
  'Token edited': 3,
  'Token rotated': 3,
  'Token revoked': 4,
  'All tokens of a user revoked': 5,
  'Rate limited': 4,
  'Token authentication failed': 5,
  'Credential verification failed': 5,
  'Audit settings changed': 6,
  'Token policy changed': 6,
  'Permission denied': 6,
  'Events discarded': 8,
};

const OUTCOME: Record<string, string> = {
  'Token authentication succeeded': 'success',
  'Token authentication failed': 'failure',
  'Credential verification failed': 'failure',
  'Permission denied': 'failure',
  'Rate limited': 'failure',
};

export function escapeHeader(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

export function escapeExtension(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The CEF standard's limit for externalId. */
export const EXTERNAL_ID_MAX = 40;

/**
 * The event id when it fits; otherwise `h` and 39 hex digits of its SHA-256, the same for the same
 * id in every export and batch, so a SIEM still deduplicates on it.
 */
export function cefExternalId(id: string): string {
  return id.length <= EXTERNAL_ID_MAX ? id : `h${sha256Hex(id).slice(0, EXTERNAL_ID_MAX - 1)}`;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function attribute(event: AuditEvent, name: string): string | undefined {
  return event.extraAttributes.find((a) => a.name === name)?.value;
}

function extension(event: AuditEvent): Array<[string, string]> {
  const fields: Array<[string, string | undefined]> = [
    ['rt', String(Date.parse(event.timestamp))],
    ['externalId', cefExternalId(event.id)],
    ['act', event.type.action],
    ['cat', event.type.category],
    ['suser', event.author.id],
    ['suid', event.author.id],
    ['outcome', OUTCOME[event.type.action]],
    ['requestMethod', attribute(event, ATTRIBUTES.requestMethod)],
    ['request', attribute(event, ATTRIBUTES.requestPath)],
    ['msg', [event.type.action, ...event.affectedObjects.map((o) => `${o.type} ${o.name}`)].join(': ')],
  ];
  if (event.id.length > EXTERNAL_ID_MAX) fields.push(['flexString1', event.id], ['flexString1Label', 'Event ID']);
  if (event.author.name !== event.author.id) fields.push(['flexString2', event.author.name], ['flexString2Label', 'Author name']);
  if (event.source && IPV4.test(event.source)) fields.push(['src', event.source]);
  else if (event.source && event.source.includes(':')) fields.push(['c6a2', event.source], ['c6a2Label', 'Source IPv6 Address']);
  const custom: Array<[string, string]> = [
    ['Token ID', attribute(event, ATTRIBUTES.tokenId) ?? event.affectedObjects.find((o) => o.type === 'API token')?.id ?? ''],
    ['Affected objects', event.affectedObjects.map((o) => `${o.type}:${o.id} (${o.name})`).join('; ')],
    ['Changed values', event.changedValues.map((c) => `${c.key}: ${c.from ?? '-'} -> ${c.to ?? '-'}`).join('; ')],
    ['Attributes', event.extraAttributes.map((a) => `${a.name}: ${a.value}`).join('; ')],
    ['Site', event.system],
    ['Method', event.method],
  ];
  custom.forEach(([label, value], index) => {
    if (value !== '') fields.push([`cs${index + 1}`, value], [`cs${index + 1}Label`, label]);
  });
  return fields.filter((field): field is [string, string] => field[1] !== undefined && field[1] !== '');
}

export function toCefLine(event: AuditEvent): string {
  const header = [
    'CEF:0',
    escapeHeader(CEF_DEVICE.vendor),
    escapeHeader(CEF_DEVICE.product),
    escapeHeader(CEF_DEVICE.version),
    escapeHeader(event.type.actionI18nKey),
    escapeHeader(event.type.action),
    String(SEVERITY[event.type.action] ?? 3),
  ].join('|');
  return `${header}|${extension(event).map(([key, value]) => `${key}=${escapeExtension(value)}`).join(' ')}`;
}

export function toCef(events: readonly AuditEvent[]): string {
  return events.map((event) => `${toCefLine(event)}\n`).join('');
}
