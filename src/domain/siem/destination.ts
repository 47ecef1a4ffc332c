/**
 * SIEM destinations (docs/audit-events.md): where the audit trail is streamed, and what is kept about
 * each. The credential is never part of a destination as stored or returned: it is a Forge secret
 * of its own (adapters/siem/destination-store.ts).
 */
export const DESTINATION_KINDS = ['splunk-hec', 'datadog', 'elastic', 'https'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const DATADOG_SITES = ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'datadoghq.eu', 'ap1.datadoghq.com', 'ddog-gov.com'] as const;

export interface Destination {
  id: string;
  kind: DestinationKind;
  name: string;
  /**
   * Splunk: the HEC base URL (`https://<stack>.splunkcloud.com:8088`); Datadog: the logs intake
   * (`https://http-intake.logs.<site>`); Elastic: the deployment URL; https: the full endpoint.
   */
  url: string;
  /** Elastic: the index the bulk API writes to. */
  index?: string;
  createdAt: number;
}

/** Where delivery stands, per destination: the position survives restarts and concurrent consumers. */
export interface DeliveryState {
  /** Everything up to this event timestamp, and the ids delivered at exactly that timestamp, has been sent. */
  position: { t: number; ids: string[] };
  /** `active`, or `stopped` after a 401/403 until "Resume". */
  status: 'active' | 'stopped';
  lastDeliveryAt: number | null;
  lastDeliveredCount: number;
  delivered: number;
  lastError: { at: number; status: number | null; message: string } | null;
  /** Not before this time (backoff after 429/5xx). */
  retryAt: number | null;
  /** Bumped on every change: the compare-and-set token two consumers race on. */
  version: number;
}

export function initialState(from: number): DeliveryState {
  return { position: { t: from, ids: [] }, status: 'active', lastDeliveryAt: null, lastDeliveredCount: 0, delivered: 0, lastError: null, retryAt: null, version: 0 };
}

/** What the admin page sees: never a credential. */
export interface DestinationView extends Destination {
  hasCredential: boolean;
  state: Omit<DeliveryState, 'version'>;
  /** Events stored but not yet delivered (bounded count; `lagCapped` when there are more). */
  lag: number;
  lagCapped: boolean;
}
