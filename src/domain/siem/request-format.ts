/**
 * The HTTP request each product documents for ingesting events, built from a batch of entities
 * (the same entity as the pull API and JSON Lines, export/siem-entity.ts). Every format carries
 * each event's id where the product deduplicates or can be told to:
 * - Splunk HEC `POST /services/collector/event`, `Authorization: Splunk <token>`, events stacked
 *   as JSON objects (`time` in epoch seconds, `sourcetype`, `source`, `event`, `fields.event_id`).
 * - Datadog Logs `POST /api/v2/logs`, `DD-API-KEY`, a JSON array of logs (`ddsource`, `service`,
 *   `hostname`, `message`, `event_id` attribute, the entity as `audit`).
 * - Elastic `POST /_bulk`, `Authorization: ApiKey <key>`, NDJSON `create` actions with `_id` =
 *   the event id (a repeated event is refused by Elasticsearch as a conflict, never stored twice).
 * - Any HTTPS endpoint (Sentinel's Logs Ingestion API among them): `POST`, `Authorization:
 *   Bearer <credential>`, a JSON array of entities with `TimeGenerated`.
 */
import type { SiemEntity } from '../audit/export/siem-entity';
import type { Destination } from './destination';

export const SIEM_SOURCE = 'atlassian:api-token-audit';
export const DEFAULT_ELASTIC_INDEX = 'atlassian-api-token-audit';

export interface SiemRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function buildSiemRequest(destination: Pick<Destination, 'kind' | 'url' | 'index'>, credential: string, entities: readonly SiemEntity[]): SiemRequest {
  switch (destination.kind) {
    case 'splunk-hec': {
      const body = entities
        .map((entity) =>
          JSON.stringify({ time: Date.parse(entity.timestamp) / 1000, host: entity.system || 'forge', source: SIEM_SOURCE, sourcetype: '_json', event: entity, fields: { event_id: entity.id } }),
        )
        .join('\n');
      const base = destination.url.replace(/\/services\/collector(\/event)?\/?$/, '');
      return { url: joinUrl(base, '/services/collector/event'), method: 'POST', headers: { authorization: `Splunk ${credential}`, 'content-type': 'application/json' }, body };
    }
    case 'datadog': {
      const logs = entities.map((entity) => ({
        ddsource: 'atlassian',
        service: 'api-token-audit',
        hostname: entity.system || 'forge',
        ddtags: `category:${entity.type.category},action:${entity.type.action}`,
        message: `${entity.type.action} by ${entity.author.id}`,
        event_id: entity.id,
        timestamp: Date.parse(entity.timestamp),
        audit: entity,
      }));
      const base = destination.url.replace(/\/api\/v2\/logs\/?$/, '');
      return { url: joinUrl(base, '/api/v2/logs'), method: 'POST', headers: { 'dd-api-key': credential, 'content-type': 'application/json' }, body: JSON.stringify(logs) };
    }
    case 'elastic': {
      const index = destination.index || DEFAULT_ELASTIC_INDEX;
      const body = entities.map((entity) => `${JSON.stringify({ create: { _index: index, _id: entity.id } })}\n${JSON.stringify({ '@timestamp': entity.timestamp, ...entity })}\n`).join('');
      const base = destination.url.replace(/\/_bulk\/?$/, '');
      return { url: joinUrl(base, '/_bulk'), method: 'POST', headers: { authorization: `ApiKey ${credential}`, 'content-type': 'application/x-ndjson' }, body };
    }
    case 'https':
      return {
        url: destination.url,
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify(entities.map((entity) => ({ TimeGenerated: entity.timestamp, ...entity }))),
      };
  }
}
