/**
 * Security signals on the verification path (docs/tokens.md), decided from what the one batch
 * read already holds, so that a verification with no signal costs no extra storage call:
 *
 * - revokedTokenPresented: a revoked or expired token (an old secret past its rotation grace
 *   included) is still presented: someone still holds it and uses it.
 * - newNetworkUsed: an admitted use from a network (/24 for IPv4, /64 for IPv6) that is not among
 *   the token's RECENT_NETWORKS last ones. The networks are kept in the token's usage row, which
 *   verification already reads every time and writes whenever the client address changes (so the
 *   list costs nothing extra). The first network a token is seen from is its baseline, not a signal;
 *   usage rows from before this rule start from the network of their last recorded address.
 * - failureBurst: BURST_THRESHOLD failed verifications of one known token (revoked, expired, IP not
 *   allowed, scope denied) within BURST_WINDOW_MS, as counted by one warm instance
 *   (instance-memory.ts). Counting in storage would cost a write per failure; an instance's count
 *   is a lower bound of the site's (platform traffic of one caller mostly reaches the same warm
 *   instances), so a burst fires at the latest when one instance has seen the threshold.
 *
 * Each signal fires at most once per token, signal and UTC day: the day it last fired is kept in
 * the usage row (`signalDays`), and the alert row it creates has a deterministic id written on the
 * condition that it does not exist yet, in the same transaction as the event (verification-store.ts),
 * so two concurrent verifications cannot both record it.
 */
import { ATTRIBUTES, type AuditEventDraft, type ExtraAttribute } from '../audit/model';
import { alertId, signalEventId, utcDay, type Alert, type SignalKind } from '../alerts/model';
import { networkOf } from '../net/cidr';
import type { TokenLookup, TokenUsage } from '../tokens/model';
import { tokenObjects } from './audit-draft';
import type { VerificationDecision, VerificationFailureCode, VerificationInput } from './model';

/** Networks remembered per token, most recent first. */
export const RECENT_NETWORKS = 8;

/** A failure burst: this many failed verifications of one token … */
export const BURST_THRESHOLD = 10;
/** … within this long (sliding), as seen by one instance. */
export const BURST_WINDOW_MS = 5 * 60_000;

/** Denials of a known token that count towards a burst. Rate limiting is load, not misuse, and is not counted. */
export const BURST_CODES: readonly VerificationFailureCode[] = ['REVOKED_TOKEN', 'EXPIRED_TOKEN', 'IP_NOT_ALLOWED', 'SCOPE_DENIED'];

/** The alert author: the app itself noticed it. */
const SIGNAL_AUTHOR = { id: 'api-token-audit', name: 'API Token Audit', type: 'system' } as const;

/** The signal memory kept in the token's usage row. */
export interface SignalMemory {
  /** Recent networks, most recent first, at most RECENT_NETWORKS. */
  networks?: string[];
  /** UTC day (`YYYY-MM-DD`) each signal last fired for this token. */
  signalDays?: Partial<Record<SignalKind, string>>;
}

export interface FiredSignal {
  alert: Alert;
  draft: AuditEventDraft;
}

export interface SignalInput {
  decision: VerificationDecision;
  input: VerificationInput;
  usage: (TokenUsage & SignalMemory) | null;
  now: number;
  /** Failures of this token in the burst window as this instance counted them (this one included); 0 for an admitted request. */
  recentFailures: number;
  /** Signals this request already tried to record and lost to a concurrent writer: fired, do not record again. */
  settled: readonly SignalKind[];
}

export interface SignalPlan {
  fired: FiredSignal[];
  /** The signal memory to store with the usage row, or null when nothing in it changed. */
  memory: SignalMemory | null;
}

export function isBurstFailure(decision: VerificationDecision): boolean {
  return !decision.valid && decision.lookup !== null && BURST_CODES.includes(decision.code);
}

/** The networks a use is compared with: the stored list, else the network of the last recorded address. */
function knownNetworks(usage: (TokenUsage & SignalMemory) | null): string[] {
  if (usage?.networks) return usage.networks;
  const last = networkOf(usage?.lastUsedIp ?? null);
  return last ? [last] : [];
}

function tokenLabel(lookup: TokenLookup): string {
  return `API token "${lookup.description}" (${lookup.tokenId}) of ${lookup.ownerAccountId}`;
}

function sentenceFor(signal: SignalKind, lookup: TokenLookup, details: { ip: string | null; network?: string; failures?: number; code?: string }): string {
  const from = details.ip ? ` from ${details.ip}` : '';
  switch (signal) {
    case 'revokedTokenPresented':
      return `${tokenLabel(lookup)} was presented${from} although it is ${details.code === 'REVOKED_TOKEN' ? 'revoked' : 'expired'}: someone still holds it.`;
    case 'newNetworkUsed':
      return `${tokenLabel(lookup)} was used from ${details.network ?? 'a network'}, a network it has not used recently${details.ip ? ` (client ${details.ip})` : ''}.`;
    case 'failureBurst':
      return `${tokenLabel(lookup)} failed verification ${details.failures ?? BURST_THRESHOLD} times within ${BURST_WINDOW_MS / 60_000} minutes (last reason ${details.code ?? 'unknown'}${from}).`;
  }
}

function fire(signal: SignalKind, p: SignalInput, lookup: TokenLookup, details: { network?: string; failures?: number; code?: string }): FiredSignal {
  const day = utcDay(p.now);
  const id = alertId(lookup.tokenId, signal, day);
  const ip = p.input.clientIp;
  const sentence = sentenceFor(signal, lookup, { ip, ...details });
  const extraAttributes: ExtraAttribute[] = [
    { name: 'Alert', value: sentence },
    { name: 'Alert ID', value: id },
    { name: ATTRIBUTES.tokenId, value: lookup.tokenId },
    { name: ATTRIBUTES.tokenDescription, value: lookup.description },
    { name: ATTRIBUTES.owner, value: lookup.ownerAccountId },
  ];
  if (details.code) extraAttributes.push({ name: ATTRIBUTES.reason, value: details.code });
  if (details.network) extraAttributes.push({ name: 'Network', value: details.network });
  if (details.failures !== undefined) extraAttributes.push({ name: 'Failures', value: String(details.failures) });
  if (ip !== null) extraAttributes.push({ name: ATTRIBUTES.clientIp, value: ip });
  const alert: Alert = {
    id,
    signal,
    day,
    status: 'open',
    createdAt: p.now,
    tokenId: lookup.tokenId,
    tokenDescription: lookup.description,
    ownerAccountId: lookup.ownerAccountId,
    sentence,
    eventId: signalEventId(id),
    clientIp: ip,
    ...(details.network ? { network: details.network } : {}),
    ...(details.failures !== undefined ? { failures: details.failures } : {}),
  };
  const draft: AuditEventDraft = { action: signal, author: SIGNAL_AUTHOR, affectedObjects: tokenObjects(lookup), extraAttributes, source: ip, method: 'Web trigger' };
  return { alert, draft };
}

/** What the verification's outcome signals, and the signal memory to keep. Pure. */
export function planSignals(p: SignalInput): SignalPlan {
  const lookup = p.decision.lookup;
  if (!lookup) return { fired: [], memory: null };
  const day = utcDay(p.now);
  const stored = p.usage?.signalDays ?? {};
  const signalDays: Partial<Record<SignalKind, string>> = { ...stored };
  for (const signal of p.settled) signalDays[signal] = day;
  const fired: FiredSignal[] = [];
  const due = (signal: SignalKind): boolean => signalDays[signal] !== day;

  let networks: string[] | undefined = p.usage?.networks;
  if (p.decision.valid) {
    const network = networkOf(p.input.clientIp);
    const known = knownNetworks(p.usage);
    if (network !== null) {
      if (known.length > 0 && !known.includes(network) && due('newNetworkUsed')) fired.push(fire('newNetworkUsed', p, lookup, { network }));
      networks = [network, ...known.filter((n) => n !== network)].slice(0, RECENT_NETWORKS);
    }
  } else {
    const code = p.decision.code;
    if ((code === 'REVOKED_TOKEN' || code === 'EXPIRED_TOKEN') && due('revokedTokenPresented')) fired.push(fire('revokedTokenPresented', p, lookup, { code }));
    if (isBurstFailure(p.decision) && p.recentFailures >= BURST_THRESHOLD && due('failureBurst')) fired.push(fire('failureBurst', p, lookup, { failures: p.recentFailures, code }));
  }
  for (const { alert } of fired) signalDays[alert.signal] = day;

  const networksChanged = networks !== undefined && (p.usage?.networks === undefined || networks.join() !== p.usage.networks.join());
  const daysChanged = Object.keys(signalDays).some((signal) => signalDays[signal as SignalKind] !== stored[signal as SignalKind]);
  if (!networksChanged && !daysChanged) return { fired, memory: null };
  return { fired, memory: { ...(networks ? { networks } : {}), ...(Object.keys(signalDays).length > 0 ? { signalDays } : {}) } };
}
