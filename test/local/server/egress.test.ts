// Egress through the real @forge/api fetch: only the manifest's external.fetch.backend hosts, or LOCAL_EGRESS_ALLOW.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEgressPolicy, parseLocalAllow } from '../../../local/runtime/egress';
import { FIXTURE_APP, startHost, type TestHost } from '../../support/host';

function startReceiver(): Promise<{ server: Server; port: number; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('received');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, bodies })));
}

describe('egress policy', () => {
  it('matches the manifest entries as Forge does (exact hosts, wildcard subdomains, scheme) and opens only listed host:port pairs', () => {
    const policy = createEgressPolicy(['https://*.splunkcloud.com', 'https://api.example.com'], parseLocalAllow(' 127.0.0.1:8088 ,LOCALHOST:9000'));
    expect(policy.allows('https://acme.splunkcloud.com/services/collector/event')).toBe(true);
    expect(policy.allows('https://api.example.com/x')).toBe(true);
    expect(policy.allows('http://api.example.com/x')).toBe(false);
    expect(policy.allows('https://splunkcloud.com.evil.example/x')).toBe(false);
    expect(policy.allows('https://other.example.com/x')).toBe(false);
    expect(policy.allows('http://127.0.0.1:8088/services/collector/event')).toBe(true);
    expect(policy.allows('http://127.0.0.1:8089/')).toBe(false);
    expect(policy.allows('http://localhost:9000/')).toBe(true);
    expect(policy.allows('not a url')).toBe(false);
  });
});

describe('egress through the host', () => {
  let host: TestHost;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const saved = process.env.LOCAL_EGRESS_ALLOW;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await host?.stop();
    process.env.LOCAL_EGRESS_ALLOW = saved;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  it('refuses a fetch to an undeclared host with the SDK error, before any connection', async () => {
    delete process.env.LOCAL_EGRESS_ALLOW;
    host = await startHost({ app: FIXTURE_APP });
    const url = `http://127.0.0.1:${receiver.port}/ingest`;
    const reply = (await host.webtrigger('fetch-out', { query: { url } })).json<{ error: string; message: string }>();
    expect(reply).toEqual({ error: 'ExternalEndpointNotAllowedError', message: expect.stringContaining(`URL not included in the external fetch backend permissions: ${url}`) });
    expect(receiver.bodies).toEqual([]);
  });

  it('lets LOCAL_EGRESS_ALLOW open one host:port, and only that one', async () => {
    process.env.LOCAL_EGRESS_ALLOW = `127.0.0.1:${receiver.port}`;
    host = await startHost({ app: FIXTURE_APP });
    const reply = (await host.webtrigger('fetch-out', { query: { url: `http://127.0.0.1:${receiver.port}/ingest` } })).json<{ status: number; body: string }>();
    expect(reply).toEqual({ status: 200, body: 'received' });
    expect(receiver.bodies).toEqual(['ping']);
    const other = (await host.webtrigger('fetch-out', { query: { url: `http://127.0.0.1:${receiver.port + 1}/ingest` } })).json<{ error: string }>();
    expect(other.error).toBe('ExternalEndpointNotAllowedError');
  });
});
