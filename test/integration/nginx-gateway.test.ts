/**
 * Real nginx (Debian's package) in front of a small upstream, using docs/gateways/nginx.conf as
 * written (only its three marked lines changed) with auth_request against the local host's
 * verify-token trigger. Proves the documented gateway set-up works end to end.
 *
 * nginx must be installed (`.ci/run` installs it); when it is missing this test FAILS with a
 * message saying so, rather than skipping quietly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHost, type TestHost } from '../support/host';
import { createToken } from './support/verification';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const DOCS_CONF = path.resolve(__dirname, '..', '..', 'docs', 'gateways', 'nginx.conf');

let host: TestHost;
let upstream: Server;
let nginx: ChildProcess | null = null;
let dir: string;
let gateway: string;
/** What the upstream last received, to check what nginx passes on. */
let lastUpstream: { method: string; url: string; headers: IncomingHttpHeaders } | null = null;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The documented file with its three marked lines pointed at this test's upstream, port and trigger. */
function gatewayConfig(upstreamPort: number, gatewayPort: number, verifyUrl: string): string {
  const docs = readFileSync(DOCS_CONF, 'utf8');
  const replaced = docs
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`)
    .replace('listen 8081;', `listen 127.0.0.1:${gatewayPort};`)
    .replace('https://example.atlassian-dev.net/x1/REPLACE-WITH-YOUR-WEBTRIGGER-ID', verifyUrl);
  if (replaced.includes('REPLACE-WITH') || !replaced.includes(String(upstreamPort)) || !replaced.includes(String(gatewayPort))) {
    throw new Error('docs/gateways/nginx.conf no longer has the marked lines this test changes');
  }
  // Everything nginx writes stays in the temp dir, so no root and no /var are needed.
  return [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log info;`,
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    replaced,
    '}',
  ].join('\n');
}

async function startNginx(config: string, port: number): Promise<void> {
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(NGINX, ['-p', dir, '-c', file, '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  nginx = child;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await accepting(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const log = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
  throw new Error(`nginx did not start (exit ${String(child.exitCode)}): ${stderr}\n${log}`);
}

async function stopNginx(): Promise<void> {
  const child = nginx;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx is not installed at ${NGINX}: install Debian's nginx-light (".ci/run" does) or set NGINX_BIN. This test does not skip.`);
  }
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  host = await startHost();
  upstream = createServer((req, res) => {
    lastUpstream = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ upstream: true, method: req.method, url: req.url }));
  });
  const upstreamPort = await listen(upstream);
  dir = mkdtempSync(path.join(tmpdir(), 'nginx-gateway-'));
  // nginx's workers may run as another user when the test runs as root.
  chmodSync(dir, 0o755);
  const port = await freePort();
  gateway = `http://127.0.0.1:${port}`;
  await startNginx(gatewayConfig(upstreamPort, port, host.webtriggerUrl('verify-token')), port);
});

afterAll(async () => {
  await stopNginx();
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
  if (host) await host.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

beforeEach(() => {
  lastUpstream = null;
});

const through = (method: string, urlPath: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${gateway}${urlPath}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });

describe('nginx auth_request in front of a service (docs/gateways/nginx.conf)', () => {
  it('lets a read with a read-only token through, passing the token identity and not the token', async () => {
    const { token, secret } = await createToken(host, { scope: 'read-only' });
    const reply = await through('GET', '/rest/api/3/myself?expand=groups', { authorization: `Bearer ${secret}` });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ upstream: true, method: 'GET', url: '/rest/api/3/myself?expand=groups' });
    expect(lastUpstream?.headers['x-token-id']).toBe(token.id);
    expect(lastUpstream?.headers['x-token-scope']).toBe('read-only');
    expect(lastUpstream?.headers.authorization).toBeUndefined();
  });

  it('refuses a write with a read-only token with 403, before the service sees it', async () => {
    const { secret } = await createToken(host, { scope: 'read-only' });
    const reply = await through('PUT', '/rest/api/3/issue/ABC-1', { authorization: `Bearer ${secret}` });
    expect(reply.status).toBe(403);
    expect(lastUpstream).toBeNull();
  });

  it('lets a write with a read-write token through', async () => {
    const { secret } = await createToken(host, { scope: 'read-write' });
    const reply = await through('PUT', '/rest/api/3/issue/ABC-1', { 'x-api-token': secret });
    expect(reply.status).toBe(200);
    expect(lastUpstream?.method).toBe('PUT');
  });

  it('refuses a request without a token with 401', async () => {
    const reply = await through('GET', '/rest/api/3/myself');
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    expect(lastUpstream).toBeNull();
  });

  it('answers 429 with Retry-After when the token is over its rate limit (not nginx\'s 500)', async () => {
    const { secret } = await createToken(host, { rateLimit: { requests: 1, windowSeconds: 3600 } });
    expect((await through('GET', '/x', { authorization: `Bearer ${secret}` })).status).toBe(200);
    const limited = await through('GET', '/x', { authorization: `Bearer ${secret}` });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('checks the address nginx saw, not an X-Forwarded-For the client made up', async () => {
    const { secret } = await createToken(host, { ipAllowlist: ['10.0.0.0/8'] });
    const reply = await through('GET', '/x', { authorization: `Bearer ${secret}`, 'x-forwarded-for': '10.1.2.3' });
    expect(reply.status).toBe(403);
  });
});
