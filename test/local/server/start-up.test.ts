// `npm start` as a newcomer meets it: the built host prints its URLs without a bundle report,
// a second start on the same store and a busy port each print one sentence, and the browser's
// /favicon.ico request is answered.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'local', 'dist', 'main.js');

let storeDir: string;
let first: ChildProcess | undefined;

beforeAll(() => {
  storeDir = mkdtempSync(path.join(tmpdir(), 'start-up-'));
});

afterAll(() => {
  first?.kill('SIGTERM');
  rmSync(storeDir, { recursive: true, force: true });
});

/** Starts the host and resolves with its URL once it has printed it. */
function startFirst(): Promise<string> {
  first = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, PORT: '0', LOCAL_STORE: storeDir } });
  return new Promise((resolve, reject) => {
    let out = '';
    first?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /Local Forge host: (http:\/\/\S+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    first?.on('exit', (code) => reject(new Error(`the host exited (${String(code)}) before printing its URL: ${out}`)));
  });
}

function runOnce(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('starting the local host', () => {
  it('prints its URLs, and answers /favicon.ico', async () => {
    const url = await startFirst();
    const favicon = await fetch(`${url}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toBe('image/svg+xml');
  }, 30_000);

  it('a second start on the same store prints one sentence and no stack trace', () => {
    const second = runOnce({ PORT: '0', LOCAL_STORE: storeDir });
    expect(second.status).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The local store .* is in use by another local host \(process \d+\): stop that one, or start this one with LOCAL_STORE=memory/);
    expect(second.stderr).not.toMatch(/ at |takeLock/);
  }, 30_000);

  it('a busy port prints one sentence', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = runOnce({ PORT: String(port), LOCAL_STORE: 'memory' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`Port ${port} is in use: set PORT to another port (e.g. PORT=8751 npm start).`);
    } finally {
      blocker.close();
    }
  }, 30_000);
});

describe('building for npm start', () => {
  it('prints no bundle-size report; npm run build does', () => {
    const build = path.join(ROOT, 'local', 'build.mjs');
    const forStart = spawnSync(process.execPath, [build], { cwd: ROOT, env: { ...process.env, npm_lifecycle_event: 'start' }, encoding: 'utf8' });
    expect(forStart.status).toBe(0);
    expect(forStart.stdout).toBe('');
    const forBuild = spawnSync(process.execPath, [build], { cwd: ROOT, env: { ...process.env, npm_lifecycle_event: 'build' }, encoding: 'utf8' });
    expect(forBuild.stdout).toMatch(/audit-log app-\S+\.js: [\d.]+ KB minified/);
  }, 60_000);
});
