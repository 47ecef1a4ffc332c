/**
 * SIEM receivers for delivery tests: an HTTP server on 127.0.0.1 that parses each product's
 * documented request format and keeps what it received, with scripted failures (status codes,
 * Retry-After, dropped connections) for the next requests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The event ids the request carried, as the product would read them. */
  ids: string[];
  /** Whether the receiver accepted the request (2xx). */
  accepted: boolean;
}

export type Fault = { status: number; retryAfter?: string } | { drop: true };

export interface Receiver {
  url: string;
  hostPort: string;
  requests: ReceivedRequest[];
  /** Ids of every event in accepted requests, in arrival order (duplicates kept). */
  acceptedIds(): string[];
  failNext(...faults: Fault[]): void;
  /** Delays every answer by this many ms (a slow SIEM), so a test can act while a batch is in flight. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export type ProductFormat = 'splunk-hec' | 'datadog' | 'elastic' | 'https';

/** Reads the event ids out of a body in the product's format; throws if the framing is wrong. */
export function idsOf(format: ProductFormat, body: string): string[] {
  switch (format) {
    case 'splunk-hec':
      // HEC takes JSON objects one after another; each needs `event` (and here fields.event_id).
      return body.split('\n').filter((line) => line !== '').map((line) => {
        const item = JSON.parse(line) as { time: number; event: { id: string }; fields: { event_id: string }; sourcetype: string };
        if (typeof item.time !== 'number' || item.event.id !== item.fields.event_id) throw new Error('bad HEC event');
        return item.event.id;
      });
    case 'datadog': {
      const logs = JSON.parse(body) as Array<{ ddsource: string; service: string; message: string; event_id: string; audit: { id: string } }>;
      if (!Array.isArray(logs) || logs.length > 1000) throw new Error('Datadog takes a JSON array of at most 1000 logs');
      return logs.map((log) => {
        if (!log.ddsource || !log.service || !log.message || log.audit.id !== log.event_id) throw new Error('bad Datadog log');
        return log.event_id;
      });
    }
    case 'elastic': {
      if (!body.endsWith('\n')) throw new Error('bulk bodies end with a newline');
      const lines = body.slice(0, -1).split('\n');
      if (lines.length % 2 !== 0) throw new Error('bulk bodies are action/document pairs');
      const ids: string[] = [];
      for (let i = 0; i < lines.length; i += 2) {
        const action = JSON.parse(lines[i]) as { create?: { _index: string; _id: string } };
        const doc = JSON.parse(lines[i + 1]) as { id: string; '@timestamp': string };
        if (!action.create || action.create._id !== doc.id || !doc['@timestamp']) throw new Error('bad bulk pair');
        ids.push(doc.id);
      }
      return ids;
    }
    case 'https':
      return (JSON.parse(body) as Array<{ id: string; TimeGenerated: string }>).map((item) => {
        if (!item.TimeGenerated) throw new Error('no TimeGenerated');
        return item.id;
      });
  }
}

export function startReceiver(format: ProductFormat): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const faults: Fault[] = [];
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const fault = faults.shift();
      if (fault && 'drop' in fault) {
        requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, ids: idsOf(format, body), accepted: false });
        req.socket.destroy();
        return;
      }
      const status = fault?.status ?? 200;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, ids: idsOf(format, body), accepted: status < 300 });
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json', ...(fault?.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
        res.end(status < 300 ? '{"text":"Success","code":0}' : '{"text":"failure"}');
      }, delayMs);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        hostPort: `127.0.0.1:${port}`,
        requests,
        acceptedIds: () => requests.filter((r) => r.accepted).flatMap((r) => r.ids),
        failNext: (...next) => faults.push(...next),
        setDelay: (ms) => {
          delayMs = ms;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}
