/**
 * Security alerts (docs/tokens.md): what a signal on the verification path leaves for the admin
 * besides its audit event. An alert is open until an admin acknowledges it. Browser-safe (the
 * admin page imports the types and sentences).
 */

/** The signals the verification path raises; each is also the audit action id of its event. */
export const SIGNAL_KINDS = ['revokedTokenPresented', 'newNetworkUsed', 'failureBurst'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface Alert {
  /** Deterministic: one alert per token, signal and UTC day (alertId()). */
  id: string;
  signal: SignalKind;
  /** UTC day the signal fired, `YYYY-MM-DD`. */
  day: string;
  status: AlertStatus;
  /** Epoch ms. */
  createdAt: number;
  tokenId: string;
  tokenDescription: string;
  ownerAccountId: string;
  /** The sentence the event, the Alerts tab and a webhook message all carry. */
  sentence: string;
  /** The audit event recorded with the alert. */
  eventId: string;
  clientIp: string | null;
  /** For newNetworkUsed: the new network (`a.b.c.0/24` or `x:y:z:w::/64`). */
  network?: string;
  /** For failureBurst: failures counted in the window. */
  failures?: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
}

/** Where a webhook delivery of one alert stands (kept apart from the alert, so acknowledging never races it). */
export interface AlertDelivery {
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: number | null;
  /** Why the last attempt failed, per webhook name; never a URL. */
  lastError: string | null;
  /** Webhooks (ids) that accepted the message: a retry sends only to the others. */
  delivered: string[];
}

export interface AlertView extends Alert {
  delivery: AlertDelivery | null;
}

export const MS_PER_DAY = 86_400_000;

/** UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A storage-safe key: one alert per token, signal and day, so that a second writer conflicts. */
export function alertId(tokenId: string, signal: SignalKind, day: string): string {
  return `${day}.${signal}.${tokenId}`;
}

/** The id of the audit event recorded with the alert (deterministic, like the alert's). */
export function signalEventId(id: string): string {
  return `signal.${id}`;
}

export const SIGNAL_TITLES: Record<SignalKind, string> = {
  revokedTokenPresented: 'Revoked or expired token presented',
  newNetworkUsed: 'Token used from a new network',
  failureBurst: 'Burst of failed verifications',
};
