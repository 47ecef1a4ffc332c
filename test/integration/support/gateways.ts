/**
 * Real gateways for the tests: Debian's nginx and Caddy, started on loopback ports with the
 * shipped files of docs/gateways/ (only their marked lines changed), in front of a small upstream
 * that records what reaches it. A missing binary FAILS the test with a message, never skips it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const CADDY_BIN = process.env.CADDY_BIN ?? '/usr/bin/caddy';
/** docs/gateways/ of the repository, found upwards (the bench runs this file bundled from local/dist/). */
function docsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'gateways');
    if (existsSync(path.join(candidate, 'nginx.conf'))) return candidate;
  }
  throw new Error(`docs/gateways/ not found above ${__dirname}`);
}
const DOCS = docsDir();

/** The loopback address nginx connects to the trigger from (`proxy_bind`); Caddy 2.6 cannot choose, so it uses 127.0.0.1. */
export const NGINX_PEER = '127.0.0.2';
export const CADDY_PEER = '127.0.0.1';

export interface UpstreamRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Upstream {
  port: number;
  received: UpstreamRequest[];
  close(): Promise<void>;
}

export interface Gateway {
  name: 'nginx' | 'caddy';
  url: string;
  stop(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function freePort(): Promise<number> {
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

export async function startUpstream(): Promise<Upstream> {
  const received: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ upstream: true, method: req.method, url: req.url }));
  });
  const port = await listen(server);
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One HTTP request with exactly these headers, from a chosen loopback address. */
export function send(url: string, options: { method: string; headers?: Record<string, string>; body?: string; from?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest(url, { method: options.method, headers, ...(options.from ? { localAddress: options.from } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function replaceMarked(file: string, replacements: Array<[string, string]>): string {
  let text = readFileSync(path.join(DOCS, file), 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`docs/gateways/${file} no longer has the marked text "${from}" this test changes`);
    text = text.replace(from, to);
  }
  return text;
}

async function waitUntilAccepting(child: ChildProcess, port: number, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await accepting(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not start (exit ${String(child.exitCode)}): ${log()}`);
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** docs/gateways/nginx.conf with its four marked lines changed (the cache path to its own directory), and `proxy_bind` so the trigger sees it as NGINX_PEER. */
export async function startNginx(upstreamPort: number, verifyUrl: string): Promise<Gateway> {
  if (!existsSync(NGINX_BIN)) {
    throw new Error(`nginx is not installed at ${NGINX_BIN}: install Debian's nginx-light (".ci/run" does) or set NGINX_BIN. This test does not skip.`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-nginx-'));
  // nginx's workers may run as another user when the test runs as root.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const site = replaceMarked('nginx.conf', [
    ['server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`],
    ['listen 8081;', `listen 127.0.0.1:${port};`],
    ['https://example.atlassian-dev.net/x1/REPLACE-WITH-YOUR-WEBTRIGGER-ID;', `${verifyUrl};\n        proxy_bind ${NGINX_PEER};`],
    // The test's own directory (removed when nginx stops) rather than the shared /run.
    ['proxy_cache_path /run/nginx-api-token-cache ', `proxy_cache_path ${dir}/api-token-cache `],
  ]);
  const config = [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log info;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    site,
    '}',
  ].join('\n');
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', file, '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const errorLog = (): string => (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  await waitUntilAccepting(child, port, 'nginx', () => `${stderr}\n${errorLog()}`);
  return { name: 'nginx', url: `http://127.0.0.1:${port}`, stop: stopper(child, dir) };
}

/** docs/gateways/Caddyfile with its four marked lines changed, under global options that keep Caddy to its temp dir. */
export async function startCaddy(upstreamPort: number, verifyUrl: string): Promise<Gateway> {
  if (!existsSync(CADDY_BIN)) {
    throw new Error(`Caddy is not installed at ${CADDY_BIN}: install Debian's caddy (".ci/run" does) or set CADDY_BIN. This test does not skip.`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-caddy-'));
  const port = await freePort();
  const trigger = new URL(verifyUrl);
  const site = replaceMarked('Caddyfile', [
    [':8082 {', `http://127.0.0.1:${port} {`],
    ['forward_auth https://example.atlassian-dev.net {', `forward_auth ${trigger.protocol}//${trigger.host} {`],
    ['uri /x1/REPLACE-WITH-YOUR-WEBTRIGGER-ID', `uri ${trigger.pathname}`],
    ['reverse_proxy 127.0.0.1:8080 {', `reverse_proxy 127.0.0.1:${upstreamPort} {`],
  ]);
  const file = path.join(dir, 'Caddyfile');
  writeFileSync(file, `{\n\tadmin off\n\tauto_https off\n}\n\n${site}`);
  for (const sub of ['data', 'config']) mkdirSync(path.join(dir, sub));
  const child = spawn(CADDY_BIN, ['run', '--config', file, '--adapter', 'caddyfile'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitUntilAccepting(child, port, 'Caddy', () => stderr);
  return { name: 'caddy', url: `http://127.0.0.1:${port}`, stop: stopper(child, dir) };
}
